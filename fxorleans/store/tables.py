"""SQLModel tables: the event log, projections, outbox, partners, accounts, mail."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa
from sqlmodel import JSON, Column, Field, SQLModel


class UTCDateTime(sa.TypeDecorator):
    """Aware UTC datetimes in and out, on SQLite (which forgets zones) and PostgreSQL alike."""

    impl = sa.DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Any) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime refused: every time in the store is aware")
        value = value.astimezone(UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: datetime | None, dialect: Any) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


TZ = UTCDateTime


def _ts(nullable: bool = True, index: bool = False) -> Any:
    return Field(default=None, sa_column=Column(TZ(), nullable=nullable, index=index))


class EventRecord(SQLModel, table=True):
    __tablename__ = "event"
    __table_args__ = (sa.UniqueConstraint("stream_id", "version", name="uq_event_stream_version"),)

    position: int | None = Field(
        default=None, sa_column=Column(sa.BigInteger().with_variant(sa.Integer, "sqlite"),
                                       primary_key=True, autoincrement=True))
    stream_id: str = Field(index=True, max_length=80)
    version: int
    type: str = Field(max_length=80)
    schema_version: int = 1
    data: dict = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    meta: dict = Field(default_factory=dict, sa_column=Column("metadata", JSON, nullable=False))
    recorded_at: datetime = Field(sa_column=Column(TZ(), nullable=False))


class BookingView(SQLModel, table=True):
    __tablename__ = "booking_view"

    booking_id: str = Field(primary_key=True, max_length=40)
    client_id: str = Field(index=True, max_length=40)
    partner_id: str = Field(index=True, max_length=80)
    start: datetime = Field(sa_column=Column(TZ(), nullable=False, index=True))
    end: datetime = Field(sa_column=Column(TZ(), nullable=False))
    status: str = Field(max_length=30, index=True)
    amount: int
    currency: str = Field(max_length=3)
    problem: str = Field(sa_column=Column(sa.Text, nullable=False))
    client_timezone: str = Field(max_length=64)
    # A keyed hash (never the address itself) of where the hold was placed from, so one
    # address cannot squat a calendar with many accounts.
    client_address: str | None = Field(default=None, max_length=64, index=True)
    hold_expires_at: datetime = Field(sa_column=Column(TZ(), nullable=False))
    meeting_url: str | None = None
    calendar_event_id: str | None = None
    last_error: str | None = None
    cancelled_by: str | None = None
    refund_amount: int = 0
    completed_at: datetime | None = _ts()
    no_show: bool = Field(default=False, sa_column=Column(sa.Boolean, nullable=False,
                                                          server_default=sa.false()))
    problem_reported_at: datetime | None = _ts()
    rating: int | None = None
    rating_comment: str | None = Field(default=None, sa_column=Column(sa.Text, nullable=True))
    version: int
    updated_at: datetime = Field(sa_column=Column(TZ(), nullable=False))


class PaymentView(SQLModel, table=True):
    __tablename__ = "payment_view"

    booking_id: str = Field(primary_key=True, max_length=40)
    client_id: str = Field(index=True, max_length=40)
    partner_id: str = Field(index=True, max_length=80)
    intent_id: str | None = Field(default=None, index=True, max_length=80)
    amount: int
    currency: str = Field(max_length=3)
    status: str = Field(max_length=30)
    authorized_amount: int = 0
    captured_amount: int = 0
    refunded_amount: int = 0
    partner_share: int = 0
    platform_share: int = 0
    created_at: datetime = Field(sa_column=Column(TZ(), nullable=False))
    authorized_at: datetime | None = _ts()
    captured_at: datetime | None = _ts()
    refunded_at: datetime | None = _ts()
    capture_before: datetime | None = _ts()
    scheduled_at: datetime = Field(sa_column=Column(TZ(), nullable=False))
    meeting_url: str | None = None
    calendar_event_id: str | None = None


class MatchRequestView(SQLModel, table=True):
    __tablename__ = "match_request_view"

    request_id: str = Field(primary_key=True, max_length=40)
    owner: str = Field(index=True, max_length=80)
    problem: str = Field(sa_column=Column(sa.Text, nullable=False))
    industry: str = ""
    urgency: str = ""
    ranking: list = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    created_at: datetime = Field(sa_column=Column(TZ(), nullable=False))


class SlotReservation(SQLModel, table=True):
    """One live hold or booking per partner and slot start, enforced by the database."""

    __tablename__ = "slot_reservation"
    __table_args__ = (sa.UniqueConstraint("partner_id", "start", name="uq_slot_partner_start"),)

    id: int | None = Field(default=None, primary_key=True)
    partner_id: str = Field(max_length=80)
    start: datetime = Field(sa_column=Column(TZ(), nullable=False))
    booking_id: str = Field(max_length=40, unique=True)
    # A hold stops counting after this instant; NULL once the booking is paid for.
    expires_at: datetime | None = _ts()


class OutboxJob(SQLModel, table=True):
    __tablename__ = "outbox_job"

    id: int | None = Field(default=None, primary_key=True)
    kind: str = Field(max_length=60, index=True)
    payload: dict = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    idempotency_key: str = Field(max_length=160, unique=True)
    status: str = Field(default="pending", max_length=20, index=True)  # pending|done|failed
    attempts: int = 0
    max_attempts: int = 8
    next_attempt_at: datetime = Field(sa_column=Column(TZ(), nullable=False, index=True))
    last_error: str | None = Field(default=None, sa_column=Column(sa.Text))
    created_at: datetime = Field(sa_column=Column(TZ(), nullable=False))
    done_at: datetime | None = _ts()


class PartnerRow(SQLModel, table=True):
    __tablename__ = "partner"

    id: str = Field(primary_key=True, max_length=80)
    email: str = Field(max_length=254, index=True)
    first_name: str = Field(max_length=80)
    last_name: str = Field(max_length=80)
    title: str = Field(max_length=160)
    practice: str = Field(max_length=8, index=True)
    bio: str = Field(sa_column=Column(sa.Text, nullable=False))
    skills: list = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    industries: list = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    location: str = Field(default="", max_length=120)
    timezone: str = Field(max_length=64)
    working_hours: dict = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    # ISO dates ("2026-12-24") the partner takes off, in the partner's own zone.
    days_off: list = Field(default_factory=list, sa_column=Column(JSON, nullable=False,
                                                                  server_default="[]"))
    photo_url: str = Field(default="", max_length=500)
    active: bool = True
    updated_at: datetime = Field(sa_column=Column(TZ(), nullable=False))


class User(SQLModel, table=True):
    __tablename__ = "user_account"

    id: str = Field(primary_key=True, max_length=40)
    email: str = Field(max_length=254, unique=True)
    name: str = Field(default="", max_length=120)
    password_hash: str | None = Field(default=None, max_length=200)
    role: str = Field(default="client", max_length=10)  # client | partner | admin
    partner_id: str | None = Field(default=None, max_length=80, index=True)
    timezone: str = Field(default="UTC", max_length=64)
    email_verified_at: datetime | None = _ts()
    created_at: datetime = Field(sa_column=Column(TZ(), nullable=False))
    disabled: bool = False
    # Second factor (TOTP): the secret sealed with FXO_SECRET_KEY, set when enrolment starts;
    # the time it was confirmed with a first code; the last time step accepted (no replay).
    totp_secret: str | None = Field(default=None, max_length=200)
    totp_confirmed_at: datetime | None = _ts()
    totp_last_step: int | None = None


class RecoveryCode(SQLModel, table=True):
    """A one-use second-factor recovery code, stored as a hash."""

    __tablename__ = "recovery_code"

    code_hash: str = Field(primary_key=True, max_length=64)
    user_id: str = Field(index=True, max_length=40)
    created_at: datetime = Field(sa_column=Column(TZ(), nullable=False))
    used_at: datetime | None = _ts()


class AuthSession(SQLModel, table=True):
    __tablename__ = "auth_session"

    token_hash: str = Field(primary_key=True, max_length=64)
    user_id: str = Field(index=True, max_length=40)
    created_at: datetime = Field(sa_column=Column(TZ(), nullable=False))
    expires_at: datetime = Field(sa_column=Column(TZ(), nullable=False))
    last_seen_at: datetime = Field(sa_column=Column(TZ(), nullable=False))
    revoked_at: datetime | None = _ts()


class OneTimeToken(SQLModel, table=True):
    __tablename__ = "one_time_token"

    token_hash: str = Field(primary_key=True, max_length=64)
    user_id: str = Field(index=True, max_length=40)
    purpose: str = Field(max_length=20)  # verify | reset | invite
    created_at: datetime = Field(sa_column=Column(TZ(), nullable=False))
    expires_at: datetime = Field(sa_column=Column(TZ(), nullable=False))
    used_at: datetime | None = _ts()


class MailMessage(SQLModel, table=True):
    __tablename__ = "mail_message"

    id: int | None = Field(default=None, primary_key=True)
    to_addr: str = Field(max_length=254, index=True)
    subject: str = Field(max_length=300)
    body: str = Field(sa_column=Column(sa.Text, nullable=False))
    kind: str = Field(default="", max_length=40)
    status: str = Field(default="stored", max_length=20)  # stored | sent | failed
    created_at: datetime = Field(sa_column=Column(TZ(), nullable=False, index=True))
    sent_at: datetime | None = _ts()


class RateEvent(SQLModel, table=True):
    """Hits counted by the rate limiter (per address for anonymous matching, etc.)."""

    __tablename__ = "rate_event"

    id: int | None = Field(default=None, primary_key=True)
    key: str = Field(max_length=300, index=True)
    at: datetime = Field(sa_column=Column(TZ(), nullable=False, index=True))


class WebhookEventSeen(SQLModel, table=True):
    """Stripe event ids already processed: a redelivery is acknowledged and ignored."""

    __tablename__ = "webhook_event_seen"

    event_id: str = Field(primary_key=True, max_length=80)
    type: str = Field(max_length=80)
    received_at: datetime = Field(sa_column=Column(TZ(), nullable=False))


ALL_TABLES = [
    EventRecord, BookingView, PaymentView, MatchRequestView, SlotReservation, OutboxJob,
    PartnerRow, User, AuthSession, OneTimeToken, MailMessage, RateEvent, WebhookEventSeen,
]
