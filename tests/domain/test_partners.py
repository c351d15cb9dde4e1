"""Partner profile parsing: validation names record and field, defaults, round-trips."""

from __future__ import annotations

import copy
import json
from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import available_timezones

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from fxorleans.domain import availability
from fxorleans.domain.partners import (
    DAYS,
    DEFAULT_WORKING_HOURS,
    LEVELS,
    PRACTICES,
    DirectoryValidationError,
    PartnerProfile,
    PartnerValidationError,
    parse_directory,
    parse_partner,
    partner_to_record,
)

DEV_PARTNERS = Path("/work/shared/eval/dev/partners.json")

VALID = {
    "id": "maya-okafor",
    "email": "maya.okafor@example.com",
    "first_name": "Maya",
    "last_name": "Okafor",
    "title": "Fractional CTO",
    "practice": "CTO",
    "bio": "Led engineering at three SaaS companies.",
    "skills": [{"name": "AWS", "years": 12, "level": "Expert"}],
    "industries": ["B2B SaaS"],
    "location": "Austin, TX",
    "timezone": "America/Chicago",
    "active": True,
}


def with_(**changes: object) -> dict:
    record = copy.deepcopy(VALID)
    for key, value in changes.items():
        if value is ...:
            record.pop(key, None)
        else:
            record[key] = value
    return record


def test_valid_record_parses_with_defaults() -> None:
    p = parse_partner(VALID)
    assert p.full_name == "Maya Okafor"
    assert p.skills[0].name == "AWS" and p.skills[0].years == 12
    assert p.working_hours == DEFAULT_WORKING_HOURS
    hours = p.hours_by_day()
    assert list(hours) == list(DAYS)
    assert hours["mon"] == [("09:00", "17:00")] and hours["sat"] == []
    assert p.photo_url == ""


def test_working_hours_several_ranges_sorted() -> None:
    p = parse_partner(with_(working_hours={"tue": [["13:00", "17:00"], ["08:00", "12:00"]],
                                           "sat": []}))
    assert p.hours_by_day()["tue"] == [("08:00", "12:00"), ("13:00", "17:00")]
    assert p.hours_by_day()["mon"] == []


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"id": "Maya Okafor"}, "id"),
        ({"id": ...}, "id"),
        ({"email": "not-an-email"}, "email"),
        ({"practice": "CEO"}, "practice"),
        ({"timezone": "Mars/Olympus"}, "timezone"),
        ({"timezone": "../etc/passwd"}, "timezone"),
        ({"skills": []}, "skills"),
        ({"skills": [{"name": "AWS", "years": 61, "level": "Expert"}]}, "skills[0].years"),
        ({"skills": [{"name": "AWS", "years": True, "level": "Expert"}]}, "skills[0].years"),
        ({"skills": [{"name": "AWS", "years": 3, "level": "Guru"}]}, "skills[0].level"),
        ({"skills": [{"name": "", "years": 3, "level": "Expert"}]}, "skills[0].name"),
        ({"skills": [{"name": "AWS", "years": 3, "level": "Expert"},
                     {"name": "aws", "years": 3, "level": "Expert"}]}, "skills[1].name"),
        ({"industries": []}, "industries"),
        ({"active": "yes"}, "active"),
        ({"first_name": "  "}, "first_name"),
        ({"photo_url": "javascript:alert(1)"}, "photo_url"),
        ({"working_hours": {"mon": [["9:00", "17:00"]]}}, "working_hours.mon[0]"),
        ({"working_hours": {"mon": [["17:00", "09:00"]]}}, "working_hours.mon[0]"),
        ({"working_hours": {"mon": [["09:00", "12:00"], ["11:00", "13:00"]]}},
         "working_hours.mon"),
        ({"working_hours": {"funday": []}}, "working_hours"),
    ],
)
def test_invalid_field_is_named(changes: dict, field: str) -> None:
    with pytest.raises(PartnerValidationError) as err:
        parse_partner(with_(**changes), index=3)
    assert err.value.field == field
    expected_ref = "#3" if changes.get("id", 0) is ... else err.value.record_ref
    assert err.value.record_ref == expected_ref
    assert field in str(err.value)


def test_ref_is_id_when_present() -> None:
    with pytest.raises(PartnerValidationError) as err:
        parse_partner(with_(practice="CEO"))
    assert err.value.record_ref == "maya-okafor"


def test_directory_reports_every_error_and_duplicates() -> None:
    records = [VALID, with_(id="x-1", email="bad"), copy.deepcopy(VALID), with_(id=...)]
    with pytest.raises(DirectoryValidationError) as err:
        parse_directory(records)
    refs = [(e.record_ref, e.field) for e in err.value.errors]
    assert refs == [("x-1", "email"), ("maya-okafor", "id"), ("#3", "id")]
    assert isinstance(err.value, PartnerValidationError)


def test_directory_single_error_and_not_a_list() -> None:
    with pytest.raises(PartnerValidationError) as err:
        parse_directory([with_(practice="X")])
    assert (err.value.record_ref, err.value.field) == ("maya-okafor", "practice")
    with pytest.raises(PartnerValidationError):
        parse_directory({"id": "x"})


def test_dev_directory_round_trips() -> None:
    partners = parse_directory(json.loads(DEV_PARTNERS.read_text()))
    assert len(partners) == 24
    assert sum(not p.active for p in partners) == 2
    for p in partners:
        assert parse_partner(json.loads(json.dumps(partner_to_record(p)))) == p


# --- property: any valid record survives record -> profile -> record -> profile ---------------

_word = st.text(alphabet="abcdefghijklmnopqrstuvwxyz", min_size=1, max_size=8)
_label = st.text(alphabet="abcdefghijklmnopqrstuvwxyz &/-ABC0123", min_size=1, max_size=30).filter(
    lambda s: s.strip() != "")
_slug = st.lists(_word, min_size=1, max_size=3).map("-".join)
_skill_names = st.lists(_label, min_size=1, max_size=12,
                        unique_by=lambda s: s.strip().casefold())


@st.composite
def _hours(draw: st.DrawFn) -> dict | None:
    if draw(st.booleans()):
        return None
    out: dict[str, list[list[str]]] = {}
    for day in draw(st.lists(st.sampled_from(DAYS), unique=True, max_size=7)):
        cuts = sorted(draw(st.lists(st.integers(0, 23 * 60 + 59), unique=True, max_size=6)))
        pairs = [cuts[i:i + 2] for i in range(0, len(cuts) - 1, 2)]
        out[day] = [[f"{a // 60:02d}:{a % 60:02d}", f"{b // 60:02d}:{b % 60:02d}"]
                    for a, b in pairs]
    return out


@st.composite
def records(draw: st.DrawFn) -> dict:
    record = {
        "id": draw(_slug),
        "email": f"{draw(_word)}@{draw(_word)}.example.com",
        "first_name": draw(_label),
        "last_name": draw(_label),
        "title": draw(_label),
        "practice": draw(st.sampled_from(PRACTICES)),
        "bio": draw(st.text(max_size=200)),
        "skills": [{"name": n, "years": draw(st.integers(0, 60)),
                    "level": draw(st.sampled_from(LEVELS))} for n in draw(_skill_names)],
        "industries": draw(st.lists(_label, min_size=1, max_size=4,
                                    unique_by=lambda s: s.strip())),
        "location": draw(_label),
        "timezone": draw(st.sampled_from(["UTC", "Europe/Paris", "Asia/Kolkata",
                                          "America/New_York", "Australia/Sydney"])),
        "active": draw(st.booleans()),
    }
    hours = draw(_hours())
    if hours is not None:
        record["working_hours"] = hours
    if draw(st.booleans()):
        record["photo_url"] = f"https://img.example.com/{draw(_word)}.jpg"
    return record


@settings(max_examples=150, deadline=None)
@given(records())
def test_round_trip(record: dict) -> None:
    profile = parse_partner(record)
    again = parse_partner(json.loads(json.dumps(partner_to_record(profile))))
    assert again == profile
    assert partner_to_record(again) == partner_to_record(profile)


# --- one rule per fact: the slot maths decides what a zone and a working day are --------------

MONDAY = datetime(2026, 12, 7, 0, 0, tzinfo=UTC)


def _slots(p: PartnerProfile, now: datetime = MONDAY, **kw: int) -> list[datetime]:
    return availability.bookable_slots(
        p.hours_by_day(), p.timezone, now,
        horizon_days=kw.get("horizon_days", 7), min_notice_hours=0,
        session_minutes=kw.get("session_minutes", 60), taken=())


@pytest.mark.parametrize("zone", ["Factory", "localtime", "posixrules", "Europe/berlin"])
def test_a_zone_the_slot_maths_refuses_is_refused_at_import(zone: str) -> None:
    with pytest.raises(PartnerValidationError) as err:
        parse_partner(with_(timezone=zone))
    assert (err.value.record_ref, err.value.field) == ("maya-okafor", "timezone")
    assert "maya-okafor" in str(err.value) and "timezone" in str(err.value)
    with pytest.raises(availability.UnknownTimeZone):
        availability.load_zone(zone)


def test_factory_in_a_directory_names_the_record() -> None:
    with pytest.raises(PartnerValidationError) as err:
        parse_directory([VALID, with_(id="zone-less", timezone="Factory")])
    assert (err.value.record_ref, err.value.field) == ("zone-less", "timezone")


def test_end_of_day_is_accepted_and_offers_the_last_hour() -> None:
    p = parse_partner(with_(timezone="Asia/Tokyo", working_hours={"sat": [["22:00", "24:00"]]}))
    assert p.hours_by_day()["sat"] == [("22:00", "24:00")]
    assert parse_partner(partner_to_record(p)) == p
    # Saturday 12 Dec 22:00 and 23:00 in Tokyo (UTC+9), nothing else in the week.
    assert _slots(p) == [datetime(2026, 12, 12, 13, tzinfo=UTC),
                         datetime(2026, 12, 12, 14, tzinfo=UTC)]


@pytest.mark.parametrize(
    ("hours", "field"),
    [
        ({"tue": [["09:00", "12:00"], ["11:30", "13:00"]]}, "working_hours.tue"),
        ({"wed": [["10:00", "12:00"], ["08:00", "10:30"]]}, "working_hours.wed"),
        ({"thu": [["13:00", "13:00"]]}, "working_hours.thu[0]"),
        ({"fri": [["08:00", "10:00"], ["24:00", "24:00"]]}, "working_hours.fri[1]"),
        ({"sat": [["09:00", "24:30"]]}, "working_hours.sat[0]"),
        ({"sun": [["09:00"]]}, "working_hours.sun[0]"),
        ({"sun": [[900, 1700]]}, "working_hours.sun[0]"),
        ({"mon": "09:00-17:00"}, "working_hours.mon"),
        ({"mon": {"09:00": "17:00"}}, "working_hours.mon"),
        (["mon"], "working_hours"),
    ],
)
def test_bad_ranges_name_the_day(hours: object, field: str) -> None:
    with pytest.raises(PartnerValidationError) as err:
        parse_partner(with_(working_hours=hours))
    assert (err.value.record_ref, err.value.field) == ("maya-okafor", field)
    with pytest.raises(availability.InvalidWorkingHours):
        availability.parse_working_hours(hours)


_times = st.one_of(
    st.integers(0, 24 * 60).map(availability.hhmm),
    st.sampled_from(["24:00", "9:00", "25:00", "12:60", "", "noon"]),
    st.integers(-5, 2000),
    st.none(),
)
_any_zone = st.one_of(
    st.sampled_from(sorted(available_timezones())),
    st.sampled_from(["Factory", "localtime", "posixrules", " UTC", "utc", "Mars/Olympus",
                     "../etc/passwd", "", "Europe/Berlin ", "EST5EDT", "Etc/GMT+12"]),
    st.integers(),
    st.none(),
)
_ranges = st.lists(st.one_of(st.lists(_times, min_size=1, max_size=3), _times), max_size=4)
_any_hours = st.one_of(
    st.none(),
    st.dictionaries(st.sampled_from([*DAYS, "Mon", "funday"]),
                    st.one_of(_ranges, st.none(), st.text(max_size=5)), max_size=7),
)


@settings(max_examples=400, deadline=None)
@given(records(), _any_zone, _any_hours, st.sampled_from([30, 45, 60, 90]),
       st.datetimes(min_value=datetime(2020, 1, 1), max_value=datetime(2035, 1, 1),
                    timezones=st.just(UTC)))
def test_whatever_import_accepts_the_slot_maths_can_use(
    record: dict, zone: object, hours: object, session_minutes: int, now: datetime,
) -> None:
    record["timezone"] = zone
    if hours is None:
        record.pop("working_hours", None)
    else:
        record["working_hours"] = hours
    try:
        p = parse_partner(record)
    except PartnerValidationError:
        return
    _slots(p, now, horizon_days=14, session_minutes=session_minutes)
