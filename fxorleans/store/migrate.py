"""Schema migrations (alembic/, the same scripts `reflex db migrate` applies)."""

from __future__ import annotations

import alembic.config
import alembic.runtime.environment
import alembic.script
import sqlalchemy as sa

from fxorleans.config import ROOT
from fxorleans.store import db


def _config() -> tuple[alembic.config.Config, alembic.script.ScriptDirectory]:
    cfg = alembic.config.Config(str(ROOT / "alembic.ini"))
    cfg.set_main_option("script_location", str(ROOT / "alembic"))
    return cfg, alembic.script.ScriptDirectory.from_config(cfg)


def upgrade(engine: sa.Engine | None = None, to_rev: str = "head") -> None:
    """Bring the schema to `to_rev`; safe to run on every start."""
    engine = engine or db.engine()
    cfg, script = _config()

    def run(rev: str, _context: object) -> list[alembic.script.base.RevisionStep]:
        return script._upgrade_revs(to_rev, rev)

    with (engine.begin() as conn,
          alembic.runtime.environment.EnvironmentContext(cfg, script, fn=run) as env):
        env.configure(connection=conn, render_as_batch=engine.dialect.name == "sqlite")
        env.run_migrations()

