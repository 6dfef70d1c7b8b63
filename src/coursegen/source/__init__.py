"""Files to validated specs: located YAML, the schema, plain messages for every mistake."""
