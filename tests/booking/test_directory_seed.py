"""The demo seed: an account for every active demo partner, listed on the login page."""

from __future__ import annotations

from sqlmodel import select

from fxorleans import config
from fxorleans.accounts import service as accounts
from fxorleans.booking import seed
from fxorleans.state.login import LoginState
from fxorleans.store import db
from fxorleans.store.tables import User
from tests.statekit import call, make_state


def test_every_active_demo_partner_has_a_demo_account(sqlite_db, monkeypatch) -> None:
    records = seed.demo_partner_records()
    active = [r["id"] for r in records if r.get("active", True)]
    assert len(active) < len(records)  # the directory has inactive partners to leave out
    partners = [a for a in seed.demo_accounts() if a.role == "partner"]
    assert [a.partner_id for a in partners] == active
    assert {a.password for a in partners} == {seed.PARTNER_PASSWORD}
    assert [a.role for a in seed.demo_accounts()][:2] == ["client", "admin"]
    emails = [a.email for a in seed.demo_accounts()]
    assert len(emails) == len(set(emails)) == len(active) + 2
    # the login page's table is the same list, in demo mode only
    monkeypatch.setenv("FXO_DEMO", "1")
    config.reload()
    login = make_state(LoginState, path="/login")
    call(login, "on_load")
    assert [(r.role, r.email, r.password) for r in login.demo_accounts] == [
        (a.role, a.email, a.password) for a in seed.demo_accounts()]
    monkeypatch.setenv("FXO_DEMO", "0")
    config.reload()
    call(login, "on_load")
    assert login.demo_accounts == []


def test_the_seed_lets_every_demo_partner_sign_in(sqlite_db) -> None:
    assert seed.seed()
    with db.reading() as s:
        users = {u.email: u for u in s.exec(select(User)).all()}
    for acct in seed.demo_accounts():
        assert users[acct.email].role == acct.role
        assert users[acct.email].partner_id == acct.partner_id
    last = [a for a in seed.demo_accounts() if a.role == "partner"][-1]
    _, user = accounts.login(last.email, last.password, "203.0.113.9")
    assert user.role == "partner" and user.partner_id == last.partner_id
    assert not seed.seed()  # only into an empty database
