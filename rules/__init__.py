"""The project's own filter lists and catalogue: data, shipped as package `auditor_rules`."""
