"""Slot maths: which session start times a partner offers (`display` shows them to people).

Pure Python, no I/O and no clock reads: `now` is always a parameter. Working hours are kept
in the partner's own IANA zone (`{"mon": [["09:00", "17:00"]], ...}`) because that is how
people think about their week; every slot leaves this module as an aware UTC instant, and only
display code converts it to the viewer's zone.

Rules chosen here (DESIGN.md is silent on them):

- Slots are laid on the partner's wall clock: they start at a range's start and step by the
  session length in local time, so "09:00, 10:00, 11:00" stays true on a DST-change day.
- A slot must lie wholly inside a range as the partner's wall clock shows it: its local start
  is at or after the range start and its local end at or before the range end ("24:00" is
  accepted as the end of the day).
- A local start that does not exist (the spring-forward gap) is skipped. A local start that
  happens twice (the autumn fall-back) is offered once, at its first occurrence (fold=0).
- A slot that would overlap the previous one (possible when the gap is shorter than the
  session) is skipped, so one partner can never be offered two overlapping sessions.
- A taken start blocks every slot its session would overlap, not only the identical start:
  a booking made before the partner moved their hours still occupies its hour.
- Starts are offered within [now + min_notice, now + horizon], both ends included.
- No start falls on a day off: a local date in the partner's zone (see `days_off`).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Collection, Iterator, Mapping, Sequence
from datetime import UTC, date, datetime, time, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

DAY_KEYS: tuple[str, ...] = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")

_HHMM = re.compile(r"^([01]\d|2[0-3]):([0-5]\d)$")
_END_OF_DAY = "24:00"

# A range as minutes after local midnight: (start, end), end may be 1440 ("24:00").
_Range = tuple[int, int]
WorkingHoursInput = Mapping[str, Sequence[Sequence[str]]]


# --- time zones ---------------------------------------------------------------------------


# Files that sit among the zones on some systems but are not zones anyone lives in:
# "localtime" is the server's own setting, "Factory" means "zone not configured".
_NOT_ZONES = frozenset({"localtime", "posixrules", "Factory"})


@lru_cache(maxsize=1)
def _known_zones() -> frozenset[str]:
    return frozenset(available_timezones()) - _NOT_ZONES


def valid_timezone(name: str) -> bool:
    """True if `name` is an IANA zone this system knows (e.g. "Europe/Berlin")."""
    if not isinstance(name, str) or not name or name != name.strip() or name in _NOT_ZONES:
        return False
    known = _known_zones()
    # The listing keeps arbitrary files under the zone directory out, which ZoneInfo would
    # load; it can only be empty when there is no tz database at all, and then loading decides.
    if known and name not in known:
        return False
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, OSError):
        return False
    return True


class UnknownTimeZone(ValueError):
    """A zone name the slot maths cannot use."""

    def __init__(self, name: object) -> None:
        super().__init__(f"unknown time zone {name!r} (use an IANA zone like 'Europe/Berlin')")
        self.name = name


def load_zone(name: str) -> ZoneInfo:
    """The zone called `name`; raises UnknownTimeZone unless `valid_timezone(name)`."""
    if not valid_timezone(name):
        raise UnknownTimeZone(name)
    return ZoneInfo(name)


def require_aware(value: datetime, what: str) -> datetime:
    if not isinstance(value, datetime) or value.tzinfo is None or value.utcoffset() is None:
        raise ValueError(f"{what} must be a timezone-aware datetime, got {value!r}")
    return value.astimezone(UTC)


# --- working hours ------------------------------------------------------------------------


class InvalidWorkingHours(ValueError):
    """Working hours the slot maths cannot use; `where` names the part ("", "mon", "mon[0]")."""

    def __init__(self, message: str, *, day: str | None = None, index: int | None = None) -> None:
        self.day, self.index, self.message = day, index, message
        super().__init__(f"{self.where}: {message}" if self.where else message)

    @property
    def where(self) -> str:
        if self.day is None:
            return ""
        return self.day if self.index is None else f"{self.day}[{self.index}]"


def _minutes(text: object, *, is_end: bool) -> int:
    if is_end and text == _END_OF_DAY:
        return 24 * 60
    if not isinstance(text, str):
        raise ValueError(f"a time must be text like '09:00', got {text!r}")
    match = _HHMM.match(text)
    if not match:
        raise ValueError(f"a time must look like '09:00', got {text!r}")
    return int(match[1]) * 60 + int(match[2])


def hhmm(minutes: int) -> str:
    """Minutes after local midnight as working hours write them: 540 -> "09:00", 1440 -> "24:00"."""
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def parse_working_hours(working_hours: object) -> dict[str, tuple[_Range, ...]]:
    """Validate working hours and return, per day key, sorted ranges in minutes after midnight.

    Takes anything (a `WorkingHoursInput` when all is well), because imports feed it raw JSON.
    Raises InvalidWorkingHours for an unknown day key, a malformed time, an empty or reversed
    range, or two ranges of one day that overlap (they would offer the same hour twice).
    """
    if not isinstance(working_hours, Mapping):
        raise InvalidWorkingHours("working hours must map day keys (mon..sun) to ranges")
    unknown = sorted(str(k) for k in working_hours if k not in DAY_KEYS)
    if unknown:
        raise InvalidWorkingHours(f"unknown day key {unknown[0]!r}; use mon, tue, ... sun")
    parsed: dict[str, tuple[_Range, ...]] = {}
    for day in DAY_KEYS:
        ranges = working_hours.get(day)
        if ranges is None:
            ranges = ()
        if not isinstance(ranges, list | tuple):
            raise InvalidWorkingHours(f"must be a list of ranges, got {ranges!r}", day=day)
        spans: list[_Range] = []
        for i, rng in enumerate(ranges):
            if not isinstance(rng, list | tuple) or len(rng) != 2:
                raise InvalidWorkingHours(f"a range must be a pair [start, end], got {rng!r}",
                                          day=day, index=i)
            try:
                start, end = _minutes(rng[0], is_end=False), _minutes(rng[1], is_end=True)
            except ValueError as exc:
                raise InvalidWorkingHours(str(exc), day=day, index=i) from None
            if start >= end:
                raise InvalidWorkingHours(f"range {rng[0]}-{rng[1]} must start before it ends",
                                          day=day, index=i)
            spans.append((start, end))
        spans.sort()
        for (_, prev_end), (start, _) in zip(spans, spans[1:], strict=False):
            if start < prev_end:
                raise InvalidWorkingHours(f"working-hour ranges overlap at {hhmm(start)}",
                                          day=day)
        parsed[day] = tuple(spans)
    return parsed


def _resolve_local(wall: datetime, zone: ZoneInfo) -> datetime | None:
    """The UTC instant of a naive local wall time, or None if the clock skips it.

    fold=0 picks the first occurrence of an ambiguous (fall-back) time; a time inside the
    spring-forward gap does not survive the round trip through UTC.
    """
    instant = wall.replace(tzinfo=zone, fold=0).astimezone(UTC)
    if instant.astimezone(zone).replace(tzinfo=None) != wall:
        return None
    return instant


def _local_wall(instant: datetime, zone: ZoneInfo) -> datetime:
    return instant.astimezone(zone).replace(tzinfo=None)


def _candidate_slots(
    hours: dict[str, tuple[_Range, ...]],
    zone: ZoneInfo,
    first_day: date,
    last_day: date,
    session: timedelta,
) -> Iterator[datetime]:
    """Every slot of the working hours on local days first_day..last_day, ascending, in UTC."""
    step_minutes = int(session.total_seconds() // 60)
    previous_end: datetime | None = None
    day = first_day
    while day <= last_day:
        midnight = datetime.combine(day, time())
        for range_start, range_end in hours[DAY_KEYS[day.weekday()]]:
            range_end_wall = midnight + timedelta(minutes=range_end)
            # Step on the wall clock; each candidate is then checked against real time,
            # because around a DST change the wall clock and elapsed time disagree.
            for offset in range(range_start, range_end, step_minutes):
                wall = midnight + timedelta(minutes=offset)
                start = _resolve_local(wall, zone)
                if start is None:
                    continue
                end = start + session
                if _local_wall(end, zone) > range_end_wall:
                    continue
                if previous_end is not None and start < previous_end:
                    continue
                previous_end = end
                yield start
        day += timedelta(days=1)


# --- bookable slots -----------------------------------------------------------------------


def bookable_slots(
    working_hours: WorkingHoursInput,
    partner_tz: str,
    now: datetime,
    *,
    horizon_days: int,
    min_notice_hours: int,
    session_minutes: int,
    taken: Collection[datetime],
    days_off: Collection[date] = (),
) -> list[datetime]:
    """Every start (aware, UTC, sorted) a client may book with this partner right now.

    `working_hours` is in the partner's zone `partner_tz`; `taken` holds the starts of the
    partner's sessions already held or booked, in any zone; `days_off` are dates in `partner_tz`.
    """
    if session_minutes <= 0:
        raise ValueError("session_minutes must be positive")
    if horizon_days < 0 or min_notice_hours < 0:
        raise ValueError("horizon_days and min_notice_hours must not be negative")
    zone = load_zone(partner_tz)
    hours = parse_working_hours(working_hours)
    now_utc = require_aware(now, "now")
    session = timedelta(minutes=session_minutes)
    earliest = now_utc + timedelta(hours=min_notice_hours)
    latest = now_utc + timedelta(days=horizon_days)
    if earliest > latest:
        return []
    busy = sorted(require_aware(t, "a taken start") for t in taken)

    # One local day of margin on each side: a slot's local day can differ from its UTC day.
    first_day = earliest.astimezone(zone).date() - timedelta(days=1)
    last_day = latest.astimezone(zone).date() + timedelta(days=1)
    off = frozenset(days_off)
    slots = [
        start
        for start in _candidate_slots(hours, zone, first_day, last_day, session)
        if earliest <= start <= latest and not clashes(start, session, busy)
        and start.astimezone(zone).date() not in off
    ]
    return sorted(slots)


def clashes(start: datetime, session: timedelta, busy: Sequence[datetime]) -> bool:
    """True if a session of length `session` at `start` overlaps one starting in `busy`.

    `busy` must be sorted ascending; every session has the same length `session`.
    """
    # The first taken start after (start - session) is the only one that can overlap first.
    i = bisect_right(busy, start - session)
    return i < len(busy) and busy[i] < start + session


def is_bookable(
    start: datetime,
    working_hours: WorkingHoursInput,
    partner_tz: str,
    now: datetime,
    *,
    horizon_days: int,
    min_notice_hours: int,
    session_minutes: int,
    taken: Collection[datetime],
    days_off: Collection[date] = (),
) -> bool:
    """True iff `start` is one of `bookable_slots(...)` for the same arguments.

    The server calls this on whatever start the browser sends: a naive datetime, a start off
    the grid, a taken or past start are all simply not bookable.
    """
    if not isinstance(start, datetime) or start.tzinfo is None or start.utcoffset() is None:
        return False
    wanted = start.astimezone(UTC)
    # Recomputing the list keeps one definition of "bookable"; it is a few hundred slots.
    slots = bookable_slots(
        working_hours, partner_tz, now, horizon_days=horizon_days,
        min_notice_hours=min_notice_hours, session_minutes=session_minutes, taken=taken,
        days_off=days_off,
    )
    return wanted in slots
