"""Fuzz targets: the readers, the DOM walk and the whole audit, the rule parser and engine."""
