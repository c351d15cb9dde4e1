"""Ranked partners for one match request."""

from __future__ import annotations

import reflex as rx

from fxorleans import routes
from fxorleans.components.layout import link_button, page
from fxorleans.components.partner import ranked_card
from fxorleans.state.matching import MatchState
from fxorleans.state.partner import PartnerState


def zone_picker(state: type[MatchState] | type[PartnerState]) -> rx.Component:
    return rx.hstack(
        rx.el.label("Times shown in", html_for="zone", class_name="fxo-label"),
        rx.el.select(rx.foreach(state.zone_choices, lambda z: rx.el.option(z, value=z)),
                     id="zone", value=state.viewer_tz, on_change=state.choose_zone,
                     class_name="fxo-select"),
        align="center", spacing="2", wrap="wrap",
    )


def _found() -> rx.Component:
    return rx.vstack(
        rx.heading("Your best matches", size="7", as_="h1"),
        rx.card(
            rx.vstack(
                rx.text("Your problem", size="1", weight="bold", color_scheme="gray"),
                rx.text(MatchState.problem_text, size="2", white_space="pre-wrap",
                        class_name="fxo-clamp"),
                spacing="1",
            ),
            width="100%", variant="surface",
        ),
        rx.hstack(zone_picker(MatchState), rx.spacer(),
                  link_button("Describe another problem", routes.HOME, variant="soft", size="2"),
                  width="100%", wrap="wrap", align="center"),
        rx.cond(
            MatchState.match_rows.length() > 0,
            rx.vstack(rx.foreach(MatchState.match_rows, ranked_card), spacing="4",
                      width="100%"),
            rx.card(rx.vstack(
                rx.text("No partner fits this yet.", weight="medium"),
                rx.text("Try describing the problem with a little more detail: what is "
                        "happening, and what a good outcome would be.", size="2",
                        color_scheme="gray"),
                link_button("Rephrase the problem", routes.HOME, size="2"),
                spacing="2"), width="100%"),
        ),
        spacing="4", width="100%",
    )


def _missing() -> rx.Component:
    return rx.card(rx.vstack(
        rx.heading("We cannot find this match", size="5", as_="h1"),
        rx.text("It may belong to another browser or account. Sign in with the account that "
                "asked, or describe the problem again.", color_scheme="gray"),
        link_button("Describe a problem", routes.HOME, size="2"),
        spacing="3"), width="100%")


def match_page() -> rx.Component:
    return page(rx.cond(MatchState.auth_checked,
                        rx.cond(MatchState.found, _found(), _missing()),
                        rx.center(rx.spinner(size="3"), padding="64px")))
