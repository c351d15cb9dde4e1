"""The booking summary (payment arrives with the payment issue)."""

from __future__ import annotations

import reflex as rx

from fxorleans import clock, config
from fxorleans.booking import queries
from fxorleans.domain.availability import format_slot
from fxorleans.domain.money import Money
from fxorleans.domain.refunds import describe
from fxorleans.state.auth import AuthState


class BookState(AuthState):
    b_found: bool = False
    b_id: str = ""
    b_partner: str = ""
    b_partner_id: str = ""
    b_partner_title: str = ""
    b_when: str = ""
    b_minutes: int = 60
    b_total: str = ""
    b_status: str = ""
    b_problem: str = ""
    b_hold_until: str = ""
    b_hold_live: bool = False
    policy: list[str] = []

    @rx.event
    def load(self) -> rx.event.EventSpec | None:
        self.b_found = False
        user = self._require("client", "admin")
        if user is None:
            return self._deny()
        booking_id = str(self.router.url.path).rstrip("/").rsplit("/", 1)[-1]
        detail = queries.booking_detail(booking_id)
        # Another client's booking looks exactly like a missing one: ids are not confirmed.
        if detail is None or (user.role == "client" and detail.client_id != user.id):
            return None
        tz = detail.client_timezone or user.timezone
        self.b_found, self.b_id = True, detail.booking_id
        self.b_partner, self.b_partner_id = detail.partner_name, detail.partner_id
        self.b_partner_title = detail.partner_title
        self.b_when = format_slot(detail.start, tz)
        self.b_minutes = int((detail.end - detail.start).total_seconds() // 60)
        self.b_total = Money(detail.amount, detail.currency).format()
        self.b_status, self.b_problem = detail.status, detail.problem
        self.b_hold_live = detail.status in ("Held", "Awaiting payment") and \
            clock.now() < detail.hold_expires_at
        self.b_hold_until = format_slot(detail.hold_expires_at, tz)
        self.policy = describe(config.get().refund_policy)
        return None
