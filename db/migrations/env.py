"""Alembic environment of the local (centre) database.

The app passes its own connection in `config.attributes["connection"]`, so migrations
run with the same pragmas as the app; the alembic command line falls back to a URL.
"""

from __future__ import annotations

from alembic import context
from sqlalchemy import create_engine
from sqlmodel import SQLModel

import db.models  # noqa: F401  (fills SQLModel.metadata)

config = context.config
target_metadata = SQLModel.metadata


def _run(connection) -> None:
    context.configure(connection=connection, target_metadata=target_metadata,
                      render_as_batch=True, compare_type=True)
    with context.begin_transaction():
        context.run_migrations()


connection = config.attributes.get("connection")
if connection is not None:
    _run(connection)
else:
    url = config.get_main_option("sqlalchemy.url") or "sqlite:///rentdesk.sqlite"
    with create_engine(url).connect() as conn:
        _run(conn)
