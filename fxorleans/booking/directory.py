"""The partner directory: import (all or nothing), read, invite."""

from __future__ import annotations

import logging
from collections.abc import Callable

from sqlmodel import Session, select

from fxorleans import clock
from fxorleans.domain import days_off
from fxorleans.domain.availability_edits import Edit
from fxorleans.domain.partners import (
    PartnerProfile,
    PartnerValidationError,
    parse_directory,
    parse_partner,
)
from fxorleans.store import db
from fxorleans.store.tables import PartnerRow

log = logging.getLogger(__name__)


def _to_row(p: PartnerProfile, row: PartnerRow | None) -> PartnerRow:
    fresh = PartnerRow(
        id=p.id, email=p.email, first_name=p.first_name, last_name=p.last_name,
        title=p.title, practice=p.practice, bio=p.bio,
        skills=[{"name": s.name, "years": s.years, "level": s.level} for s in p.skills],
        industries=list(p.industries), location=p.location, timezone=p.timezone,
        working_hours={day: [list(r) for r in ranges] for day, ranges in p.hours_by_day().items()},
        photo_url=p.photo_url, active=p.active, days_off=days_off.to_text(p.days_off),
        updated_at=clock.now(),
    )
    if row is None:
        return fresh
    row.sqlmodel_update(fresh.model_dump(exclude={"id"}))
    return row


def _valid(row: PartnerRow) -> PartnerProfile | None:
    """A row stored before today's rules (say, the zone "Factory") is left out, loudly,
    rather than break every page that lists partners; re-importing it fixes it."""
    try:
        return _to_profile(row)
    except PartnerValidationError as exc:
        log.error("partner %s is not offered until it is imported again: %s", row.id, exc)
        return None


def _to_profile(row: PartnerRow) -> PartnerProfile:
    return parse_partner({
        "id": row.id, "email": row.email, "first_name": row.first_name,
        "last_name": row.last_name, "title": row.title, "practice": row.practice, "bio": row.bio,
        "skills": row.skills, "industries": row.industries, "location": row.location,
        "timezone": row.timezone, "working_hours": row.working_hours,
        "photo_url": row.photo_url, "active": row.active, "days_off": row.days_off,
    })


def import_partners(records: object) -> tuple[int, int]:
    """Validate every record first, then write all of them in one transaction.

    Returns (created, updated). Raises PartnerValidationError naming the record and field.
    """
    profiles = parse_directory(records)
    created = updated = 0
    with db.transaction() as session:
        _refuse_taken_emails(session, profiles)
        for p in profiles:
            existing = session.get(PartnerRow, p.id)
            session.add(_to_row(p, existing))
            if existing:
                updated += 1
            else:
                created += 1
    return created, updated


def _refuse_taken_emails(session: Session, profiles: list[PartnerProfile]) -> None:
    """An address stored for another partner (in any case) cannot be given to this one."""
    ids = {p.id for p in profiles}
    stored = {row.email.lower(): row.id for row in session.exec(select(PartnerRow)).all()
              if row.id not in ids}
    for p in profiles:
        if p.email in stored:
            raise PartnerValidationError(
                p.id, "email", f"{p.email} already belongs to partner {stored[p.email]!r}")


def load_partners(
    session: Session | None = None, *, active_only: bool = False
) -> list[PartnerProfile]:
    def _load(s: Session) -> list[PartnerProfile]:
        query = select(PartnerRow).order_by(PartnerRow.id)
        if active_only:
            query = query.where(PartnerRow.active)
        return [p for p in map(_valid, s.exec(query).all()) if p is not None]

    if session is not None:
        return _load(session)
    with db.reading() as s:
        return _load(s)


def edit_partner(partner_id: str, decide: Callable[[PartnerProfile], Edit]) -> Edit:
    """Decide a change to the stored profile and store it, in one transaction, row locked.

    Raises LookupError if there is no such partner; a refused edit stores nothing.
    """
    with db.transaction() as session:
        row = session.get(PartnerRow, partner_id, with_for_update=True)
        if row is None:
            raise LookupError(f"no partner {partner_id!r}")
        edit = decide(_to_profile(row))
        if edit.profile is not None:
            session.add(_to_row(edit.profile, row))
        return edit


def get_partner(partner_id: str) -> PartnerProfile | None:
    with db.reading() as session:
        row = session.get(PartnerRow, partner_id)
        return _valid(row) if row else None


def count() -> int:
    with db.reading() as session:
        return len(session.exec(select(PartnerRow.id)).all())
