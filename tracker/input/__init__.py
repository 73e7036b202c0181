"""What users write, turned into commands: CLI options and JSON lines, the reference data, and
the gazetteer that resolves names in every language to slugs."""
