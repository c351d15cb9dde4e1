"""The problem statement."""

from __future__ import annotations

import reflex as rx
from reflex.event import EventType

from fxorleans.components.layout import error_callout, page
from fxorleans.domain.problem import INDUSTRIES, PROBLEM_MAX, PROBLEM_MIN, URGENCIES
from fxorleans.state.matching import HomeState

EXAMPLES = (
    "Our AWS bill doubled in six months and nobody can explain why.",
    "A big customer wants our SOC 2 report before they sign.",
    "We have 9 months of runway and need a plan for our Series A.",
)


def _select(label: str, name: str, items: list[str], on_change: EventType[str], id_: str
            ) -> rx.Component:
    return rx.vstack(
        rx.el.label(label, html_for=id_, class_name="fxo-label"),
        rx.el.select(*[rx.el.option(i, value=i) for i in items], id=id_, name=name,
                     on_change=on_change, class_name="fxo-select"),
        spacing="1", flex="1", min_width="200px",
    )


def _form() -> rx.Component:
    return rx.form(
        rx.vstack(
            rx.el.label("Describe your problem", html_for="problem", class_name="fxo-label"),
            rx.text_area(
                id="problem", name="problem", value=HomeState.problem,
                on_change=HomeState.set_problem, required=True, min_length=PROBLEM_MIN,
                max_length=PROBLEM_MAX, rows="7", size="3", width="100%",
                placeholder="What is happening, what have you tried, and what would a good "
                            "outcome look like? Plain words are fine.",
                aria_describedby="problem-count",
            ),
            rx.hstack(
                rx.text(
                    rx.cond(HomeState.problem_length < PROBLEM_MIN,
                            f"At least {PROBLEM_MIN} characters", "Looks good"),
                    size="1", color_scheme=rx.cond(HomeState.problem_ok, "green", "gray")),
                rx.spacer(),
                rx.text(HomeState.problem_length, f" / {PROBLEM_MAX}", size="1",
                        color_scheme=rx.cond(HomeState.problem_length > PROBLEM_MAX, "red",
                                             "gray"), id="problem-count", aria_live="polite"),
                width="100%",
            ),
            rx.flex(
                _select("Industry (optional)", "industry", ["Any industry", *INDUSTRIES],
                        HomeState.set_industry, "industry"),
                _select("Urgency (optional)", "urgency", ["No rush", *URGENCIES],
                        HomeState.set_urgency, "urgency"),
                gap="16px", wrap="wrap", width="100%",
            ),
            error_callout(HomeState.home_error),
            rx.button(
                rx.cond(HomeState.submitting, rx.spinner(size="2"), rx.icon("sparkles", size=18)),
                rx.cond(HomeState.submitting, "Finding your experts…", "Find my experts"),
                type="submit", size="3", disabled=~HomeState.problem_ok | HomeState.submitting,
                id="match-submit",
            ),
            spacing="3", width="100%",
        ),
        on_submit=[HomeState.start_submit, HomeState.submit], reset_on_submit=False,
        width="100%",
    )


def index() -> rx.Component:
    return page(
        rx.vstack(
            rx.vstack(
                rx.heading("An hour with the right executive", size="8", as_="h1"),
                rx.text("Describe a business or technology problem. We match you with fractional "
                        "CTOs, CISOs, CFOs and other leaders who have solved it before, and you "
                        "book a 60-minute video session at a time that suits you.",
                        size="4", color_scheme="gray"),
                spacing="3", max_width="720px",
            ),
            rx.card(_form(), size="3", width="100%"),
            rx.vstack(
                rx.text("For example", size="2", weight="medium", color_scheme="gray"),
                # the chips wrap their text on a phone; a pill shape looks odd on two lines
                rx.flex(*[rx.button(e, variant="outline", size="2", radius="large",
                                    on_click=HomeState.set_problem(e), white_space="normal",
                                    height="auto", padding="6px 12px", max_width="100%",
                                    text_align="left") for e in EXAMPLES],
                        gap="8px", wrap="wrap", width="100%"),
                spacing="2", width="100%",
            ),
            spacing="6", width="100%", padding_top="12px",
        ),
    )
