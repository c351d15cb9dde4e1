"""The partner's earnings and sessions, read from the projections: exact minor units, the
month in the partner's own zone, only the partner's own rows."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from fxorleans.booking import directory, queries
from fxorleans.domain.money import Money
from fxorleans.store import db
from fxorleans.store.tables import BookingView, PaymentView, User
from tests.factories import partner_record

T0 = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)


@pytest.fixture
def partners(database):
    directory.import_partners([
        partner_record("kenji-sato", "Kenji", "Sato", "CTO", "AWS", "Asia/Tokyo"),
        partner_record("lena-berg", "Lena", "Berg", "CFO", "FP&A", "America/Los_Angeles"),
    ])


def _payment(booking_id: str, partner_id: str, *, status: str, authorized: int = 80000,
             captured: int = 0, refunded: int = 0, partner_share: int = 0,
             captured_at: datetime | None = None, currency: str = "USD") -> None:
    with db.transaction() as s:
        s.add(PaymentView(
            booking_id=booking_id, client_id="client-1", partner_id=partner_id, amount=authorized,
            currency=currency, status=status, authorized_amount=authorized,
            captured_amount=captured, refunded_amount=refunded, partner_share=partner_share,
            platform_share=captured - refunded - partner_share if captured else 0,
            created_at=T0, authorized_at=T0, captured_at=captured_at, scheduled_at=T0))


def _captured(booking_id: str, partner_id: str, at: datetime, **kw) -> None:
    _payment(booking_id, partner_id, status="captured", captured=80000, partner_share=64000,
             captured_at=at, **kw)


def test_one_captured_800_session_earns_640_this_month_and_in_total(partners) -> None:
    _captured("b1", "kenji-sato", datetime(2026, 12, 3, 10, 0, tzinfo=UTC))
    earned = queries.partner_earnings("kenji-sato", "Asia/Tokyo",
                                      datetime(2026, 12, 10, tzinfo=UTC))
    assert earned.this_month == earned.total == (Money(64000, "USD"),)
    assert earned.total[0].format() == "$640.00"
    assert earned.pending == ()


def test_the_month_starts_at_midnight_in_the_partners_zone(partners) -> None:
    # 1 Dec 00:00 in Tokyo is 30 Nov 15:00 UTC: ten minutes after it is December there,
    # ten minutes before it is still November, although both are November in UTC.
    _captured("dec", "kenji-sato", datetime(2026, 11, 30, 15, 10, tzinfo=UTC))
    _captured("nov", "kenji-sato", datetime(2026, 11, 30, 14, 50, tzinfo=UTC))
    now = datetime(2026, 11, 30, 16, 0, tzinfo=UTC)
    earned = queries.partner_earnings("kenji-sato", "Asia/Tokyo", now)
    assert earned.this_month == (Money(64000, "USD"),)
    assert earned.total == (Money(128000, "USD"),)
    # West of UTC: 1 Dec 00:00 in Los Angeles is 1 Dec 08:00 UTC.
    _captured("la-nov", "lena-berg", datetime(2026, 12, 1, 7, 59, tzinfo=UTC))
    _captured("la-dec", "lena-berg", datetime(2026, 12, 1, 8, 0, tzinfo=UTC))
    la = queries.partner_earnings("lena-berg", "America/Los_Angeles",
                                  datetime(2026, 12, 1, 9, 0, tzinfo=UTC))
    assert la.this_month == (Money(64000, "USD"),)
    before = queries.partner_earnings("lena-berg", "America/Los_Angeles",
                                      datetime(2026, 12, 1, 7, 59, tzinfo=UTC))
    assert before.this_month == (Money(64000, "USD"),)  # only November's, seen in November


def test_december_to_january_rolls_the_year(partners) -> None:
    _captured("new-year", "kenji-sato", datetime(2026, 12, 31, 15, 0, tzinfo=UTC))  # 1 Jan JST
    earned = queries.partner_earnings("kenji-sato", "Asia/Tokyo",
                                      datetime(2027, 1, 5, tzinfo=UTC))
    assert earned.this_month == (Money(64000, "USD"),)
    assert queries.partner_earnings("kenji-sato", "UTC",
                                    datetime(2027, 1, 5, tzinfo=UTC)).this_month == ()


def test_pending_is_the_partners_share_of_live_authorizations_only(partners) -> None:
    _payment("held", "kenji-sato", status="authorized")
    _payment("odd", "kenji-sato", status="authorized", authorized=80001)  # 64000.8 -> 64000
    _payment("released", "kenji-sato", status="released")
    _payment("created", "kenji-sato", status="created", authorized=0)
    _payment("someone-else", "lena-berg", status="authorized")
    earned = queries.partner_earnings("kenji-sato", "Asia/Tokyo",
                                      datetime(2026, 12, 1, tzinfo=UTC))
    assert earned.pending == (Money(128000, "USD"),)
    assert earned.this_month == earned.total == ()


def test_refunds_after_capture_and_currencies_are_kept_apart(partners) -> None:
    at = datetime(2026, 12, 2, tzinfo=UTC)
    # half refunded after capture: the projection splits the 400.00 kept
    _payment("half", "kenji-sato", status="partially_refunded", captured=80000, refunded=40000,
             partner_share=32000, captured_at=at)
    _payment("yen", "kenji-sato", status="captured", authorized=8000, captured=8000,
             partner_share=6400, captured_at=at, currency="JPY")
    _payment("yen-held", "kenji-sato", status="authorized", authorized=8001, currency="JPY")
    earned = queries.partner_earnings("kenji-sato", "Asia/Tokyo", at + timedelta(days=1))
    assert earned.total == (Money(6400, "JPY"), Money(32000, "USD"))
    assert [m.format() for m in earned.this_month] == ["¥6,400", "$320.00"]
    assert earned.pending == (Money(6400, "JPY"),)


def test_sessions_carry_the_client_problem_link_and_rating(partners) -> None:
    with db.transaction() as s:
        s.add(User(id="client-1", email="ann@example.com", name="Ann Client", created_at=T0))
        for bid, pid in (("mine", "kenji-sato"), ("theirs", "lena-berg")):
            s.add(BookingView(
                booking_id=bid, client_id="client-1", partner_id=pid, start=T0,
                end=T0 + timedelta(hours=1), status="Paid", amount=80000, currency="USD",
                problem="Our AWS bill doubled.", client_timezone="Europe/Paris",
                hold_expires_at=T0, meeting_url="https://meet.example/x", version=9,
                completed_at=T0 + timedelta(hours=1), rating=4, rating_comment="Sharp.",
                updated_at=T0))
    [row] = queries.sessions_of_partner("kenji-sato")
    assert (row.booking_id, row.client_name, row.problem, row.meeting_url) == (
        "mine", "Ann Client", "Our AWS bill doubled.", "https://meet.example/x")
    assert (row.status, row.rating, row.rating_comment, row.no_show) == ("Paid", 4, "Sharp.",
                                                                           False)
    assert queries.partner_zone("kenji-sato") == "Asia/Tokyo"
    assert queries.partner_zone("nobody") == "UTC"
