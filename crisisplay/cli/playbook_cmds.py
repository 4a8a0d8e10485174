"""Commands on the playbook home: list, show, validate, schema, init."""
