"""The stored mail outbox: /admin/mail (admins) and /demo/inbox (demo mode, own mail only)."""

from __future__ import annotations

import asyncio
import dataclasses
from collections.abc import Callable
from zoneinfo import ZoneInfo

import reflex as rx
from reflex.event import EventSpec

from fxorleans import config, routes
from fxorleans.accounts.service import UserDTO
from fxorleans.booking import mailbox
from fxorleans.state.auth import AuthState, Events, allowed


@dataclasses.dataclass(frozen=True)
class MailRow:
    id: int
    recipient: str
    subject: str
    body: str
    kind: str
    status: str
    sent: str
    link: str


def _rows(mails: list[mailbox.StoredMail], tz: str) -> list[MailRow]:
    zone = ZoneInfo(tz)
    return [MailRow(m.id, m.to, m.subject, m.body, m.kind, m.status,
                    m.created_at.astimezone(zone).strftime("%a %d %b %Y, %H:%M %Z"),
                    m.links[0] if m.links else "") for m in mails]


def _admin_outbox(user: UserDTO) -> list[MailRow]:
    return _rows(mailbox.list_mail(), user.timezone)


def _own_inbox(user: UserDTO) -> list[MailRow]:
    return _rows(mailbox.list_mail(to=user.email), user.timezone)


class MailState(AuthState):
    mails: rx.Field[list[MailRow]] = rx.field(default_factory=list)
    mailbox_title: str = ""

    async def _show(self, roles: tuple[str, ...], title: str,
                    read: Callable[[UserDTO], list[MailRow]]) -> EventSpec | None:
        """Fill the mailbox for a caller with one of `roles` (call outside `async with
        self`); else where to send them."""
        user = await self._caller()
        mails = await asyncio.to_thread(read, user) if allowed(user, *roles) else []
        async with self:
            self._copy(user)
            self.mails = mails
            self.mailbox_title = title if allowed(user, *roles) else ""
            return None if allowed(user, *roles) else self._deny()

    @rx.event(background=True)
    async def load_admin(self) -> Events:
        if (denied := await self._show(("admin",), "Mail outbox", _admin_outbox)) is not None:
            yield denied

    @rx.event(background=True)
    async def load_demo(self) -> Events:
        if not config.get().demo_mode:
            yield rx.redirect(routes.HOME)
            return
        if (denied := await self._show((), "Your demo inbox", _own_inbox)) is not None:
            yield denied
