"""Who is calling: the session cookie, resolved against the database on every handler.

Handlers that touch the database are background handlers: the state lock (10 s with Redis)
is held only inside `async with self`, to copy inputs out and results in; the I/O runs
between, in a thread. `await self._caller()` is the first step of each of them.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from typing import TYPE_CHECKING, TypeGuard

import reflex as rx
from reflex.event import EventSpec

from fxorleans import config, routes
from fxorleans.accounts import service as accounts
from fxorleans.accounts.addresses import client_address
from fxorleans.accounts.service import UserDTO

SESSION_MAX_AGE = int(accounts.SESSION_LIFETIME.total_seconds())

# What a background handler yields: redirects, scripts, toasts, the next handler to run.
Events = AsyncIterator[EventSpec]


def allowed(user: UserDTO | None, *roles: str) -> TypeGuard[UserDTO]:
    """True if someone is signed in, with one of `roles` when any are named."""
    return user is not None and (not roles or user.role in roles)


class AuthState(rx.State):
    """The base of every state that needs to know the caller."""

    session_token: str = rx.Cookie(
        "", name="fxo_session", max_age=SESSION_MAX_AGE, same_site="lax",
        secure=config.get().public_url.startswith("https://"), path="/",
    )
    user_id: str = ""
    user_email: str = ""
    user_name: str = ""
    user_role: str = ""
    user_verified: bool = False
    user_timezone: str = "UTC"
    auth_checked: bool = False

    if TYPE_CHECKING:
        # Reflex makes each dynamic route segment (routes.py) a var of the root state, named
        # after it and readable from every state: the id in the page's own URL.
        request_id: str
        partner_id: str
        booking_id: str

    async def _caller(self) -> UserDTO | None:
        """The caller, checked against the session table now (a revoked session is gone).

        Call it outside `async with self`: it takes the lock only to read the cookie. The
        handler shows the result with `_copy` when it writes the page's vars.
        """
        async with self:
            token = self.session_token
        return await asyncio.to_thread(accounts.user_for_session, token)

    def _copy(self, user: UserDTO | None) -> None:
        self.user_id = user.id if user else ""
        self.user_email = user.email if user else ""
        self.user_name = user.name if user else ""
        self.user_role = user.role if user else ""
        self.user_verified = bool(user and user.verified)
        self.user_timezone = user.timezone if user else "UTC"
        self.auth_checked = True

    def _login_redirect(self) -> EventSpec:
        return rx.redirect(routes.login(self.router.url.path or routes.HOME))

    def _deny(self) -> EventSpec:
        """Where an unauthorised caller goes: log in, or their own home (after `_copy`)."""
        if not self.user_id:
            return self._login_redirect()
        return rx.redirect(routes.home_for(self.user_role))

    @property
    def client_address(self) -> str:
        """The caller's real address behind FXO_TRUSTED_PROXIES proxies (rate limits key on it)."""
        headers = {k.lower(): v for k, v in self.router.headers.raw_headers.items()}
        # Reflex may already have replaced client_ip from X-Forwarded-For (its own
        # trusted_proxy_hops); the socket's peer is kept in "asgi-scope-client".
        peer = headers.get("asgi-scope-client") or self.router.session.client_ip
        return client_address(peer, headers.get("x-forwarded-for"),
                              config.get().trusted_proxies)

    @rx.var
    def signed_in(self) -> bool:
        return self.user_id != ""

    @rx.var
    def display_name(self) -> str:
        return self.user_name or self.user_email

    @rx.event(background=True)
    async def load_user(self) -> None:
        """on_load of public pages: show who is signed in."""
        user = await self._caller()
        async with self:
            self._copy(user)

    @rx.event(background=True)
    async def logout(self) -> Events:
        async with self:
            token = self.session_token
        await asyncio.to_thread(accounts.logout, token)
        async with self:
            self.session_token = ""
            self._copy(None)
        yield rx.redirect(routes.signed_out())
