"""Lists of bookings for clients, partners and admins."""

from __future__ import annotations

import reflex as rx

from fxorleans import routes
from fxorleans.components.layout import guarded, link_button, page
from fxorleans.domain.booking import Status
from fxorleans.state.bookings import BookingRow, BookingsState

STATUS_COLORS: dict[Status, str] = {
    Status.HELD: "amber", Status.AWAITING_PAYMENT: "amber", Status.CONFIRMED: "green",
    Status.COMPLETED: "blue", Status.PAID: "blue", Status.CANCELLED: "gray",
    Status.REFUNDED: "gray", Status.EXPIRED: "gray",
}


def _status(status: rx.Var[str] | str) -> rx.Component:
    return rx.match(
        status,
        # high contrast: Radix's soft amber and green text is under 4.5:1 on its tint
        *[(s.value, rx.badge(s.value, color_scheme=color, variant="soft", high_contrast=True))
          for s, color in STATUS_COLORS.items()],
        rx.badge(status, variant="soft", high_contrast=True),
    )


def _row(b: BookingRow) -> rx.Component:
    return rx.table.row(
        rx.table.cell(rx.cond(b.href != "", rx.link(b.when, href=b.href), rx.text(b.when)),
                      rx.cond(b.upcoming, rx.fragment(), rx.text("past", size="1",
                                                                   color_scheme="gray")),
                      # on a phone the "With" column folds into this one, so all four fit
                      rx.text(b.who, size="1", class_name="fxo-show-sm")),
        rx.table.cell(b.who, class_name="fxo-hide-sm"),
        rx.table.cell(_status(b.status)), rx.table.cell(b.price),
    )


def _content() -> rx.Component:
    return rx.vstack(
        rx.heading(BookingsState.list_title, size="6", as_="h1"),
        rx.cond(
            BookingsState.rows.length() > 0,
            rx.box(rx.table.root(
                rx.table.header(rx.table.row(
                    rx.table.column_header_cell("When"),
                    rx.table.column_header_cell("With", class_name="fxo-hide-sm"),
                    rx.table.column_header_cell("Status"), rx.table.column_header_cell("Price"))),
                rx.table.body(rx.foreach(BookingsState.rows, _row)),
                variant="surface", width="100%", size=rx.breakpoints(initial="1", sm="2")),
                width="100%", overflow_x="auto"),
            rx.card(rx.vstack(
                rx.text("Nothing booked yet.", weight="medium"),
                rx.cond(BookingsState.user_role == "client", rx.fragment(
                    rx.text("Describe a problem and we will suggest the right executive.",
                            color_scheme="gray", size="2"),
                    link_button("Find an expert", routes.HOME, size="2"))),
                spacing="2"), width="100%"),
        ),
        spacing="4", width="100%",
    )


def client_bookings() -> rx.Component:
    return page(guarded(_content, BookingsState))


def partner_dashboard() -> rx.Component:
    return page(guarded(_content, BookingsState))


def admin_bookings() -> rx.Component:
    return page(guarded(_content, BookingsState))
