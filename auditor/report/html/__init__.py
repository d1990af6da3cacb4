"""HTML output: the page report's and the bulk dashboard's shared document shell,
escaping and inline SVG charts. Page-derived text is escaped in one place (`esc`)."""
