"""Checking a whole playbook home: playbooks, templates, drills, roster coverage."""
