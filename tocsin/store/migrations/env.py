# Copyright 2026 The tocsin authors. Licensed under the Apache License 2.0.
"""Alembic environment for tocsin's event store.

``tocsin.store.open_store`` runs ``upgrade head`` through here on a connection it passes in
``config.attributes["connection"]`` (already inside a transaction), so users need no
alembic.ini. For developers, ``sqlalchemy.url`` in the config is used when no connection is
passed, e.g. to autogenerate a revision against ``tocsin.store.schema.metadata``.
"""

from __future__ import annotations

from alembic import context
from sqlalchemy import Connection, create_engine, text

from tocsin.store.schema import ALEMBIC_VERSION_TABLE, metadata

# Any constant works: it only has to be the same in every tocsin process (see _migrate).
_PG_MIGRATION_LOCK = 0x746F6373696E


def _migrate(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=metadata,
        version_table=ALEMBIC_VERSION_TABLE,
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
    )
    with context.begin_transaction():
        if connection.dialect.name == "postgresql":
            # Two processes opening a new database at once must not both create the tables.
            connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _PG_MIGRATION_LOCK})
        context.run_migrations()


def run_migrations_online() -> None:
    connection = context.config.attributes.get("connection")
    if connection is not None:
        _migrate(connection)
        return
    engine = create_engine(context.config.get_main_option("sqlalchemy.url", ""))
    try:
        with engine.begin() as conn:
            _migrate(conn)
    finally:
        engine.dispose()


if context.is_offline_mode():
    raise SystemExit("tocsin's migrations run online only (open_store runs them)")
run_migrations_online()
