"""Register, log in, verify, reset, profile."""

from __future__ import annotations

import dataclasses
from urllib.parse import quote

import reflex as rx

from fxorleans import config
from fxorleans.accounts import service as accounts
from fxorleans.booking import seed
from fxorleans.domain.availability import valid_timezone
from fxorleans.state.auth import AuthState, home_for, safe_next


@dataclasses.dataclass
class DemoAccountRow:
    role: str
    email: str
    password: str


class LoginState(AuthState):
    next_suffix: str = ""
    login_error: str = ""
    login_busy: bool = False
    demo_accounts: list[DemoAccountRow] = []
    notice: str = ""

    @rx.event
    def on_load(self) -> rx.event.EventSpec | None:
        self.login_error, self.login_busy = "", False
        params = self.router.url.query_parameters
        nxt = params.get("next")
        self.next_suffix = f"?next={quote(safe_next(nxt), safe='')}" if nxt else ""
        self.notice = ""
        if params.get("bye"):
            self.notice = "You are signed out."
        elif params.get("reset"):
            self.notice = "Your password is set. Sign in with it."
        elif params.get("next"):
            self.notice = "Sign in to continue."
        self.demo_accounts = [
            DemoAccountRow(role=a.role, email=a.email, password=a.password)
            for a in seed.demo_accounts()
        ] if config.get().demo_mode else []
        user = self._user()
        self._copy(user)
        if user is not None:
            return rx.redirect(safe_next(params.get("next"), home_for(user.role)))
        return None

    @rx.event
    def submit(self, form: dict) -> rx.event.EventSpec | None:
        self.login_error = ""
        try:
            token, user = accounts.login(form.get("email", ""), form.get("password", ""),
                                         self.client_address)
        except accounts.AccountError as exc:
            self.login_error = str(exc)
            return None
        self.session_token = token
        self._copy(user)
        nxt = self.router.url.query_parameters.get("next")
        return rx.redirect(safe_next(nxt, home_for(user.role)))


class RegisterState(AuthState):
    next_suffix: str = ""
    register_error: str = ""
    registered_email: str = ""
    browser_tz: str = "UTC"
    is_demo: bool = config.get().demo_mode

    @rx.event
    def on_load(self) -> rx.event.EventSpec | None:
        self.register_error, self.registered_email = "", ""
        nxt = self.router.url.query_parameters.get("next")
        self.next_suffix = f"?next={quote(safe_next(nxt), safe='')}" if nxt else ""
        self._copy(self._user())
        if self.user_id:
            return rx.redirect(home_for(self.user_role))
        return rx.call_script("Intl.DateTimeFormat().resolvedOptions().timeZone",
                              callback=RegisterState.set_browser_tz)

    @rx.event
    def set_browser_tz(self, tz: str) -> None:
        if isinstance(tz, str) and valid_timezone(tz):
            self.browser_tz = tz

    @rx.event
    def submit(self, form: dict) -> rx.event.EventSpec | None:
        self.register_error = ""
        if form.get("password", "") != form.get("confirm", ""):
            self.register_error = "The two passwords differ."
            return None
        try:
            accounts.register(form.get("email", ""), form.get("password", ""),
                              form.get("name", ""), self.client_address, self.browser_tz)
            token, user = accounts.login(form.get("email", ""), form.get("password", ""),
                                         self.client_address)
        except accounts.AccountError as exc:
            self.register_error = str(exc)
            return None
        self.session_token = token
        self._copy(user)
        self.registered_email = user.email
        nxt = self.router.url.query_parameters.get("next")
        if nxt:
            return rx.redirect(safe_next(nxt))
        return None


class VerifyState(AuthState):
    verify_ok: bool = False
    verify_message: str = "Checking your link…"

    @rx.event
    def on_load(self) -> None:
        self._copy(self._user())
        try:
            user = accounts.verify_email(self.router.url.query_parameters.get("token", ""))
        except accounts.AccountError as exc:
            self.verify_ok, self.verify_message = False, str(exc)
            return
        self.verify_ok = True
        self.verify_message = f"Thank you: {user.email} is confirmed."
        if self.user_id == user.id:
            self.user_verified = True

    @rx.event
    def resend(self) -> rx.event.EventSpec | None:
        user = self._require()
        if user is None:
            return self._login_redirect()
        try:
            accounts.resend_verification(user.id)
        except accounts.AccountError as exc:
            return rx.toast.error(str(exc))
        return rx.toast.success("A new confirmation link is on its way.")


class ForgotState(AuthState):
    forgot_sent: bool = False
    forgot_error: str = ""

    @rx.event
    def on_load(self) -> None:
        self.forgot_sent, self.forgot_error = False, ""

    @rx.event
    def submit(self, form: dict) -> None:
        try:
            accounts.request_password_reset(form.get("email", ""), self.client_address)
        except accounts.AccountError as exc:
            self.forgot_error = str(exc)
            return
        self.forgot_sent = True


class ResetState(AuthState):
    reset_error: str = ""
    is_invite: bool = False

    @rx.event
    def on_load(self) -> None:
        self.reset_error = ""
        self.is_invite = self.router.url.query_parameters.get("invite") == "1"

    @rx.event
    def submit(self, form: dict) -> rx.event.EventSpec | None:
        if form.get("password", "") != form.get("confirm", ""):
            self.reset_error = "The two passwords differ."
            return None
        try:
            accounts.reset_password(self.router.url.query_parameters.get("token", ""),
                                    form.get("password", ""))
        except accounts.AccountError as exc:
            self.reset_error = str(exc)
            return None
        self.session_token = ""
        self._copy(None)
        return rx.redirect("/login?reset=1")


class ProfileState(AuthState):
    profile_error: str = ""
    profile_saved: bool = False

    @rx.event
    def on_load(self) -> rx.event.EventSpec | None:
        self.profile_error, self.profile_saved = "", False
        if self._require() is None:
            return self._deny()
        return None

    @rx.event
    def save(self, form: dict) -> rx.event.EventSpec | None:
        user = self._require()
        if user is None:
            return self._deny()
        tz = (form.get("timezone") or "").strip()
        if not valid_timezone(tz):
            self.profile_error = f"{tz!r} is not a time zone we know (try e.g. Europe/Paris)."
            return None
        try:
            self._copy(accounts.update_profile(user.id, form.get("name", ""), tz))
        except accounts.AccountError as exc:
            self.profile_error = str(exc)
            return None
        self.profile_error, self.profile_saved = "", True
        return None
