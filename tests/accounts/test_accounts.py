from __future__ import annotations

import re
from datetime import timedelta

import pytest
from sqlmodel import select

from fxorleans import clock
from fxorleans.accounts import service as accounts
from fxorleans.booking import directory
from fxorleans.store import db
from fxorleans.store.tables import MailMessage, User

PARTNER = {
    "id": "nia-osei", "email": "nia.osei@example.com", "first_name": "Nia", "last_name": "Osei",
    "title": "Fractional CISO", "practice": "CISO", "bio": "Security leader.",
    "skills": [{"name": "SOC 2", "years": 8, "level": "Expert"}], "industries": ["SaaS"],
    "location": "Accra", "timezone": "Africa/Accra", "active": True,
}


def _last_link(to: str) -> str:
    with db.reading() as s:
        body = s.exec(select(MailMessage).where(MailMessage.to_addr == to)
                      .order_by(MailMessage.id.desc())).first().body  # type: ignore[union-attr]
    return re.search(r"token=(\S+)", body).group(1)  # type: ignore[union-attr]


def test_register_verify_login_logout(database) -> None:  # type: ignore[no-untyped-def]
    user = accounts.register(" Ann@Example.COM ", "correct horse battery", "Ann", "10.0.0.1")
    assert user.email == "ann@example.com" and user.role == "client" and not user.verified
    with db.reading() as s:
        stored = s.exec(select(User)).one()
    assert stored.password_hash and "correct horse" not in stored.password_hash
    assert stored.password_hash.startswith("$argon2")
    verified = accounts.verify_email(_last_link("ann@example.com"))
    assert verified.verified
    token, dto = accounts.login("ann@example.com", "correct horse battery", "10.0.0.1")
    assert accounts.user_for_session(token) == dto
    accounts.logout(token)
    assert accounts.user_for_session(token) is None


def test_verification_link_is_single_use_and_expires(database) -> None:  # type: ignore[no-untyped-def]
    accounts.register("bo@example.com", "correct horse battery", "Bo", "a")
    link = _last_link("bo@example.com")
    accounts.verify_email(link)
    with pytest.raises(accounts.AccountError, match="already used"):
        accounts.verify_email(link)
    accounts.register("cy@example.com", "correct horse battery", "Cy", "a")
    clock.advance(accounts.VERIFY_LIFETIME + timedelta(seconds=1))
    with pytest.raises(accounts.AccountError, match="expired"):
        accounts.verify_email(_last_link("cy@example.com"))
    with pytest.raises(accounts.AccountError, match="not valid"):
        accounts.verify_email("forged-token")


def test_duplicate_weak_and_bad_registrations_are_refused(database) -> None:  # type: ignore[no-untyped-def]
    accounts.register("dee@example.com", "correct horse battery", "Dee", "a")
    with pytest.raises(accounts.AccountError, match="already exists"):
        accounts.register("DEE@example.com", "another good password", "Dee", "a")
    with pytest.raises(accounts.AccountError, match="10 characters"):
        accounts.register("eve@example.com", "short", "Eve", "a")
    with pytest.raises(accounts.AccountError, match="valid e-mail"):
        accounts.register("not-an-address", "correct horse battery", "X", "a")


def test_partner_address_cannot_register(database) -> None:  # type: ignore[no-untyped-def]
    directory.import_partners([PARTNER])
    with pytest.raises(accounts.AccountError, match="invitation"):
        accounts.register("Nia.Osei@example.com", "correct horse battery", "Nia", "a")


def test_invitation_creates_a_partner_account_with_a_password_link(database) -> None:  # type: ignore[no-untyped-def]
    directory.import_partners([PARTNER])
    accounts.invite_partner("nia-osei")
    with pytest.raises(accounts.AccountError):
        accounts.login("nia.osei@example.com", "anything-at-all", "a")  # no password yet
    user = accounts.reset_password(_last_link("nia.osei@example.com"), "partner password 1")
    assert user.role == "partner" and user.partner_id == "nia-osei" and user.verified
    _, dto = accounts.login("nia.osei@example.com", "partner password 1", "a")
    assert dto.role == "partner"
    with pytest.raises(accounts.AccountError, match="No partner"):
        accounts.invite_partner("nobody")


def test_failed_logins_are_limited_per_address(database) -> None:  # type: ignore[no-untyped-def]
    accounts.register("gus@example.com", "correct horse battery", "Gus", "a")
    for i in range(accounts.LOGIN_FAILS_PER_ADDRESS):
        with pytest.raises(accounts.AccountError):
            accounts.login(f"nobody{i}@example.com", "whatever-password", "203.0.113.7")
    with pytest.raises(accounts.RateLimited):
        accounts.login("gus@example.com", "correct horse battery", "203.0.113.7")
    accounts.login("gus@example.com", "correct horse battery", "198.51.100.1")


def test_sessions_expire(database) -> None:  # type: ignore[no-untyped-def]
    accounts.register("hal@example.com", "correct horse battery", "Hal", "a")
    token, _ = accounts.login("hal@example.com", "correct horse battery", "a")
    clock.advance(accounts.SESSION_LIFETIME + timedelta(seconds=1))
    assert accounts.user_for_session(token) is None


def test_password_reset_revokes_every_session_and_does_not_leak_accounts(database) -> None:  # type: ignore[no-untyped-def]
    accounts.register("ivy@example.com", "correct horse battery", "Ivy", "a")
    token, _ = accounts.login("ivy@example.com", "correct horse battery", "a")
    accounts.request_password_reset("nobody@example.com", "a")  # silent: no mail, no error
    accounts.request_password_reset("ivy@example.com", "a")
    accounts.reset_password(_last_link("ivy@example.com"), "a brand new password")
    assert accounts.user_for_session(token) is None
    with pytest.raises(accounts.AccountError):
        accounts.login("ivy@example.com", "correct horse battery", "a")
    accounts.login("ivy@example.com", "a brand new password", "a")
    with db.reading() as s:
        assert not s.exec(select(MailMessage).where(MailMessage.to_addr == "nobody@example.com")
                          ).first()


def test_create_admin(database) -> None:  # type: ignore[no-untyped-def]
    admin = accounts.create_admin("root@example.com", "admin password 1")
    assert admin.role == "admin" and admin.verified
