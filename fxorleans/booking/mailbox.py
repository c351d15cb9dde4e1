"""Reading the stored mail outbox (admins: all of it; demo users: their own)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

from sqlmodel import col, select

from fxorleans.store import db
from fxorleans.store.tables import MailMessage

_URL = re.compile(r"https?://\S+")


@dataclass(frozen=True)
class StoredMail:
    id: int
    to: str
    subject: str
    body: str
    kind: str
    status: str
    created_at: datetime
    links: tuple[str, ...]


def list_mail(to: str | None = None, limit: int = 100) -> list[StoredMail]:
    with db.reading() as session:
        query = select(MailMessage).order_by(col(MailMessage.id).desc()).limit(limit)
        if to is not None:
            query = query.where(MailMessage.to_addr == to)
        return [
            StoredMail(m.id or 0, m.to_addr, m.subject, m.body, m.kind, m.status, m.created_at,
                       tuple(_URL.findall(m.body)))
            for m in session.exec(query).all()
        ]
