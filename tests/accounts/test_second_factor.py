"""Admins sign in with a TOTP code or a one-use recovery code; no session before it passes."""

from __future__ import annotations

import io
import re
from datetime import UTC, datetime, timedelta

import pytest
import sqlalchemy as sa
from sqlmodel import select

from fxorleans import cli, clock, config
from fxorleans.accounts import service as accounts
from fxorleans.accounts import throttle, totp
from fxorleans.store import db
from fxorleans.store.tables import AuthSession, RecoveryCode, User

ADMIN, PASSWORD = "root@example.com", "admin password 1"
T0 = datetime(2026, 12, 7, 8, 0, 15, tzinfo=UTC)


def test_a_code_is_good_for_its_step_and_one_either_side_and_only_once() -> None:
    secret = totp.new_secret()
    now_step = totp.step_at(T0)
    for offset in (-1, 0, 1):
        code = totp.code_at(secret, T0 + timedelta(seconds=30 * offset))
        assert totp.accepted_step(secret, code, T0, None) == now_step + offset
    late = totp.code_at(secret, T0 - timedelta(seconds=60))
    assert totp.accepted_step(secret, late, T0, None) is None
    code = totp.code_at(secret, T0)
    assert totp.accepted_step(secret, code, T0, last_step=now_step) is None  # replay
    assert totp.accepted_step(secret, "12345", T0, None) is None
    assert totp.accepted_step(secret, "abcdef", T0, None) is None


def test_the_secret_is_sealed_under_the_server_key() -> None:
    sealed = totp.seal("JBSWY3DPEHPK3PXP", "key one")
    assert "JBSWY3DPEHPK3PXP" not in sealed and len(sealed) <= 200
    assert totp.unseal(sealed, "key one") == "JBSWY3DPEHPK3PXP"
    assert totp.unseal(sealed, "key two") is None
    assert totp.unseal("JBSWY3DPEHPK3PXP", "key one") is None


def test_who_is_asked_for_a_code() -> None:
    assert totp.second_factor_needed("admin", True, False) == "code"
    assert totp.second_factor_needed("admin", False, False) == "none"
    assert totp.second_factor_needed("admin", False, True) == "enrol"
    assert totp.second_factor_needed("client", False, True) == "none"


def _sessions() -> int:
    with db.reading() as s:
        return s.exec(select(sa.func.count()).select_from(AuthSession)).one()


def _pending(addr: str = "a") -> str:
    with pytest.raises(accounts.SecondFactorRequired) as step:
        accounts.login(ADMIN, PASSWORD, addr)
    return step.value.pending


@pytest.fixture
def enrolled(database: sa.Engine) -> totp.Enrolment:
    clock.freeze(T0)
    accounts.create_admin(ADMIN, PASSWORD)
    return accounts.enrol_second_factor(ADMIN)


def test_enrolment_stores_only_a_sealed_secret_and_hashed_codes(enrolled: totp.Enrolment) -> None:
    assert enrolled.uri.startswith("otpauth://totp/") and "secret=" in enrolled.uri
    assert len(enrolled.recovery_codes) == 10 and len(set(enrolled.recovery_codes)) == 10
    with db.reading() as s:
        user = s.exec(select(User)).one()
        hashes = set(s.exec(select(RecoveryCode.code_hash)).all())
    assert user.totp_secret and enrolled.secret not in user.totp_secret
    assert hashes == {totp.recovery_code_hash(c) for c in enrolled.recovery_codes}
    assert not hashes & set(enrolled.recovery_codes)


def test_an_enrolled_admin_gets_no_session_before_the_code(enrolled: totp.Enrolment) -> None:
    pending = _pending()
    assert _sessions() == 0
    assert accounts.user_for_session(pending) is None  # the pending token is no session
    token, user = accounts.complete_login(pending, totp.code_at(enrolled.secret, T0), "a")
    assert user.role == "admin" and accounts.user_for_session(token) == user
    with pytest.raises(accounts.SignInExpired):  # the pending sign-in is used up
        accounts.complete_login(pending, totp.code_at(enrolled.secret, T0), "a")


def test_a_code_cannot_be_replayed(enrolled: totp.Enrolment) -> None:
    code = totp.code_at(enrolled.secret, T0)
    accounts.complete_login(_pending(), code, "a")
    with pytest.raises(accounts.AccountError, match="not right"):
        accounts.complete_login(_pending(), code, "a")
    clock.advance(timedelta(seconds=30))
    accounts.complete_login(_pending(), totp.code_at(enrolled.secret, clock.now()), "a")


def test_recovery_codes_work_once_each(enrolled: totp.Enrolment) -> None:
    code = enrolled.recovery_codes[0]
    accounts.complete_login(_pending(), code.upper().replace("-", " "), "a")
    with pytest.raises(accounts.AccountError, match="not right"):
        accounts.complete_login(_pending(), code, "a")
    with db.reading() as s:
        user_id = s.exec(select(User.id)).one()
    assert accounts.recovery_codes_left(user_id) == 9


def test_wrong_codes_count_toward_the_slow_down(enrolled: totp.Enrolment) -> None:
    pending = _pending("203.0.113.66")
    for i in range(throttle.FREE_FAILURES):
        clock.advance(throttle.delay_after(i))
        with pytest.raises(accounts.AccountError, match="not right"):
            accounts.complete_login(pending, "000000" if i % 2 else "not-a-code", "203.0.113.66")
    with pytest.raises(accounts.RateLimited, match="Wait"):
        accounts.complete_login(pending, totp.code_at(enrolled.secret, clock.now()),
                                "203.0.113.66")
    assert _sessions() == 0


def test_a_pending_sign_in_expires(enrolled: totp.Enrolment) -> None:
    pending = _pending()
    clock.advance(timedelta(minutes=6))
    with pytest.raises(accounts.SignInExpired):
        accounts.complete_login(pending, totp.code_at(enrolled.secret, clock.now()), "a")


def test_in_production_an_admin_without_enrolment_is_refused(
        database: sa.Engine, monkeypatch: pytest.MonkeyPatch) -> None:
    accounts.create_admin(ADMIN, PASSWORD)
    accounts.login(ADMIN, PASSWORD, "a")  # development: the password alone
    monkeypatch.setenv("FXO_ENV", "production")
    config.reload()
    with pytest.raises(accounts.AccountError, match="fxorleans users second-factor"):
        accounts.login(ADMIN, PASSWORD, "a")
    assert _sessions() == 1


def test_a_changed_server_key_refuses_codes_but_recovery_codes_still_work(
        enrolled: totp.Enrolment, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FXO_SECRET_KEY", "a different key")
    config.reload()
    with pytest.raises(accounts.AccountError, match="cannot be read"):
        accounts.complete_login(_pending(), totp.code_at(enrolled.secret, T0), "a")
    accounts.complete_login(_pending(), enrolled.recovery_codes[1], "a")


def test_the_cli_creates_an_enrolled_admin_and_prints_the_secret_once(
        database: sa.Engine, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO(PASSWORD + "\n"))
    assert cli.main(["users", "create-admin", ADMIN, "--password-stdin"]) == 0
    out = capsys.readouterr().out
    found = re.search(r"secret \(base32\): (\w+)", out)
    assert found is not None
    secret = found.group(1)
    assert f"otpauth://totp/FX-Orleans:{ADMIN.replace('@', '%40')}" in out
    codes = re.findall(r"^  (\w{4}-\w{4}-\w{4}-\w{4})$", out, re.M)
    assert len(codes) == 10
    token, _ = accounts.complete_login(_pending(), totp.code_at(secret, clock.now()), "a")
    assert accounts.user_for_session(token) is not None
    # enrolling again replaces the secret and the codes
    assert cli.main(["users", "second-factor", ADMIN]) == 0
    with pytest.raises(accounts.AccountError, match="not right"):
        accounts.complete_login(_pending(), codes[0], "a")
    assert cli.main(["users", "second-factor", "nobody@example.com"]) == 1
