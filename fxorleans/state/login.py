"""Signing in: the password, then (for an enrolled admin) the second factor's code."""

from __future__ import annotations

import asyncio
import dataclasses

import reflex as rx
from reflex.event import EventSpec

from fxorleans import config, routes
from fxorleans.accounts import service as accounts
from fxorleans.booking import seed
from fxorleans.state.auth import AuthState, Events


@dataclasses.dataclass(frozen=True)
class DemoAccountRow:
    role: str
    email: str
    password: str
    name: str = ""


def _demo_rows() -> list[DemoAccountRow]:
    return [DemoAccountRow(role=a.role, email=a.email, password=a.password, name=a.name)
            for a in seed.demo_accounts()]


class LoginState(AuthState):
    register_href: str = routes.REGISTER
    login_error: str = ""
    demo_accounts: rx.Field[list[DemoAccountRow]] = rx.field(default_factory=list)
    notice: str = ""
    # After a right password, an account with a second factor is asked for a code. The
    # pending sign-in lives only on the server (a backend var) and is no session yet.
    second_step: bool = False
    _pending: str = ""

    @rx.event(background=True)
    async def on_load(self) -> Events:
        demo = await asyncio.to_thread(_demo_rows) if config.get().demo_mode else []
        user = await self._caller()
        async with self:
            self._copy(user)
            self.login_error = ""
            self.second_step, self._pending = False, ""
            params = self.router.url.query_parameters
            nxt = params.get("next")
            self.register_href = routes.register(nxt)
            self.notice = ""
            if params.get("bye"):
                self.notice = "You are signed out."
            elif params.get("reset"):
                self.notice = "Your password is set. Sign in with it."
            elif nxt:
                self.notice = "Sign in to continue."
            self.demo_accounts = demo
        if user is not None:
            yield rx.redirect(routes.safe_next(nxt, routes.home_for(user.role)))

    @rx.event(background=True)
    async def submit(self, form: dict) -> Events:
        async with self:
            self.login_error = ""
            address = self.client_address
            nxt = self.router.url.query_parameters.get("next")
        try:
            token, user = await asyncio.to_thread(
                accounts.login, form.get("email", ""), form.get("password", ""), address)
        except accounts.SecondFactorRequired as step:
            async with self:
                self.second_step, self._pending = True, step.pending
                self.notice = str(step)
            return
        except accounts.AccountError as exc:
            async with self:
                self.login_error = str(exc)
            return
        yield await self._signed_in(token, user, nxt)

    @rx.event(background=True)
    async def submit_code(self, form: dict) -> Events:
        async with self:
            self.login_error = ""
            address, pending = self.client_address, self._pending
            nxt = self.router.url.query_parameters.get("next")
        try:
            token, user = await asyncio.to_thread(
                accounts.complete_login, pending, form.get("code", ""), address)
        except accounts.SignInExpired as exc:
            async with self:
                self.second_step, self._pending = False, ""
                self.login_error, self.notice = str(exc), ""
            return
        except accounts.AccountError as exc:
            async with self:
                self.login_error = str(exc)
            return
        yield await self._signed_in(token, user, nxt)

    async def _signed_in(self, token: str, user: accounts.UserDTO, nxt: str | None
                         ) -> EventSpec:
        """Keep the new session and go where the caller was heading (or their home)."""
        async with self:
            self.session_token = token
            self.second_step, self._pending, self.notice = False, "", ""
            self._copy(user)
        return rx.redirect(routes.safe_next(nxt, routes.home_for(user.role)))

    @rx.event
    def restart(self) -> None:
        """Back to the password step (another account, or the code step ran out)."""
        self.second_step, self._pending = False, ""
        self.login_error, self.notice = "", ""
