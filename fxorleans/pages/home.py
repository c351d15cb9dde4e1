"""The problem statement (the matcher arrives with the matching issue)."""

from __future__ import annotations

import reflex as rx

from fxorleans.components.layout import page


def index() -> rx.Component:
    return page(
        rx.vstack(
            rx.heading("An hour with the right executive", size="8", as_="h1"),
            rx.text("Describe a business or technology problem. We match you with fractional "
                    "CTOs, CISOs, CFOs and other leaders who have solved it before.",
                    size="4", color_scheme="gray"),
            spacing="3", padding_y="32px",
        ),
    )
