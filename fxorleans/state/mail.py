"""The stored mail outbox: /admin/mail (admins) and /demo/inbox (demo mode, own mail only)."""

from __future__ import annotations

import dataclasses
from zoneinfo import ZoneInfo

import reflex as rx

from fxorleans import config
from fxorleans.booking import mailbox
from fxorleans.state.auth import AuthState


@dataclasses.dataclass
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


class MailState(AuthState):
    mails: list[MailRow] = []
    mailbox_title: str = ""

    @rx.event
    def load_admin(self) -> rx.event.EventSpec | None:
        self.mails = []
        user = self._require("admin")
        if user is None:
            return self._deny()
        self.mailbox_title = "Mail outbox"
        self.mails = _rows(mailbox.list_mail(), user.timezone)
        return None

    @rx.event
    def load_demo(self) -> rx.event.EventSpec | None:
        self.mails = []
        if not config.get().demo_mode:
            return rx.redirect("/")
        user = self._require()
        if user is None:
            return self._deny()
        self.mailbox_title = "Your demo inbox"
        self.mails = _rows(mailbox.list_mail(to=user.email), user.timezone)
        return None
