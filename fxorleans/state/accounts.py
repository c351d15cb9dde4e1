"""Register, verify, reset, profile (signing in is `state.login`)."""

from __future__ import annotations

import asyncio

import reflex as rx

from fxorleans import config, routes
from fxorleans.accounts import service as accounts
from fxorleans.domain.availability import valid_timezone
from fxorleans.state.auth import AuthState, Events, allowed


def _register_and_login(form: dict, address: str, tz: str) -> tuple[str, accounts.UserDTO]:
    email, password = form.get("email", ""), form.get("password", "")
    accounts.register(email, password, form.get("name", ""), address, tz)
    return accounts.login(email, password, address)


class RegisterState(AuthState):
    login_href: str = routes.LOGIN
    register_error: str = ""
    registered_email: str = ""
    browser_tz: str = "UTC"
    is_demo: bool = config.get().demo_mode

    @rx.event(background=True)
    async def on_load(self) -> Events:
        user = await self._caller()
        async with self:
            self._copy(user)
            self.register_error, self.registered_email = "", ""
            self.login_href = routes.login(self.router.url.query_parameters.get("next"))
        if user is not None:
            yield rx.redirect(routes.home_for(user.role))
            return
        yield rx.call_script("Intl.DateTimeFormat().resolvedOptions().timeZone",
                             callback=RegisterState.set_browser_tz)

    @rx.event
    def set_browser_tz(self, tz: str) -> None:
        if isinstance(tz, str) and valid_timezone(tz):
            self.browser_tz = tz

    @rx.event(background=True)
    async def submit(self, form: dict) -> Events:
        async with self:
            self.register_error = ""
            if form.get("password", "") != form.get("confirm", ""):
                self.register_error = "The two passwords differ."
                return
            address, tz = self.client_address, self.browser_tz
            nxt = self.router.url.query_parameters.get("next")
        try:
            token, user = await asyncio.to_thread(_register_and_login, form, address, tz)
        except accounts.AccountError as exc:
            async with self:
                self.register_error = str(exc)
            return
        async with self:
            self.session_token = token
            self._copy(user)
            self.registered_email = user.email
        if nxt:
            yield rx.redirect(routes.safe_next(nxt))


class VerifyState(AuthState):
    verify_ok: bool = False
    verify_message: str = "Checking your link…"

    @rx.event(background=True)
    async def on_load(self) -> None:
        caller = await self._caller()
        async with self:
            token = self.router.url.query_parameters.get("token", "")
        try:
            user = await asyncio.to_thread(accounts.verify_email, token)
        except accounts.AccountError as exc:
            async with self:
                self._copy(caller)
                self.verify_ok, self.verify_message = False, str(exc)
            return
        async with self:
            self._copy(caller)
            self.verify_ok = True
            self.verify_message = f"Thank you: {user.email} is confirmed."
            if self.user_id == user.id:
                self.user_verified = True

    @rx.event(background=True)
    async def resend(self) -> Events:
        user = await self._caller()
        if not allowed(user):
            async with self:
                self._copy(user)
                denied = self._login_redirect()
            yield denied
            return
        try:
            await asyncio.to_thread(accounts.resend_verification, user.id)
        except accounts.AccountError as exc:
            yield rx.toast.error(str(exc))
            return
        yield rx.toast.success("A new confirmation link is on its way.")


class ForgotState(AuthState):
    forgot_sent: bool = False
    forgot_error: str = ""

    @rx.event
    def on_load(self) -> None:
        self.forgot_sent, self.forgot_error = False, ""

    @rx.event(background=True)
    async def submit(self, form: dict) -> None:
        async with self:
            address = self.client_address
        try:
            await asyncio.to_thread(accounts.request_password_reset, form.get("email", ""),
                                    address)
        except accounts.AccountError as exc:
            async with self:
                self.forgot_error = str(exc)
            return
        async with self:
            self.forgot_error, self.forgot_sent = "", True


class ResetState(AuthState):
    reset_error: str = ""
    is_invite: bool = False

    @rx.event
    def on_load(self) -> None:
        self.reset_error = ""
        self.is_invite = self.router.url.query_parameters.get("invite") == "1"

    @rx.event(background=True)
    async def submit(self, form: dict) -> Events:
        async with self:
            self.reset_error = ""
            if form.get("password", "") != form.get("confirm", ""):
                self.reset_error = "The two passwords differ."
                return
            token = self.router.url.query_parameters.get("token", "")
        try:
            await asyncio.to_thread(accounts.reset_password, token, form.get("password", ""))
        except accounts.AccountError as exc:
            async with self:
                self.reset_error = str(exc)
            return
        async with self:
            self.session_token = ""
            self._copy(None)
        yield rx.redirect(routes.password_set())


class ProfileState(AuthState):
    profile_error: str = ""
    profile_saved: bool = False

    @rx.event(background=True)
    async def on_load(self) -> Events:
        user = await self._caller()
        async with self:
            self._copy(user)
            self.profile_error, self.profile_saved = "", False
            denied = None if allowed(user) else self._deny()
        if denied is not None:
            yield denied

    @rx.event(background=True)
    async def save(self, form: dict) -> Events:
        user = await self._caller()
        if not allowed(user):
            async with self:
                self._copy(user)
                denied = self._deny()
            yield denied
            return
        tz = (form.get("timezone") or "").strip()
        if not valid_timezone(tz):
            async with self:
                self._copy(user)
                self.profile_saved = False
                self.profile_error = (f"{tz!r} is not a time zone we know "
                                      "(try e.g. Europe/Paris).")
            return
        try:
            saved = await asyncio.to_thread(accounts.update_profile, user.id,
                                            form.get("name", ""), tz)
        except accounts.AccountError as exc:
            async with self:
                self._copy(user)
                self.profile_error = str(exc)
            return
        async with self:
            self._copy(saved)
            self.profile_error, self.profile_saved = "", True
