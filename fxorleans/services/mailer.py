"""E-mail. The embedded default stores every message in the outbox table for admins to read."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from sqlmodel import Session

from fxorleans import clock
from fxorleans.store.tables import MailMessage


@dataclass(frozen=True)
class Message:
    to: str
    subject: str
    body: str
    kind: str = ""


class Mailer(Protocol):
    def send(self, session: Session, message: Message) -> None: ...


class StoredMailer:
    """Keeps messages in `mail_message`; /admin/mail shows them."""

    def send(self, session: Session, message: Message) -> None:
        session.add(MailMessage(to_addr=message.to, subject=message.subject, body=message.body,
                                kind=message.kind, created_at=clock.now()))
        session.flush()
