"""The command line: thin modules that parse, call the core, print and map errors to exit codes."""
