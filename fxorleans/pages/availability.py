"""The partner's availability on a page of its own: weekly hours and days off."""

from __future__ import annotations

import reflex as rx

from fxorleans import routes
from fxorleans.components.availability import availability_editor
from fxorleans.components.layout import guarded, page
from fxorleans.state.availability import AvailabilityState


def _content() -> rx.Component:
    return rx.vstack(
        rx.link(rx.hstack(rx.icon("arrow-left", size=14), rx.text("Dashboard"), spacing="1",
                          align="center"), href=routes.DASHBOARD, size="2"),
        rx.heading("Availability", size="7", as_="h1"),
        rx.text("When clients can book you: the hours of your week and the days you are off. "
                "A change shows on your profile as soon as you save it.", size="3",
                color_scheme="gray"),
        availability_editor(),
        spacing="4", width="100%",
    )


def availability_page() -> rx.Component:
    return page(guarded(_content, AvailabilityState), width="760px")
