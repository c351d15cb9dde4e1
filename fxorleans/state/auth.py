"""Who is calling: the session cookie, resolved against the database on every check."""

from __future__ import annotations

from urllib.parse import quote

import reflex as rx

from fxorleans import config
from fxorleans.accounts import service as accounts
from fxorleans.accounts.service import UserDTO

SESSION_MAX_AGE = int(accounts.SESSION_LIFETIME.total_seconds())


def safe_next(target: str | None, default: str = "/") -> str:
    """Only same-site paths: never an open redirect."""
    target = (target or "").strip()
    if not target.startswith("/") or target.startswith("//") or "\\" in target:
        return default
    return target


def home_for(role: str) -> str:
    return {"partner": "/dashboard", "admin": "/admin/bookings"}.get(role, "/bookings")


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

    def _user(self) -> UserDTO | None:
        """The caller, checked against the session table now (a revoked session is gone)."""
        return accounts.user_for_session(self.session_token)

    def _copy(self, user: UserDTO | None) -> None:
        self.user_id = user.id if user else ""
        self.user_email = user.email if user else ""
        self.user_name = user.name if user else ""
        self.user_role = user.role if user else ""
        self.user_verified = bool(user and user.verified)
        self.user_timezone = user.timezone if user else "UTC"
        self.auth_checked = True

    def _require(self, *roles: str) -> UserDTO | None:
        """The caller if their role is one of `roles` (any role when none are named)."""
        user = self._user()
        self._copy(user)
        if user is None or (roles and user.role not in roles):
            return None
        return user

    def _login_redirect(self) -> rx.event.EventSpec:
        return rx.redirect(f"/login?next={quote(self.router.url.path or '/')}")

    def _deny(self, *roles: str) -> rx.event.EventSpec:
        """Where an unauthorised caller goes: log in, or their own home."""
        if not self.user_id:
            return self._login_redirect()
        return rx.redirect(home_for(self.user_role))

    @property
    def client_address(self) -> str:
        return self.router.session.client_ip or "unknown"

    @rx.var
    def signed_in(self) -> bool:
        return self.user_id != ""

    @rx.var
    def display_name(self) -> str:
        return self.user_name or self.user_email

    @rx.event
    def load_user(self) -> None:
        """on_load of public pages: show who is signed in."""
        self._copy(self._user())

    @rx.event
    def logout(self) -> rx.event.EventSpec:
        accounts.logout(self.session_token)
        self.session_token = ""
        self._copy(None)
        return rx.redirect("/login?bye=1")
