"""Booking confirmed."""

from __future__ import annotations

import reflex as rx

from fxorleans import routes
from fxorleans.components.layout import link_button, page
from fxorleans.state.confirmation import ConfirmationState


def _line(label: str, value: rx.Var | str) -> rx.Component:
    # two fixed columns: on a phone the value wraps inside its column, not under the label
    return rx.hstack(rx.text(label, color_scheme="gray", size="2", width="104px",
                             flex_shrink="0"),
                     rx.text(value, size="2", weight="medium", flex="1", min_width="0",
                             overflow_wrap="anywhere"), width="100%", align="baseline")


def _meeting() -> rx.Component:
    return rx.cond(
        ConfirmationState.booking.meeting_url != "",
        rx.vstack(
            rx.button(rx.link(rx.hstack(rx.icon("video", size=18), rx.text("Join Meeting"),
                                        align="center"),
                              href=ConfirmationState.booking.meeting_url, is_external=True,
                              underline="none"),
                      as_child=True, size="3", id="join-meeting"),
            rx.flex(
                rx.button(rx.icon("calendar-plus", size=16), "Download .ics", variant="soft",
                          on_click=ConfirmationState.download_ics, size="2"),
                rx.button(rx.link("Add to Google Calendar",
                                  href=ConfirmationState.booking.google_link,
                                  is_external=True, underline="none"),
                          as_child=True, variant="soft", size="2"),
                gap="8px", wrap="wrap", justify="center",
            ),
            spacing="3", align="center",
        ),
        rx.cond(
            ConfirmationState.waiting,
            rx.hstack(rx.spinner(size="2"),
                      rx.text("Your meeting link is being prepared. It appears here in a moment.",
                              size="2"), align="center", role="status"),
            rx.text("The meeting link is not ready yet. We will e-mail it to you as soon as it "
                    "is.", size="2", color_scheme="gray", role="status"),
        ),
    )


def _confirmed() -> rx.Component:
    return rx.card(
        rx.vstack(
            rx.icon("circle-check", size=56, color="var(--green-9)", aria_hidden="true"),
            rx.heading("Booking Confirmed!", size="7", as_="h1", align="center"),
            rx.vstack(
                _line("Session ID", ConfirmationState.booking.booking_id),
                _line("Partner", ConfirmationState.booking.partner_name),
                _line("", ConfirmationState.booking.partner_title),
                _line("Date & time", ConfirmationState.booking.when),
                _line("Status", ConfirmationState.booking.status),
                spacing="2", width="100%", padding="16px", border_radius="8px",
                background="var(--gray-2)",
            ),
            _meeting(),
            rx.callout("You'll receive the calendar details by e-mail. Payment is processed "
                       "after your successful session: until then your card is only authorized.",
                       icon="info", color_scheme="blue", width="100%"),
            link_button("My bookings", routes.BOOKINGS, variant="soft", size="2"),
            spacing="4", align="center", width="100%",
        ),
        size=rx.breakpoints(initial="2", sm="4"), width="100%",
    )


def _missing() -> rx.Component:
    return rx.card(rx.vstack(
        rx.heading("Booking not found", size="5", as_="h1"),
        link_button("My bookings", routes.BOOKINGS, size="2"), spacing="3"), width="100%")


def confirmation_page() -> rx.Component:
    return page(rx.cond(ConfirmationState.auth_checked,
                        rx.cond(ConfirmationState.found, _confirmed(), _missing()),
                        rx.center(rx.spinner(size="3"), padding="64px")), width="640px")
