"""Days off: whole local days on which a partner offers no slot, whatever the week says.

Pure Python. A day off is a calendar date in the partner's own zone, stored as ISO text
("2026-12-24"), because "I am off on Christmas Eve" means the partner's Christmas Eve.

Rules chosen here (DESIGN.md is silent on them):

- Only the strict form YYYY-MM-DD is a day; "20261224" or "24/12/2026" are refused.
- A new day off must be today or later in the partner's zone, and at most
  `MAX_DAYS_AHEAD` days ahead: further than that is almost always a typo in the year.
- Past days off change nothing, so every edit drops them; the list stays short.
- A day off blocks new slots only. Holds and bookings already on that day stay: the partner
  cancels those deliberately, from their sessions.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date

MAX_DAYS_AHEAD = 730
MAX_DAYS_OFF = 400  # a stored list longer than this is not a calendar, it is a bug

_ISO_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")

DaysOff = tuple[date, ...]


class InvalidDaysOff(ValueError):
    """Stored or imported days off the slot maths cannot use."""


def parse_day(text: object) -> date | None:
    """The date written as YYYY-MM-DD, or None for anything else."""
    if not isinstance(text, str) or not _ISO_DAY.match(text.strip()):
        return None
    try:
        return date.fromisoformat(text.strip())
    except ValueError:  # 2026-02-30
        return None


def parse_days_off(value: object) -> DaysOff:
    """Validate a stored list of ISO days; returns them sorted, each once. None is no days."""
    if value is None:
        return ()
    if not isinstance(value, list | tuple):
        raise InvalidDaysOff("days off must be a list of dates like '2026-12-24'")
    if len(value) > MAX_DAYS_OFF:
        raise InvalidDaysOff(f"at most {MAX_DAYS_OFF} days off")
    days: set[date] = set()
    for i, item in enumerate(value):
        day = item if isinstance(item, date) else parse_day(item)
        if day is None:
            raise InvalidDaysOff(f"days off[{i}]: not a date like '2026-12-24': {item!r}")
        days.add(day)
    return tuple(sorted(days))


def to_text(days: Iterable[date]) -> list[str]:
    """The stored form: ISO text, sorted."""
    return sorted(d.isoformat() for d in days)


def upcoming(days: Iterable[date], today: date) -> DaysOff:
    return tuple(sorted(d for d in days if d >= today))


def refuse_new_day(day_text: object, days: DaysOff, today: date) -> str | None:
    """Why `day_text` cannot be added as a day off today, or None if it can."""
    day = parse_day(day_text)
    if day is None:
        return "Choose a date (YYYY-MM-DD)."
    if day < today:
        return f"{day.isoformat()} is in the past."
    if (day - today).days > MAX_DAYS_AHEAD:
        return f"{day.isoformat()} is more than {MAX_DAYS_AHEAD // 365} years ahead."
    if day in days:
        return f"{day.isoformat()} is already a day off."
    if len(upcoming(days, today)) >= MAX_DAYS_OFF:
        return f"You already have {MAX_DAYS_OFF} days off."
    return None
