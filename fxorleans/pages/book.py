"""The booking summary before payment."""

from __future__ import annotations

import reflex as rx

from fxorleans import routes
from fxorleans.components.layout import link_button, page
from fxorleans.state.book import BookState


def _line(label: str, value: rx.Var | str) -> rx.Component:
    # two fixed columns: on a phone the value wraps inside its column, not under the label
    return rx.hstack(rx.text(label, color_scheme="gray", size="2", width="104px",
                             flex_shrink="0"),
                     rx.text(value, size="2", weight="medium", flex="1", min_width="0",
                             overflow_wrap="anywhere"), width="100%", align="baseline")


def _summary() -> rx.Component:
    return rx.vstack(
        rx.heading("Complete your booking", size="6", as_="h1"),
        rx.card(rx.vstack(
            _line("Partner", BookState.booking.partner_name),
            _line("", BookState.booking.partner_title),
            _line("Date & time", BookState.booking.when),
            _line("Duration", BookState.booking.duration),
            rx.separator(size="4"),
            rx.hstack(rx.text("Total", weight="bold"), rx.spacer(),
                      rx.text(BookState.booking.total, weight="bold", size="5"), width="100%"),
            spacing="2", width="100%"), width="100%"),
        rx.cond(
            BookState.booking.hold_live,
            rx.callout(rx.text("This time is held for you until ", rx.text.strong(
                BookState.booking.hold_until), "."),
                icon="timer", color_scheme="indigo", width="100%"),
            rx.callout(rx.vstack(
                rx.cond(BookState.pay_error != "", rx.text(BookState.pay_error, role="alert"),
                        rx.text("This hold has expired (", BookState.booking.status, "). The time "
                                "may still be free.")),
                link_button("Pick a time again", BookState.booking.partner_href,
                            size="2"), spacing="2"),
                icon="timer-off", color_scheme="amber", width="100%"),
        ),
        rx.card(rx.vstack(
            rx.text("Cancellation policy", weight="bold", size="2"),
            rx.el.ul(rx.foreach(BookState.policy, lambda line: rx.el.li(rx.text(line, size="2"))),
                     style={"margin": "0", "padding_left": "20px", "list_style_type": "disc"}),
            rx.text("If the partner cancels, you get everything back.", size="2"),
            spacing="2", width="100%"), width="100%", variant="surface"),
        rx.cond(BookState.booking.hold_live & (BookState.user_role == "client"), _payment()),
        rx.card(rx.vstack(
            rx.text("What you want to discuss", weight="bold", size="2"),
            rx.text(BookState.booking.problem, size="2", white_space="pre-wrap",
                    class_name="fxo-clamp"),
            spacing="1", width="100%"), width="100%", variant="surface"),
        spacing="4", width="100%",
    )


def _payment() -> rx.Component:
    processing = BookState.pay_phase == "processing"
    return rx.card(
        rx.vstack(
            rx.text("Payment", weight="bold"),
            rx.cond(BookState.pay_phase == "loading",
                    rx.hstack(rx.spinner(size="2"), rx.text("Loading the secure payment form…",
                                                            size="2"), align="center")),
            rx.box(id="payment-element", width="100%", min_height="20px"),
            rx.el.label(
                rx.hstack(
                    rx.checkbox(checked=BookState.policy_ok, on_change=BookState.set_policy_ok,
                                id="accept-policy", size="2"),
                    rx.text("I accept the cancellation policy above.", size="2"),
                    align="center", spacing="2"),
                html_for="accept-policy", cursor="pointer",
            ),
            rx.cond(BookState.pay_error != "",
                    rx.callout(BookState.pay_error, icon="circle-alert", color_scheme="red",
                               role="alert", width="100%", id="payment-error")),
            rx.flex(
                rx.button("Cancel", variant="soft", color_scheme="gray", size="3",
                          on_click=BookState.release, disabled=processing, type="button"),
                rx.button(
                    rx.cond(processing, rx.spinner(size="2"), rx.icon("lock", size=16)),
                    rx.cond(processing, "Processing...", "Complete Booking"),
                    size="3", on_click=BookState.complete, id="complete-booking",
                    disabled=~BookState.can_pay, flex="1", type="button",
                ),
                gap="12px", width="100%", wrap="wrap",
            ),
            rx.text("Your card is authorized now, not charged. We take the payment only after "
                    "the partner confirms the session took place.", size="1",
                    color_scheme="gray"),
            spacing="3", width="100%",
        ),
        width="100%",
    )


def _missing() -> rx.Component:
    return rx.card(rx.vstack(
        rx.heading("Booking not found", size="5", as_="h1"),
        rx.text("Check the link, or open it from your bookings.", color_scheme="gray"),
        link_button("My bookings", routes.BOOKINGS, size="2"), spacing="3"), width="100%")


def book_page() -> rx.Component:
    return page(rx.cond(BookState.auth_checked, rx.cond(BookState.found, _summary(), _missing()),
                        rx.center(rx.spinner(size="3"), padding="64px")), width="640px")
