"""Partner avatar, skill chips and the ranked-partner card."""

from __future__ import annotations

import reflex as rx
from reflex.vars.number import NumberVar

from fxorleans.state.matching import RankedRow


def avatar(initials: rx.Var[str] | str, photo: rx.Var[str] | str, size: str = "5"
           ) -> rx.Component:
    return rx.avatar(src=photo, fallback=initials, size=size, radius="full", variant="solid")


def skill_chip(name: rx.Var[str], highlight: rx.Var[bool] | bool = False) -> rx.Component:
    return rx.badge(name, variant=rx.cond(highlight, "solid", "soft"), radius="full", size="2")


def ranked_card(row: RankedRow, index: NumberVar) -> rx.Component:
    return rx.card(
        rx.vstack(
            rx.hstack(
                avatar(row.initials, row.photo_url),
                rx.vstack(
                    rx.hstack(
                        rx.text("#", index + 1, size="1", color_scheme="gray", weight="bold"),
                        rx.link(rx.heading(row.name, size="4", as_="h2"), href=row.href,
                                underline="hover", high_contrast=True),
                        align="baseline", spacing="2", wrap="wrap",
                    ),
                    rx.text(row.title, size="2", color_scheme="gray"),
                    # wide enough that on a phone the score drops below instead of squeezing
                    spacing="1", flex="1", min_width="190px",
                ),
                rx.vstack(
                    rx.text(row.score_pct, "% match", size="2", weight="bold"),
                    rx.progress(value=row.score_pct, max=100, width="110px",
                                aria_label="match score"),
                    align="end", spacing="1",
                ),
                width="100%", align="start", spacing="3", wrap="wrap",
            ),
            rx.el.ul(rx.foreach(row.reasons, lambda r: rx.el.li(rx.text(r, size="2"))),
                     style={"margin": "0", "padding_left": "20px", "list_style_type": "disc"}),
            rx.flex(rx.foreach(row.skills, lambda s: skill_chip(s, row.matched.contains(s))),
                    gap="6px", wrap="wrap"),
            rx.hstack(
                rx.cond(row.next_slot != "",
                        rx.hstack(rx.icon("calendar-clock", size=15, color="var(--gray-10)"),
                                  rx.text("Next available: ", row.next_slot, size="2",
                                          color_scheme="gray"), spacing="1", align="center"),
                        rx.text("No free slot in the next two weeks", size="2",
                                color_scheme="gray")),
                rx.spacer(),
                rx.button(rx.link("View profile and times", href=row.href, underline="none"),
                          as_child=True, size="2"),
                width="100%", align="center", wrap="wrap", spacing="2",
            ),
            spacing="3", width="100%",
        ),
        width="100%", size="2",
    )
