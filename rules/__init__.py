"""Eteinen rule language: need vocabularies and routing rules in TOML files (no Flask, no database)."""
