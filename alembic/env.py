"""Alembic entry for the plain `alembic` command; `reflex db migrate` and `fxorleans migrate`
apply the same scripts without it."""

from alembic import context
from sqlmodel import SQLModel

from fxorleans.services.calendar import local  # noqa: F401 - registers calendar_event
from fxorleans.store import db, tables  # noqa: F401 - registers the tables on the metadata

target_metadata = SQLModel.metadata


def run_migrations_offline() -> None:
    context.configure(url=db.engine().url.render_as_string(hide_password=False),
                      target_metadata=target_metadata, literal_binds=True)
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    with db.engine().connect() as connection:
        context.configure(connection=connection, target_metadata=target_metadata,
                          render_as_batch=connection.dialect.name == "sqlite")
        with context.begin_transaction():
            context.run_migrations()


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
