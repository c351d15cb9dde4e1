"""Demo data for the embedded default: the partner directory and its demo accounts."""

from __future__ import annotations

import json
from dataclasses import dataclass
from importlib import resources

from sqlmodel import select

from fxorleans.accounts import service as accounts
from fxorleans.booking import directory
from fxorleans.store import db
from fxorleans.store.tables import PartnerRow, User


@dataclass(frozen=True)
class DemoAccount:
    role: str
    email: str
    password: str
    name: str
    partner_id: str | None = None


CLIENT = DemoAccount("client", "client@demo.fx-orleans.test", "demo-client-2026", "Casey Client")
ADMIN = DemoAccount("admin", "admin@demo.fx-orleans.test", "demo-admin-2026", "Avery Admin")
PARTNER_PASSWORD = "demo-partner-2026"


def demo_partner_records() -> list[dict]:
    text = resources.files("fxorleans.seed").joinpath("partners.json").read_text("utf-8")
    return json.loads(text)


def demo_accounts() -> list[DemoAccount]:
    """The client, every active demo partner (so whoever the matcher ranks first can be
    tried as a partner too) and the admin; the partners share one password."""
    partners = [r for r in demo_partner_records() if r.get("active", True)]
    return [CLIENT, ADMIN] + [
        DemoAccount("partner", r["email"], PARTNER_PASSWORD, f"{r['first_name']} {r['last_name']}",
                    r["id"])
        for r in partners
    ]


def is_empty() -> bool:
    with db.reading() as session:
        return session.exec(select(PartnerRow.id)).first() is None and \
            session.exec(select(User.id)).first() is None


def seed(force: bool = False) -> bool:
    """Seed the demo directory and accounts into an empty database. Returns True if it did."""
    if not force and not is_empty():
        return False
    directory.import_partners(demo_partner_records())
    with db.transaction() as session:
        for acct in demo_accounts():
            if session.exec(select(User.id).where(User.email == acct.email)).first():
                continue
            accounts.create_user(session, acct.email, acct.password, role=acct.role,
                                 name=acct.name, partner_id=acct.partner_id, verified=True)
    return True
