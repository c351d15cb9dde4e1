"""A partner's profile and the slot picker."""

from __future__ import annotations

import reflex as rx

from fxorleans import routes
from fxorleans.components.layout import error_callout, link_button, page
from fxorleans.components.partner import avatar
from fxorleans.pages.match import zone_picker
from fxorleans.state.partner import DayRow, PartnerState, SkillChip, SlotChip


def _skill(chip: SkillChip) -> rx.Component:
    return rx.tooltip(rx.badge(chip.name, variant="soft", radius="full", size="2"),
                      content=chip.detail)


def _profile() -> rx.Component:
    return rx.card(
        rx.vstack(
            rx.hstack(
                avatar(PartnerState.partner.initials, PartnerState.partner.photo_url, size="6"),
                rx.vstack(
                    rx.heading(PartnerState.partner.name, size="7", as_="h1"),
                    rx.text(PartnerState.partner.title, size="3", color_scheme="gray"),
                    rx.cond(PartnerState.partner.location != "",
                            rx.hstack(rx.icon("map-pin", size=14, color="var(--gray-10)"),
                                      rx.text(PartnerState.partner.location, size="2",
                                              color_scheme="gray"),
                                      spacing="1", align="center")),
                    spacing="1",
                ),
                spacing="4", align="center", wrap="wrap",
            ),
            rx.text(PartnerState.partner.bio, size="3", line_height="1.6"),
            rx.flex(
                rx.foreach(PartnerState.partner.top_skills, _skill),
                rx.cond(
                    PartnerState.partner.more_skills.length() > 0,
                    rx.popover.root(
                        rx.popover.trigger(rx.button("+", PartnerState.partner.more_skills.length(),
                                                     " more", variant="ghost", size="1",
                                                     radius="full")),
                        rx.popover.content(rx.flex(rx.foreach(PartnerState.partner.more_skills,
                                                              _skill), gap="6px", wrap="wrap"),
                                           max_width="320px"),
                    ),
                ),
                gap="6px", wrap="wrap", align="center",
            ),
            rx.cond(PartnerState.partner.industries.length() > 0, rx.text(
                "Industries: ", PartnerState.partner.industries.join(", "), size="2",
                color_scheme="gray")),
            spacing="4", width="100%",
        ),
        size="3", width="100%",
    )


def _slot(chip: SlotChip) -> rx.Component:
    chosen = PartnerState.selected == chip.value
    return rx.button(
        chip.label, size="2", variant=rx.cond(chosen, "solid", "outline"),
        on_click=PartnerState.select(chip.value), aria_pressed=chosen,
        class_name="fxo-slot", min_width="72px",
    )


def _day(day: DayRow) -> rx.Component:
    return rx.vstack(
        rx.text(day.label, size="2", weight="bold"),
        rx.flex(rx.foreach(day.slots, _slot), gap="8px", wrap="wrap"),
        spacing="2", width="100%", padding_y="8px", border_bottom="1px solid var(--gray-a4)",
    )


def _booking_panel() -> rx.Component:
    return rx.card(
        rx.vstack(
            rx.heading("Book a 60-minute session", size="5", as_="h2"),
            zone_picker(PartnerState),
            rx.cond(
                PartnerState.slot_count > 0,
                rx.box(rx.foreach(PartnerState.days, _day), width="100%", max_height="420px",
                       overflow_y="auto", role="group", aria_label="Available times"),
                rx.text("No free time in the next two weeks. Please check back soon.",
                        color_scheme="gray"),
            ),
            rx.cond(
                PartnerState.request_problem == "",
                rx.vstack(
                    rx.el.label("What would you like to discuss?", html_for="book-problem",
                                class_name="fxo-label"),
                    rx.text_area(id="book-problem", value=PartnerState.book_problem,
                                 on_change=PartnerState.set_book_problem, rows="4",
                                 width="100%", placeholder="A few sentences help the partner "
                                 "prepare (20 characters at least)."),
                    spacing="1", width="100%",
                ),
            ),
            rx.cond(PartnerState.selected_label != "",
                    rx.callout(rx.text("Selected: ", rx.text.strong(PartnerState.selected_label)),
                               icon="calendar-check", color_scheme="indigo", width="100%")),
            error_callout(PartnerState.book_error),
            rx.button(
                rx.cond(PartnerState.holding, rx.spinner(size="2"), rx.fragment()),
                "Book Session – ", PartnerState.price_label,
                size="3", width="100%", id="book-session",
                disabled=(PartnerState.selected == "") | PartnerState.holding,
                on_click=[PartnerState.start_booking, PartnerState.book],
            ),
            rx.cond(~PartnerState.signed_in, rx.text(
                "You will create an account or sign in next; your time stays selected.",
                size="1", color_scheme="gray")),
            spacing="4", width="100%",
        ),
        size="3", width="100%",
    )


def _found() -> rx.Component:
    return rx.grid(_profile(), _booking_panel(), columns=rx.breakpoints(initial="1", md="2"),
                   gap="24px", width="100%", align_items="start")


def _missing() -> rx.Component:
    return rx.card(rx.vstack(
        rx.heading("This partner is not available", size="5", as_="h1"),
        rx.text("They may have paused new bookings.", color_scheme="gray"),
        link_button("Find another expert", routes.HOME, size="2"), spacing="3"), width="100%")


def partner_page() -> rx.Component:
    return page(rx.cond(PartnerState.auth_checked,
                        rx.cond(PartnerState.found, _found(), _missing()),
                        rx.center(rx.spinner(size="3"), padding="64px")), width="1160px")
