"""A partner edits their own availability: the weekly working hours and days off.

Pure Python. Each function takes the stored profile, what the partner sent and `now`, and
returns an `Edit`: the profile to store, or why it was refused, in words for the partner and
naming the day it is about. What valid hours are is `availability.parse_working_hours`'s
decision (through `partners.normalize_working_hours`), what a valid day off is `days_off`'s;
this module only puts the editor's answers into those words and says them to people.

Editing hours or days off never touches holds and bookings already made: the slot maths
keeps treating them as taken, whatever the new week says.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime

from fxorleans.domain import days_off
from fxorleans.domain.availability import (
    DAY_KEYS,
    InvalidWorkingHours,
    load_zone,
    require_aware,
)
from fxorleans.domain.partners import PartnerProfile, normalize_working_hours

DAY_NAMES: dict[str, str] = dict(zip(DAY_KEYS, (
    "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"), strict=True))

_ONE_DIGIT_HOUR = re.compile(r"^\d:[0-5]\d$")

# What the editor sends: per day key, its ranges as [start, end] text.
EditorHours = Mapping[str, Sequence[Sequence[str]]]


@dataclass(frozen=True)
class Edit:
    profile: PartnerProfile | None  # None when refused
    refusal: str = ""
    day: str = ""  # the day key a refusal is about, when it is about one

    @property
    def refused(self) -> bool:
        return self.profile is None


def local_today(profile: PartnerProfile, now: datetime) -> date:
    """Today's date on the partner's own clock: days off are in their zone."""
    return require_aware(now, "now").astimezone(load_zone(profile.timezone)).date()


def _tidy(text: object) -> object:
    """"9:00" is how people type 09:00; anything else goes to the slot maths as it came."""
    if isinstance(text, str):
        text = text.strip()
        if _ONE_DIGIT_HOUR.match(text):
            return "0" + text
    return text


def _where(day: str, index: int | None) -> str:
    name = DAY_NAMES.get(day, day)
    return name if index is None else f"{name}, hours {index + 1}"


def set_hours(profile: PartnerProfile, hours: EditorHours, now: datetime) -> Edit:
    """The week's new working hours (in the partner's zone); a day left out is a day off.

    Ranges are read in the order the editor shows them, so a refusal names the row the
    partner sees; the stored week is sorted.
    """
    tidy: dict[str, list[list[object]]] = {}
    for day, ranges in hours.items():
        rows: list[list[object]] = []
        for i, rng in enumerate(ranges):
            start, end = (_tidy(rng[0]), _tidy(rng[1])) if len(rng) == 2 else ("", "")
            if start == "" or end == "":
                return Edit(None, f"{_where(day, i)}: enter a start and an end, like 09:00.",
                            day)
            rows.append([start, end])
        tidy[day] = rows
    try:
        week = normalize_working_hours(tidy)
    except InvalidWorkingHours as exc:
        where = f"{_where(exc.day, exc.index)}: " if exc.day else ""
        return Edit(None, f"{where}{exc.message[:1].upper()}{exc.message[1:]}.", exc.day or "")
    today = local_today(profile, now)
    return Edit(replace(profile, working_hours=week,
                        days_off=days_off.upcoming(profile.days_off, today)))


def add_day_off(profile: PartnerProfile, day_text: object, now: datetime) -> Edit:
    """`day_text` ("2026-12-24", the partner's own date) becomes a day off."""
    today = local_today(profile, now)
    refusal = days_off.refuse_new_day(day_text, profile.days_off, today)
    if refusal is not None:
        return Edit(None, refusal)
    day = days_off.parse_day(day_text)
    assert day is not None  # refuse_new_day said it is a day
    return Edit(replace(profile, days_off=days_off.upcoming((*profile.days_off, day), today)))


def remove_day_off(profile: PartnerProfile, day_text: object, now: datetime) -> Edit:
    """`day_text` is a working day again (as far as the week's hours go)."""
    day = days_off.parse_day(day_text)
    if day is None or day not in profile.days_off:
        return Edit(None, f"{day_text} is not one of your days off.")
    today = local_today(profile, now)
    kept = tuple(d for d in profile.days_off if d != day)
    return Edit(replace(profile, days_off=days_off.upcoming(kept, today)))
