"""Alembic environment: always online, on the connection ``models.db.migrate`` passes in,
with the schema it is given (``alembic_config(metadata=...)``) as the target metadata.

The caller has already begun the transaction (``BEGIN IMMEDIATE`` via the engine's
BEGIN hook), so with ``transactional_ddl=True`` every migration and the version stamp
commit or roll back together; a failure leaves no ``_alembic_tmp_*`` table behind.
``render_as_batch=True`` because SQLite cannot ALTER most things in place.
"""

from alembic import context

config = context.config
connection = config.attributes.get("connection")
if connection is None or context.is_offline_mode():
    raise RuntimeError("LandSpace migrations run online through models.db.migrate only")

context.configure(
    connection=connection,
    target_metadata=config.attributes.get("metadata"),
    render_as_batch=True,
    transactional_ddl=True,
    compare_type=True,
    on_version_apply=config.attributes.get("on_version_apply"),
)
with context.begin_transaction():
    context.run_migrations()
