"""Persistence: declarative base, column types, engine factory, migrations."""
