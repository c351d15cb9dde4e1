"""Failed sign-ins slow down the account from one address only; sessions go idle; a reset
ends every other link; partner addresses are compared without case."""

from __future__ import annotations

import re
from datetime import datetime, timedelta

import pytest
import sqlalchemy as sa
from sqlmodel import col, select

from fxorleans import clock, config
from fxorleans.accounts import service as accounts
from fxorleans.accounts import throttle
from fxorleans.booking import directory
from fxorleans.domain.partners import PartnerValidationError
from fxorleans.store import db
from fxorleans.store.tables import AuthSession, MailMessage

PASSWORD = "correct horse battery"
ATTACKER, OWNER = "203.0.113.66", "198.51.100.7"


def _links(to: str) -> list[str]:
    with db.reading() as s:
        mails = s.exec(select(MailMessage).where(col(MailMessage.to_addr) == to)
                       .order_by(col(MailMessage.id))).all()
    return [m.group(1) for mail in mails if (m := re.search(r"token=(\S+)", mail.body))]


def _fail(email: str, addr: str, times: int) -> None:
    """Fail `times` times, each as soon as the slow-down allows (the clock moves on)."""
    for i in range(times):
        clock.advance(throttle.delay_after(i))
        with pytest.raises(accounts.AccountError, match="Wrong"):
            accounts.login(email, f"wrong password {i}", addr)


def test_failures_slow_the_attacker_down_but_never_lock_the_owner_out(
        database: sa.Engine, frozen: datetime) -> None:
    accounts.register("fay@example.com", PASSWORD, "Fay", "a")
    _fail("fay@example.com", ATTACKER, throttle.FREE_FAILURES)
    # the next attempt from that address waits 1 s, even with the right password
    with pytest.raises(accounts.RateLimited, match="Wait 1 second"):
        accounts.login("fay@example.com", PASSWORD, ATTACKER)
    clock.advance(timedelta(seconds=1))
    with pytest.raises(accounts.AccountError, match="Wrong"):
        accounts.login("fay@example.com", "wrong again", ATTACKER)
    with pytest.raises(accounts.RateLimited, match="Wait 2 seconds"):
        accounts.login("fay@example.com", "wrong again", ATTACKER)
    # hammering at the pace allowed, the wait grows into minutes
    for failures in range(throttle.FREE_FAILURES + 1, throttle.FREE_FAILURES + 10):
        clock.advance(throttle.delay_after(failures))
        with pytest.raises(accounts.AccountError, match="Wrong"):
            accounts.login("fay@example.com", "still wrong", ATTACKER)
    with pytest.raises(accounts.RateLimited, match=r"Wait \d+ minutes"):
        accounts.login("fay@example.com", PASSWORD, ATTACKER)
    # meanwhile the owner, elsewhere, signs in at once
    token, _ = accounts.login("fay@example.com", PASSWORD, OWNER)
    assert accounts.user_for_session(token) is not None
    # after a quiet cool-down the attacker's address starts afresh too
    clock.advance(throttle.COOL_DOWN + timedelta(seconds=1))
    accounts.login("fay@example.com", PASSWORD, ATTACKER)


def test_a_success_clears_the_slow_down_for_that_address(
        database: sa.Engine, frozen: datetime) -> None:
    accounts.register("gil@example.com", PASSWORD, "Gil", "a")
    _fail("gil@example.com", OWNER, throttle.FREE_FAILURES - 1)
    accounts.login("gil@example.com", PASSWORD, OWNER)
    _fail("gil@example.com", OWNER, throttle.FREE_FAILURES - 1)
    accounts.login("gil@example.com", PASSWORD, OWNER)  # not slowed: the count restarted


def test_password_reset_lets_the_owner_in_at_once_and_ends_every_other_link(
        database: sa.Engine, frozen: datetime) -> None:
    accounts.register("ivy@example.com", PASSWORD, "Ivy", "a")
    session_token, _ = accounts.login("ivy@example.com", PASSWORD, OWNER)
    _fail("ivy@example.com", OWNER, throttle.FREE_FAILURES + 3)
    with pytest.raises(accounts.RateLimited):
        accounts.login("ivy@example.com", PASSWORD, OWNER)
    accounts.request_password_reset("ivy@example.com", "a")
    accounts.request_password_reset("ivy@example.com", "a")
    first, second = _links("ivy@example.com")[-2:]
    accounts.reset_password(second, "a brand new password")
    assert accounts.user_for_session(session_token) is None
    accounts.login("ivy@example.com", "a brand new password", OWNER)  # no wait left
    with pytest.raises(accounts.AccountError, match="already used"):
        accounts.reset_password(first, "an attacker's password")


def test_sessions_end_after_the_idle_timeout_and_use_keeps_them_alive(
        database: sa.Engine, frozen: datetime, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SESSION_IDLE_HOURS", "2")
    config.reload()
    accounts.register("hal@example.com", PASSWORD, "Hal", "a")
    token, _ = accounts.login("hal@example.com", PASSWORD, "a")
    for _ in range(5):  # used every 90 minutes: 7.5 h, well past the idle timeout
        clock.advance(timedelta(minutes=90))
        assert accounts.user_for_session(token) is not None
    with db.reading() as s:
        assert s.exec(select(AuthSession)).one().last_seen_at == clock.now()
    clock.advance(timedelta(hours=2, seconds=1))
    assert accounts.user_for_session(token) is None


def test_last_seen_is_written_at_most_once_a_minute(
        database: sa.Engine, frozen: datetime) -> None:
    accounts.register("ida@example.com", PASSWORD, "Ida", "a")
    token, _ = accounts.login("ida@example.com", PASSWORD, "a")
    clock.advance(timedelta(seconds=30))
    accounts.user_for_session(token)
    with db.reading() as s:
        assert s.exec(select(AuthSession)).one().last_seen_at == frozen
    clock.advance(timedelta(seconds=31))
    accounts.user_for_session(token)
    with db.reading() as s:
        assert s.exec(select(AuthSession)).one().last_seen_at == clock.now()


PARTNER = {
    "id": "nia-osei", "email": "Nia.Osei@Example.com", "first_name": "Nia", "last_name": "Osei",
    "title": "Fractional CISO", "practice": "CISO", "bio": "Security leader.",
    "skills": [{"name": "SOC 2", "years": 8, "level": "Expert"}], "industries": ["SaaS"],
    "location": "Accra", "timezone": "Africa/Accra", "active": True,
}


def test_partner_addresses_are_compared_without_case(database: sa.Engine) -> None:
    directory.import_partners([PARTNER])
    with pytest.raises(accounts.AccountError, match="invitation"):
        accounts.register("nia.osei@example.com", PASSWORD, "Nia", "a")
    accounts.invite_partner("nia-osei")
    assert _links("nia.osei@example.com")
    # the same address under another id, in another case, is refused on import
    with pytest.raises(PartnerValidationError, match="already belongs"):
        directory.import_partners([{**PARTNER, "id": "nia-2", "email": "NIA.OSEI@example.com"}])
    with pytest.raises(PartnerValidationError, match="duplicate e-mail"):
        directory.import_partners([{**PARTNER, "id": "a-1"},
                                   {**PARTNER, "id": "a-2", "email": "nia.osei@EXAMPLE.com"}])


def test_inviting_a_partner_whose_address_has_a_client_account_is_refused(
        database: sa.Engine) -> None:
    accounts.register("nia.osei@example.com", PASSWORD, "Nia", "a")
    directory.import_partners([PARTNER])
    with pytest.raises(accounts.AccountError, match="non-partner account"):
        accounts.invite_partner("nia-osei")
