"""The in-app sandbox's keys: never published constants.

Every key is an HMAC of one root secret: `FXO_SECRET_KEY`, or (when it is unset) a random value
the sandbox stores in its own table on first start. So the app, `fxorleans sandbox key` and the
mounted sandbox agree on the keys for the same `DATABASE_URL` and `FXO_SECRET_KEY`, and nobody
else can guess them.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass, field

from sqlalchemy import Column, String, Table, insert, select
from sqlalchemy.engine import Engine
from sqlalchemy.exc import IntegrityError

from fxorleans.sandbox import db

meta = Table("sandbox_meta", db.metadata,
             Column("name", String(40), primary_key=True),
             Column("value", String(128), nullable=False))

_ROOT = "root_secret"


@dataclass(frozen=True)
class Keys:
    secret: str = field(repr=False)
    publishable: str
    webhook_secret: str = field(repr=False)


def _stored_root(engine: Engine) -> str:
    """The random root kept in the sandbox's table, made on first use (first writer wins)."""
    meta.create(engine, checkfirst=True)
    with engine.begin() as conn:
        found = conn.execute(select(meta.c.value).where(meta.c.name == _ROOT)).scalar()
    if found:
        return found
    try:
        with engine.begin() as conn:
            conn.execute(insert(meta).values(name=_ROOT, value=secrets.token_hex(32)))
    except IntegrityError:
        pass  # another process stored one first: use theirs
    with engine.begin() as conn:
        return conn.execute(select(meta.c.value).where(meta.c.name == _ROOT)).scalar_one()


def _derive(root: str, label: str) -> str:
    return hmac.new(root.encode(), f"fxorleans stripe sandbox {label}".encode(),
                    hashlib.sha256).hexdigest()[:32]


def for_app(engine: Engine, app_secret: str, webhook_secret: str = "") -> Keys:
    """The keys of the in-app sandbox on `engine`; `webhook_secret` (STRIPE_WEBHOOK_SECRET), when
    set, is used as the signing secret instead of a derived one."""
    root = app_secret or _stored_root(engine)
    return Keys(secret="sk_test_" + _derive(root, "api key"),
                publishable="pk_test_" + _derive(root, "publishable key"),
                webhook_secret=webhook_secret or "whsec_" + _derive(root, "webhook"))


def for_database(database_url: str, app_secret: str, webhook_secret: str = "") -> Keys:
    """`for_app` on the app's database (where the in-app sandbox keeps its state)."""
    from fxorleans.store.db import normalize_url

    engine = db.make_engine(normalize_url(database_url))
    try:
        return for_app(engine, app_secret, webhook_secret)
    finally:
        engine.dispose()
