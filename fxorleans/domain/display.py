"""Times for people: a slot in the viewer's zone, with the zone always named."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, date, datetime, timedelta

from fxorleans.domain.availability import load_zone, require_aware

# English names on purpose: strftime's %a/%b follow the process locale, and a server's
# locale must not change what a client reads.
WEEKDAY_NAMES = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
MONTH_NAMES = ("Jan", "Feb", "Mar", "Apr", "May", "Jun",
               "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def slots_by_local_day(
    slots: Sequence[datetime], viewer_tz: str
) -> list[tuple[date, list[datetime]]]:
    """Group slots by the viewer's local calendar day, each slot converted to the viewer zone.

    Days and the slots within a day come out in time order; days without slots are absent.
    Compare the returned times in UTC: under PEP 495 a local time inside a repeated hour never
    equals a datetime of another zone, even the same instant.
    """
    zone = load_zone(viewer_tz)
    by_day: dict[date, list[datetime]] = {}
    for slot in sorted(require_aware(s, "a slot") for s in slots):
        local = slot.astimezone(zone)
        by_day.setdefault(local.date(), []).append(local)
    return sorted(by_day.items())


def _offset_label(offset: timedelta) -> str:
    total = int(offset.total_seconds() // 60)
    sign = "+" if total >= 0 else "-"
    hours, minutes = divmod(abs(total), 60)
    return f"UTC{sign}{hours}" + (f":{minutes:02d}" if minutes else "")


def zone_label(tz: str, at: datetime) -> str:
    """How to name `tz` at the instant `at`: "Europe/Berlin, CET" or "Asia/Dubai, UTC+4".

    The abbreviation changes with DST, hence the instant. Zones that have no letter
    abbreviation (tzdata writes "+04") get a UTC offset instead, which people can read.
    """
    zone = load_zone(tz)
    local = require_aware(at, "at").astimezone(zone)
    abbreviation = local.tzname() or ""
    if not abbreviation or abbreviation[0] in "+-":
        abbreviation = _offset_label(local.utcoffset() or timedelta())
    if abbreviation == tz:
        return tz
    return f"{tz}, {abbreviation}"


def format_slot(start: datetime, viewer_tz: str) -> str:
    """A slot start for people, in the viewer's zone.

    "Tue 1 Dec 2026, 14:00 (Europe/Berlin, CET)": the zone is always named, because a time
    without one is the classic way to miss a meeting.
    """
    local = require_aware(start, "start").astimezone(load_zone(viewer_tz))
    return (
        f"{day_label(local.date())} {local.year}, {local:%H:%M} "
        f"({zone_label(viewer_tz, start)})"
    )


def day_label(day: date) -> str:
    """"Tue 1 Dec": a day as people read it, the same in every page and e-mail."""
    return f"{WEEKDAY_NAMES[day.weekday()]} {day.day} {MONTH_NAMES[day.month - 1]}"


def day_bounds(first: date | None, last: date | None, viewer_tz: str
               ) -> tuple[datetime | None, datetime | None]:
    """The instants (UTC) from the start of `first` to the end of `last` on the viewer's
    clock (either side open when None); a day is 23 or 25 hours when the clocks change."""
    zone = load_zone(viewer_tz)

    def midnight(day: date | None) -> datetime | None:
        return datetime(day.year, day.month, day.day, tzinfo=zone).astimezone(UTC) \
            if day else None

    return midnight(first), midnight(last + timedelta(days=1) if last else None)
