"""Role checks happen in the state handlers on the server, whatever the browser shows."""

from __future__ import annotations

import pytest

from fxorleans.accounts import service as accounts
from fxorleans.state.accounts import ProfileState
from fxorleans.state.login import LoginState
from fxorleans.state.mail import MailState
from tests.statekit import call, make_state


@pytest.fixture
def people(sqlite_db):  # type: ignore[no-untyped-def]
    accounts.register("ann@example.com", "correct horse battery", "Ann", "a")
    accounts.register("bob@example.com", "correct horse battery", "Bob", "a")
    accounts.create_admin("root@example.com", "admin password 1")
    return {who: accounts.login(f"{who}@example.com",
                                "admin password 1" if who == "root" else "correct horse battery",
                                "a")[0]
            for who in ("ann", "bob", "root")}


def test_anonymous_visitor_gets_no_mail_and_is_sent_to_login(people) -> None:  # type: ignore[no-untyped-def]
    state = make_state(MailState, path="/admin/mail")
    result = call(state, "load_admin")
    assert state.mails == []
    assert "/login?next=/admin/mail" in str(result)


def test_client_cannot_read_the_admin_outbox(people) -> None:  # type: ignore[no-untyped-def]
    state = make_state(MailState, token=people["ann"], path="/admin/mail")
    result = call(state, "load_admin")
    assert state.mails == []
    assert "/bookings" in str(result)


def test_admin_reads_every_message(people) -> None:  # type: ignore[no-untyped-def]
    state = make_state(MailState, token=people["root"], path="/admin/mail")
    call(state, "load_admin")
    assert {m.recipient for m in state.mails} == {"ann@example.com", "bob@example.com"}


def test_demo_inbox_shows_only_the_callers_own_mail(people) -> None:  # type: ignore[no-untyped-def]
    state = make_state(MailState, token=people["ann"], path="/demo/inbox")
    call(state, "load_demo")
    assert [m.recipient for m in state.mails] == ["ann@example.com"]
    assert "/verify?token=" in state.mails[0].link


def test_a_forged_or_revoked_token_is_anonymous(people) -> None:  # type: ignore[no-untyped-def]
    accounts.logout(people["bob"])
    for token in ("forged", people["bob"]):
        state = make_state(MailState, token=token, path="/demo/inbox")
        call(state, "load_demo")
        assert state.mails == [] and state.user_id == ""


def test_profile_needs_a_session_and_saves_only_the_callers_profile(people) -> None:  # type: ignore[no-untyped-def]
    anon = make_state(ProfileState, path="/profile")
    assert "/login" in str(call(anon, "on_load"))
    assert "/login" in str(call(anon, "save", {"name": "Mallory", "timezone": "UTC"}))
    ann = make_state(ProfileState, token=people["ann"], path="/profile")
    call(ann, "save", {"name": "Ann B.", "timezone": "Europe/Paris"})
    assert ann.profile_saved and ann.user_name == "Ann B." and ann.user_timezone == "Europe/Paris"
    call(ann, "save", {"name": "Ann B.", "timezone": "Mars/Olympus"})
    assert "not a time zone" in ann.profile_error
    assert accounts.user_for_session(people["bob"]).name == "Bob"  # type: ignore[union-attr]


def test_login_redirects_only_to_same_site_paths(people) -> None:  # type: ignore[no-untyped-def]
    state = make_state(LoginState, path="/login", query={"next": "//evil.example/steal"})
    result = call(state, "submit", {"email": "ann@example.com",
                                    "password": "correct horse battery"})
    assert state.session_token and "evil" not in str(result)
    state = make_state(LoginState, path="/login", query={"next": "/profile"})
    call(state, "submit", {"email": "ann@example.com", "password": "nope nope nope"})
    assert state.login_error == "Wrong e-mail address or password." and not state.session_token
