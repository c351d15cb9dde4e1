"""The admin list's search: by status, by a client's or partner's name or e-mail (any case),
by booking id, by days in the admin's zone; only admins may search."""

from __future__ import annotations

from datetime import date, timedelta

from reflex.event import EventSpec

from fxorleans import clock
from fxorleans.accounts import service as accounts
from fxorleans.booking import closing, queries
from fxorleans.domain.display import day_bounds
from fxorleans.state.admin_bookings import BACKWARDS, BAD_DATE, AdminBookingsState
from tests.booking.test_closing import World, _paid, world  # noqa: F401 - the fixture
from tests.statekit import call, make_state


def _admin_state() -> AdminBookingsState:
    token = accounts.login("root@example.com", "admin password 1", "a")[0]
    return make_state(AdminBookingsState, token=token, path="/admin/bookings")


def _found(**kw: object) -> list[str]:
    return [b.booking_id for b in queries.search_bookings(queries.BookingFilter(**kw))]


def test_the_search_filters_by_status_text_and_days(world: World) -> None:  # noqa: F811
    ines = _paid(world, 30)
    omar = _paid(world, 54, partner_id="omar-haddad")
    clock.advance(timedelta(minutes=20))
    assert closing.cancel(omar, world.client) is None
    assert set(_found()) == {ines, omar}
    assert _found(status="Cancelled") == [omar] and _found(status="Confirmed") == [ines]
    assert _found(text="HADDAD") == [omar] and _found(text="ines.duarte@") == [ines]
    assert set(_found(text="payer@example")) == {ines, omar}  # the client's e-mail
    assert _found(text=ines[:10]) == [ines]
    assert _found(text="%") == [] and _found(text="_") == []  # wildcards are literal
    tuesday = (clock.now() + timedelta(hours=30)).date()
    since, until = day_bounds(tuesday, tuesday, "UTC")
    assert _found(since=since, until=until) == [ines]
    since, until = day_bounds(tuesday + timedelta(days=1), None, "UTC")
    assert _found(since=since, until=until) == [omar]


def test_day_bounds_follow_the_viewers_clock() -> None:
    since, until = day_bounds(date(2027, 3, 28), date(2027, 3, 28), "Europe/Berlin")
    assert since is not None and until is not None
    assert until - since == timedelta(hours=23)  # the clocks go forward that day
    assert day_bounds(None, None, "UTC") == (None, None)


def test_only_admins_search_and_bad_dates_are_said(world: World) -> None:  # noqa: F811
    booking_id = _paid(world, 30)
    client = make_state(AdminBookingsState, path="/admin/bookings",
                        token=accounts.login("payer@example.com", "correct horse battery",
                                             "a")[0])
    yielded = call(client, "search", {"text": ""})
    assert client.rows == [] and any(isinstance(y, EventSpec) for y in yielded)
    admin = _admin_state()
    call(admin, "search", {"text": "duarte"})
    assert [r.booking_id for r in admin.rows] == [booking_id]
    call(admin, "search", {"from": "2026-13-01"})
    assert admin.filter_error == BAD_DATE
    call(admin, "search", {"from": "2026-12-09", "to": "2026-12-08"})
    assert admin.filter_error == BACKWARDS
    call(admin, "set_status_filter", "Paid")
    call(admin, "search", {})
    assert admin.rows == [] and admin.filter_error == ""
