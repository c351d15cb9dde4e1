"""One booking for admins: who and when, the money, the provider's live state, the refund form
and the full event history."""

from __future__ import annotations

import reflex as rx

from fxorleans import routes
from fxorleans.components.closing import confirm_dialog, status_badge
from fxorleans.components.desk import (
    decision,
    decision_dialog,
    evidence,
    flag_callout,
    grid,
    line,
    section,
)
from fxorleans.components.layout import error_callout, link_button, page
from fxorleans.state.admin_booking import AdminBookingState, EventRow

S = AdminBookingState


def _booking() -> rx.Component:
    return section(
        "Booking",
        grid(line("Client", S.booking.client, more=rx.text(
                  S.booking.client_email, size="2", overflow_wrap="anywhere")),
              line("Partner", S.booking.partner),
              line("Session", S.booking.when),
              rx.box(rx.el.dt("Status", class_name="fxo-label", color="var(--gray-11)"),
                     rx.el.dd(status_badge(S.booking.status), margin="0"))),
        id_="booking")


def _money() -> rx.Component:
    return section(
        "Money",
        grid(line("Authorized", S.money.authorized, "money-authorized"),
              line("Captured", S.money.captured, "money-captured"),
              line("Refunded", S.money.refunded, "money-refunded"),
              line("Net", S.money.net, "money-net")),
        rx.text("Payment status: ", S.money.payment_status, size="2", color_scheme="gray",
                high_contrast=True),
        id_="money")


def _provider() -> rx.Component:
    return section(
        "At the provider, now",
        rx.match(
            S.provider_status,
            ("ok", grid(line("Intent status", S.provider.status, "provider-status"),
                         line("Amount", S.provider.amount),
                         line("Capturable", S.provider.capturable),
                         line("Received", S.provider.received))),
            ("unavailable", rx.text("Unavailable: the provider did not answer. The figures "
                                    "above are ours.", size="2", id="provider-status")),
            ("none", rx.text("No payment was started for this booking.", size="2")),
            rx.hstack(rx.spinner(size="2"), rx.text("Asking the provider…", size="2"),
                      align="center", role="status"),
        ),
        id_="provider")


def _refund_form() -> rx.Component:
    return rx.form(
        rx.vstack(
            rx.text("Already refunded: ", rx.el.strong(S.money.refunded),
                    ". Still refundable: ", rx.el.strong(S.money.refundable, id="refundable"),
                    ".", size="2"),
            rx.flex(
                rx.vstack(
                    rx.el.label("Amount", html_for="refund-amount", class_name="fxo-label"),
                    rx.input(id="refund-amount", name="amount", value=S.amount,
                             on_change=S.set_amount, input_mode="decimal", required=True,
                             size="3", width="100%", auto_complete="off",
                             aria_describedby="refund-amount-hint"),
                    rx.text("In ", S.money.currency, ", e.g. 200.00", size="1",
                            color_scheme="gray", high_contrast=True, id="refund-amount-hint"),
                    spacing="1", width=rx.breakpoints(initial="100%", sm="180px"),
                    flex_shrink="0"),
                rx.vstack(
                    rx.el.label("Reason", html_for="refund-reason", class_name="fxo-label"),
                    rx.text_area(id="refund-reason", name="reason", value=S.reason,
                                 on_change=S.set_reason, required=True, max_length=500,
                                 rows="2", width="100%"),
                    spacing="1", flex="1", min_width="0", width="100%"),
                gap="16px", direction=rx.breakpoints(initial="column", sm="row"), width="100%"),
            rx.button("Refund", type="submit", size="3", color_scheme="red", id="refund-open",
                      disabled=S.busy | S.waiting),
            spacing="3", width="100%"),
        on_submit=S.open_refund, reset_on_submit=False, width="100%", aria_label="Refund",
    )


def _refund() -> rx.Component:
    return section(
        "Refund",
        rx.cond(
            S.money.captured_any,
            _refund_form(),
            rx.text("Nothing was captured yet: a refund is possible once the payment is "
                    "captured.", rx.cond(S.desk.holds, " To give money back now, decide the "
                                         "held payment above.", ""), size="2")),
        rx.cond(S.confirming, rx.fragment(), error_callout(S.error)),
        id_="refund")


def _dialog() -> rx.Component:
    return confirm_dialog(
        open_=S.confirming, on_open_change=S.dialog_changed, title="Refund this payment?",
        body=rx.vstack(
            rx.text("Amount", size="2", color_scheme="gray", high_contrast=True),
            rx.text(S.confirm_amount, size="6", weight="bold", id="confirm-amount"),
            rx.text("Reason: ", S.reason, size="2", overflow_wrap="anywhere"),
            rx.text("The money goes back to the client's card; the partner's transfer and the "
                    "platform's fee are reversed in proportion.", size="2"),
            spacing="1", width="100%"),
        confirm_label="Confirm refund", on_confirm=S.confirm_refund,
        back_label="Back", on_back=S.close_dialog, busy=S.busy,
        error=rx.cond(S.confirming, S.error, ""))


def _event_row(e: EventRow) -> rx.Component:
    return rx.table.row(
        rx.table.row_header_cell(rx.code(e.name, variant="ghost", size="2")),
        rx.table.cell(rx.text(e.role, weight="medium"),
                      rx.cond(e.who != "", rx.text(e.who, size="1", overflow_wrap="anywhere"))),
        rx.table.cell(e.when, white_space="nowrap"),
        rx.table.cell(e.detail, overflow_wrap="anywhere"))


def _event_card(e: EventRow) -> rx.Component:
    return rx.el.li(
        rx.text(rx.code(e.name, variant="ghost", size="2"), weight="bold"),
        rx.text(e.role, rx.cond(e.who != "", " · " + e.who, ""), size="2",
                overflow_wrap="anywhere"),
        rx.text(e.when, size="2", color_scheme="gray", high_contrast=True),
        rx.cond(e.detail != "", rx.text(e.detail, size="2", overflow_wrap="anywhere")),
        padding="10px 0", border_bottom="1px solid var(--gray-a5)")


def _history() -> rx.Component:
    return section(
        "Event history",
        rx.box(rx.table.root(
            rx.table.header(rx.table.row(
                rx.table.column_header_cell("Event"), rx.table.column_header_cell("Who"),
                rx.table.column_header_cell("When"),
                rx.table.column_header_cell("Details"))),
            rx.table.body(rx.foreach(S.events, _event_row)),
            variant="ghost", size="1", width="100%", id="event-table"),
            class_name="fxo-hide-sm", width="100%", overflow_x="auto"),
        # on a phone the four columns become a list, one event per item
        rx.el.ul(rx.foreach(S.events, _event_card), class_name="fxo-show-sm",
                 list_style="none", padding="0", margin="0", id="event-list"),
        id_="history")


def _content() -> rx.Component:
    return rx.vstack(
        rx.link("← All bookings", href=routes.ADMIN_BOOKINGS, size="2"),
        rx.heading("Booking ", rx.code(S.booking.booking_id, variant="ghost"), size="6",
                   as_="h1", overflow_wrap="anywhere"),
        rx.cond(S.notice != "", rx.cond(
            S.waiting,
            rx.callout(S.notice, icon="loader", color_scheme="blue", high_contrast=True,
                       role="status", width="100%", id="refund-notice"),
            rx.callout(S.notice, icon="circle-check", color_scheme="green", high_contrast=True,
                       role="status", width="100%", id="refund-notice"))),
        flag_callout(), _booking(), _money(), _provider(), decision(), _refund(), evidence(),
        _history(), _dialog(), decision_dialog(),
        spacing="4", width="100%")


def _missing() -> rx.Component:
    return rx.card(rx.vstack(
        rx.heading("Booking not found", size="5", as_="h1"),
        link_button("All bookings", routes.ADMIN_BOOKINGS, size="2"), spacing="3"),
        width="100%")


def admin_booking_page() -> rx.Component:
    return page(rx.cond(S.auth_checked, rx.cond(S.found, _content(), _missing()),
                        rx.center(rx.spinner(size="3"), padding="64px")))
