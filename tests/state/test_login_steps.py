"""The sign-in page: the code step after an admin's password, and the caller's address."""

from __future__ import annotations

from datetime import datetime

import pytest
import reflex as rx
import sqlalchemy as sa
from reflex.istate.data import RouterData
from reflex.state import BaseState

from fxorleans import clock, config
from fxorleans.accounts import service as accounts
from fxorleans.accounts import totp
from fxorleans.accounts.sessions import PENDING_LIFETIME
from fxorleans.state.auth import AuthState
from fxorleans.state.login import LoginState
from tests.statekit import call, make_state

ADMIN, PASSWORD = "root@example.com", "admin password 1"


@pytest.fixture
def secret(sqlite_db: sa.Engine, frozen: datetime) -> str:
    accounts.create_admin(ADMIN, PASSWORD)
    return accounts.enrol_second_factor(ADMIN).secret


def test_the_code_step_issues_the_session_only_after_a_right_code(secret: str) -> None:
    state = make_state(LoginState, path="/login", query={"next": "/admin/mail"})
    assert call(state, "submit", {"email": ADMIN, "password": PASSWORD}) == []
    assert state.second_step and state.session_token == "" and state.user_id == ""
    assert state._pending and "_pending" not in state.dict()[state.get_full_name()]
    call(state, "submit_code", {"code": "000000"})
    assert "not right" in state.login_error and state.session_token == ""
    result = call(state, "submit_code", {"code": totp.code_at(secret, clock.now())})
    assert accounts.user_for_session(state.session_token) is not None
    assert state.user_role == "admin" and not state.second_step
    assert "/admin/mail" in str(result)


def test_an_expired_code_step_goes_back_to_the_password(secret: str) -> None:
    state = make_state(LoginState, path="/login")
    call(state, "submit", {"email": ADMIN, "password": PASSWORD})
    clock.advance(PENDING_LIFETIME)
    call(state, "submit_code", {"code": totp.code_at(secret, clock.now())})
    assert not state.second_step and "password again" in state.login_error


def _with_headers(state: rx.State, ip: str, headers: dict[str, str]) -> None:
    root: BaseState = state
    while root.parent_state is not None:
        root = root.parent_state
    root.router = RouterData.from_router_data({
        "pathname": "/login", "asPath": "/login", "query": {}, "ip": ip, "headers": headers,
        "token": "test-client", "sid": "sid",
    })


def test_the_client_address_believes_only_trusted_proxies(monkeypatch: pytest.MonkeyPatch) -> None:
    state = make_state(AuthState)
    _with_headers(state, "10.0.0.9", {"x-forwarded-for": "6.6.6.6, 203.0.113.5"})
    assert state.client_address == "10.0.0.9"
    monkeypatch.setenv("FXO_TRUSTED_PROXIES", "1")
    config.reload()
    assert state.client_address == "203.0.113.5"
    _with_headers(state, "10.0.0.9", {"X-Forwarded-For": "6.6.6.6, 203.0.113.7",
                                      "asgi-scope-client": "10.0.0.8"})
    assert state.client_address == "203.0.113.7"
