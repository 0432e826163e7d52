"""Alembic migrations, run programmatically by ``models.db.migrate`` (no alembic.ini:
the script location is this folder, so it works installed and frozen)."""
