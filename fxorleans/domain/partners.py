"""The partner profile: what a fractional executive offers, validated from the import format.

Pure Python, no I/O. `parse_partner` / `parse_directory` turn the JSON import format
(see shared/eval/README.md, plus the app's optional `working_hours` and `photo_url`) into
frozen `PartnerProfile` values; `partner_to_record` turns one back so that the two round-trip.
Working hours are kept in the partner's own time zone; converting them is slot maths' job,
and so is deciding what a valid zone or range is: `availability` validates both.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from fxorleans.domain import availability, days_off

PRACTICES: tuple[str, ...] = ("CTO", "CIO", "CISO", "CPO", "CDO", "CFO", "COO", "CRO")
LEVELS: tuple[str, ...] = ("Expert", "Proficient", "Intermediate")
DAYS: tuple[str, ...] = availability.DAY_KEYS

MIN_SKILLS, MAX_SKILLS = 1, 12  # the import format says 5-12; older profiles have fewer
MIN_INDUSTRIES, MAX_INDUSTRIES = 1, 6
MAX_YEARS = 60

WorkingHours = tuple[tuple[str, tuple[tuple[str, str], ...]], ...]
DEFAULT_WORKING_HOURS: WorkingHours = tuple((d, (("09:00", "17:00"),)) for d in DAYS[:5])

_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_EMAIL = re.compile(r"^[^@\s]+@[^@\s.]+(?:\.[^@\s.]+)+$")
_URL = re.compile(r"^(https?://\S+|/\S*)$")


class PartnerValidationError(ValueError):
    """A record of the directory is not a valid partner; names the record and the field."""

    def __init__(self, record_ref: str, field: str, message: str) -> None:
        super().__init__(f"partner {record_ref}: {field}: {message}")
        self.record_ref = record_ref
        self.field = field
        self.message = message


class DirectoryValidationError(PartnerValidationError):
    """Several records are invalid; `errors` lists each of them, the first one is the headline."""

    def __init__(self, errors: list[PartnerValidationError]) -> None:
        first = errors[0]
        super().__init__(first.record_ref, first.field, first.message)
        self.errors = tuple(errors)
        self.args = ("\n".join(str(e) for e in errors),)


@dataclass(frozen=True)
class Skill:
    name: str
    years: int
    level: str


@dataclass(frozen=True)
class PartnerProfile:
    id: str
    email: str
    first_name: str
    last_name: str
    title: str
    practice: str
    bio: str
    skills: tuple[Skill, ...]
    industries: tuple[str, ...]
    location: str
    timezone: str
    working_hours: WorkingHours
    photo_url: str
    active: bool
    days_off: tuple[date, ...] = ()  # local dates in `timezone`, sorted (see days_off.py)

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}"

    @property
    def initials(self) -> str:
        return initials(self.first_name, self.last_name)

    def hours_by_day(self) -> dict[str, list[tuple[str, str]]]:
        """Every day mon..sun, with its ranges in the partner's zone (empty = not working)."""
        hours: dict[str, list[tuple[str, str]]] = {d: [] for d in DAYS}
        for day, ranges in self.working_hours:
            hours[day] = list(ranges)
        return hours


def initials(first_name: str, last_name: str) -> str:
    """"AM" for Ada Moreau: the avatar's fallback wherever a partner has no photo."""
    return f"{first_name[:1]}{last_name[:1]}".upper()


# --- parsing -------------------------------------------------------------------------------


def _text(record: Mapping[str, Any], ref: str, field: str, *, required: bool = True,
          max_len: int = 200, default: str = "") -> str:
    value = record.get(field)
    if value is None:
        if required:
            raise PartnerValidationError(ref, field, "is required")
        return default
    if not isinstance(value, str):
        raise PartnerValidationError(ref, field, f"must be text, got {type(value).__name__}")
    value = value.strip()
    if required and not value:
        raise PartnerValidationError(ref, field, "must not be empty")
    if len(value) > max_len:
        raise PartnerValidationError(ref, field, f"is longer than {max_len} characters")
    return value


def _int(value: object, ref: str, field: str, lo: int, hi: int) -> int:
    # bool is an int subclass; `true` years is a data error, not 1
    if isinstance(value, bool) or not isinstance(value, int):
        raise PartnerValidationError(ref, field, "must be a whole number")
    if not lo <= value <= hi:
        raise PartnerValidationError(ref, field, f"must be between {lo} and {hi}")
    return value


def _skills(value: object, ref: str) -> tuple[Skill, ...]:
    if not isinstance(value, list) or not MIN_SKILLS <= len(value) <= MAX_SKILLS:
        raise PartnerValidationError(
            ref, "skills", f"must be a list of {MIN_SKILLS} to {MAX_SKILLS} skills")
    skills: list[Skill] = []
    seen: set[str] = set()
    for i, raw in enumerate(value):
        field = f"skills[{i}]"
        if not isinstance(raw, Mapping):
            raise PartnerValidationError(ref, field, "must be an object {name, years, level}")
        name = raw.get("name")
        if not isinstance(name, str) or not name.strip() or len(name.strip()) > 80:
            raise PartnerValidationError(ref, f"{field}.name", "must be text of 1 to 80 characters")
        name = name.strip()
        if name.casefold() in seen:
            raise PartnerValidationError(ref, f"{field}.name", f"duplicate skill {name!r}")
        seen.add(name.casefold())
        years = _int(raw.get("years"), ref, f"{field}.years", 0, MAX_YEARS)
        level = raw.get("level")
        if level not in LEVELS:
            raise PartnerValidationError(
                ref, f"{field}.level", f"must be one of {', '.join(LEVELS)}")
        skills.append(Skill(name=name, years=years, level=level))
    return tuple(skills)


def _industries(value: object, ref: str) -> tuple[str, ...]:
    if not isinstance(value, list) or not MIN_INDUSTRIES <= len(value) <= MAX_INDUSTRIES:
        raise PartnerValidationError(
            ref, "industries", f"must be a list of {MIN_INDUSTRIES} to {MAX_INDUSTRIES} names")
    out: list[str] = []
    for i, item in enumerate(value):
        if not isinstance(item, str) or not item.strip():
            raise PartnerValidationError(ref, f"industries[{i}]", "must be non-empty text")
        if item.strip() in out:
            raise PartnerValidationError(ref, f"industries[{i}]", f"duplicate {item.strip()!r}")
        out.append(item.strip())
    return tuple(out)


def _timezone(value: object, ref: str) -> str:
    name = value.strip() if isinstance(value, str) else ""
    if not name:
        raise PartnerValidationError(ref, "timezone", "is required (an IANA zone)")
    try:
        availability.load_zone(name)
    except availability.UnknownTimeZone as exc:
        raise PartnerValidationError(ref, "timezone", str(exc)) from None
    return name


def normalize_working_hours(value: object) -> WorkingHours:
    """Working hours as a profile keeps them, read (and refused) by the slot maths itself."""
    parsed = availability.parse_working_hours(value)
    return tuple(
        (day, tuple((availability.hhmm(s), availability.hhmm(e)) for s, e in spans))
        for day, spans in parsed.items()
        if spans  # an empty day is the same as an absent one: not working
    )


def _working_hours(value: object, ref: str) -> WorkingHours:
    try:
        return DEFAULT_WORKING_HOURS if value is None else normalize_working_hours(value)
    except availability.InvalidWorkingHours as exc:
        field = f"working_hours.{exc.where}" if exc.where else "working_hours"
        raise PartnerValidationError(ref, field, exc.message) from None


def _days_off(value: object, ref: str) -> tuple[date, ...]:
    try:
        return days_off.parse_days_off(value)
    except days_off.InvalidDaysOff as exc:
        raise PartnerValidationError(ref, "days_off", str(exc)) from None


def parse_partner(record: object, *, index: int | None = None) -> PartnerProfile:
    """Validate one import record; raise PartnerValidationError naming the record and field."""
    fallback = f"#{index}" if index is not None else "#?"
    if not isinstance(record, Mapping):
        raise PartnerValidationError(fallback, "record", "must be a JSON object")
    raw_id = record.get("id")
    ref = raw_id.strip() if isinstance(raw_id, str) and raw_id.strip() else fallback
    pid = _text(record, ref, "id", max_len=64)
    if not _SLUG.match(pid):
        raise PartnerValidationError(ref, "id", "must be a lowercase slug like 'maya-okafor'")
    # Addresses are compared without case everywhere (accounts, invitations): keep one form.
    email = _text(record, ref, "email", max_len=254).lower()
    if not _EMAIL.match(email):
        raise PartnerValidationError(ref, "email", f"not a valid e-mail address: {email!r}")
    practice = record.get("practice")
    if practice not in PRACTICES:
        raise PartnerValidationError(ref, "practice", f"must be one of {', '.join(PRACTICES)}")
    photo_url = _text(record, ref, "photo_url", required=False, max_len=2000)
    if photo_url and not _URL.match(photo_url):
        raise PartnerValidationError(ref, "photo_url", "must be an http(s) URL or a /path")
    active = record.get("active", True)
    if not isinstance(active, bool):
        raise PartnerValidationError(ref, "active", "must be true or false")
    return PartnerProfile(
        id=pid,
        email=email,
        first_name=_text(record, ref, "first_name", max_len=80),
        last_name=_text(record, ref, "last_name", max_len=80),
        title=_text(record, ref, "title", max_len=120),
        practice=practice,
        bio=_text(record, ref, "bio", required=False, max_len=5000),
        skills=_skills(record.get("skills"), ref),
        industries=_industries(record.get("industries"), ref),
        location=_text(record, ref, "location", required=False, max_len=120),
        timezone=_timezone(record.get("timezone"), ref),
        working_hours=_working_hours(record.get("working_hours"), ref),
        photo_url=photo_url,
        active=active,
        days_off=_days_off(record.get("days_off"), ref),
    )


def parse_directory(records: object) -> list[PartnerProfile]:
    """Validate a whole directory, all or nothing; every invalid record is reported."""
    if not isinstance(records, list):
        raise PartnerValidationError("directory", "records", "must be a JSON array of partners")
    partners: list[PartnerProfile] = []
    errors: list[PartnerValidationError] = []
    seen: dict[str, int] = {}
    seen_email: dict[str, int] = {}
    for i, record in enumerate(records):
        try:
            partner = parse_partner(record, index=i)
        except PartnerValidationError as exc:
            errors.append(exc)
            continue
        if partner.id in seen:
            errors.append(PartnerValidationError(
                partner.id, "id", f"duplicate id (records #{seen[partner.id]} and #{i})"))
            continue
        if partner.email in seen_email:
            errors.append(PartnerValidationError(
                partner.id, "email",
                f"duplicate e-mail address (records #{seen_email[partner.email]} and #{i})"))
            continue
        seen[partner.id] = i
        seen_email[partner.email] = i
        partners.append(partner)
    if len(errors) == 1:
        raise errors[0]
    if errors:
        raise DirectoryValidationError(errors)
    return partners


def partner_to_record(p: PartnerProfile) -> dict[str, Any]:
    """The import-format dict of a profile; `parse_partner(partner_to_record(p)) == p`."""
    return {
        "id": p.id,
        "email": p.email,
        "first_name": p.first_name,
        "last_name": p.last_name,
        "title": p.title,
        "practice": p.practice,
        "bio": p.bio,
        "skills": [{"name": s.name, "years": s.years, "level": s.level} for s in p.skills],
        "industries": list(p.industries),
        "location": p.location,
        "timezone": p.timezone,
        "working_hours": {day: [list(r) for r in ranges] for day, ranges in p.working_hours},
        "photo_url": p.photo_url,
        "active": p.active,
        "days_off": days_off.to_text(p.days_off),
    }
