"""The partner's availability editor: a week of working-hour ranges and a list of days off.

Layout only: every rule is the domain's, checked on the server when the partner saves.
Usable alone (`/dashboard/availability`) or inside the dashboard; whichever page shows it
runs `AvailabilityState.load` on load.
"""

from __future__ import annotations

from collections.abc import Callable

import reflex as rx
from reflex.event import EventSpec

from fxorleans.components.layout import error_callout
from fxorleans.state.availability import AvailabilityState, DayHours, DayOffRow, HoursRow

_TIME_HINT = "24-hour time, like 09:00; 24:00 is the end of the day."


def _notice(message: rx.Var[str] | str) -> rx.Component:
    return rx.cond(message != "", rx.callout(message, icon="circle-check", color_scheme="green",
                                             high_contrast=True, role="status", width="100%"))


def _time(label: str, name: str, input_id: str, value: rx.Var[str] | str,
          on_change: Callable[[rx.Var[str]], EventSpec], describedby: str) -> rx.Component:
    return rx.vstack(
        rx.el.label(label, html_for=input_id, class_name="fxo-label"),
        rx.input(id=input_id, name=input_id, value=value, on_change=on_change, aria_label=name,
                 placeholder="09:00", max_length=5, auto_complete="off", size="2",
                 width="84px", aria_describedby=describedby,
                 style={"font_variant_numeric": "tabular-nums"}),
        spacing="1",
    )


def _range(day: DayHours, i: rx.Var[int], row: HoursRow, j: rx.Var[int]) -> rx.Component:
    base = f"hours-{day.key}-{j}"
    which = f"{day.name} hours {j + 1}"
    return rx.flex(
        _time("From", f"{which} from", f"{base}-start", row.start,
              lambda v: AvailabilityState.set_start(i, j, v), f"hours-{day.key}-error"),
        rx.text("–", aria_hidden="true", padding_bottom="6px"),
        _time("To", f"{which} to", f"{base}-end", row.end,
              lambda v: AvailabilityState.set_end(i, j, v), f"hours-{day.key}-error"),
        rx.button(rx.icon("x", size=14), "Remove", variant="ghost", color_scheme="gray",
                  size="1", type="button", aria_label=f"Remove {which}",
                  on_click=AvailabilityState.remove_range(i, j), margin_bottom="6px"),
        align="end", gap="8px", wrap="wrap",
    )


def _day(day: DayHours, i: rx.Var[int]) -> rx.Component:
    return rx.flex(
        rx.text(day.name, weight="medium", size="3",
                width=rx.breakpoints(initial="100%", sm="120px"), padding_top="4px",
                flex_shrink="0"),
        rx.vstack(
            rx.cond(day.ranges.length() == 0,
                    rx.text("Not working", size="2", color_scheme="gray")),
            rx.foreach(day.ranges, lambda row, j: _range(day, i, row, j)),
            rx.button(rx.icon("plus", size=14), "Add hours", variant="soft", size="1",
                      type="button", aria_label=f"Add hours on {day.name}",
                      on_click=AvailabilityState.add_range(i)),
            rx.text(day.error, id=f"hours-{day.key}-error", size="2", color_scheme="red",
                    high_contrast=True, display=rx.cond(day.error != "", "block", "none")),
            spacing="2", flex="1", min_width="0",
        ),
        gap="4px 16px", wrap="wrap", padding_y="12px", border_top="1px solid var(--gray-a4)",
        width="100%",
    )


def _week() -> rx.Component:
    return rx.card(
        rx.form(
            rx.vstack(
                rx.heading("Working hours", size="4", as_="h2"),
                rx.text("Each day's hours in your own time zone, ", rx.text.strong(
                    AvailabilityState.timezone), ". Clients see them in theirs. ", _TIME_HINT,
                    size="2", color_scheme="gray"),
                rx.box(rx.foreach(AvailabilityState.week, _day), width="100%"),
                error_callout(AvailabilityState.hours_error),
                _notice(AvailabilityState.hours_notice),
                rx.flex(
                    rx.button("Save working hours", type="submit", size="3",
                              loading=AvailabilityState.busy, id="save-hours"),
                    rx.cond(AvailabilityState.unsaved,
                            rx.text("Unsaved changes", size="2", color_scheme="gray")),
                    gap="12px", align="center", wrap="wrap",
                ),
                rx.text("Sessions already booked stay as they are, whatever the new hours.",
                        size="1", color_scheme="gray"),
                spacing="3", width="100%",
            ),
            on_submit=AvailabilityState.save_hours, reset_on_submit=False, width="100%",
        ),
        size="3", width="100%",
    )


def _day_off(row: DayOffRow) -> rx.Component:
    return rx.el.li(
        rx.flex(
            rx.icon("calendar-off", size=16, color="var(--gray-11)", aria_hidden="true"),
            rx.text(row.label, size="2", weight="medium", flex="1"),
            rx.button("Remove", variant="soft", color_scheme="gray", size="1", type="button",
                      aria_label=f"Remove day off {row.label}",
                      on_click=[AvailabilityState.pick_day_off(row.iso),
                                AvailabilityState.remove_day_off]),
            align="center", gap="10px",
        ),
        padding_y="8px", border_top="1px solid var(--gray-a4)",
    )


def _days_off() -> rx.Component:
    return rx.card(
        rx.vstack(
            rx.heading("Days off", size="4", as_="h2"),
            rx.text("No slots are offered on these days (your dates, in ",
                    AvailabilityState.timezone, "). Sessions already booked on them stay; "
                    "cancel those from your sessions if you must.", size="2",
                    color_scheme="gray"),
            rx.form(
                rx.flex(
                    rx.vstack(
                        rx.el.label("Date", html_for="day-off-date", class_name="fxo-label"),
                        rx.input(id="day-off-date", name="day", type="date",
                                 value=AvailabilityState.new_day_off,
                                 on_change=AvailabilityState.set_new_day_off,
                                 min=AvailabilityState.today, size="3", required=True),
                        spacing="1",
                    ),
                    rx.button("Add day off", type="submit", size="3", id="add-day-off",
                              loading=AvailabilityState.busy),
                    align="end", gap="12px", wrap="wrap",
                ),
                on_submit=AvailabilityState.add_day_off, reset_on_submit=False, width="100%",
            ),
            error_callout(AvailabilityState.day_off_error),
            _notice(AvailabilityState.day_off_notice),
            rx.cond(
                AvailabilityState.days_off.length() > 0,
                rx.el.ul(rx.foreach(AvailabilityState.days_off, _day_off),
                         aria_label="Your days off", id="days-off",
                         style={"list_style": "none", "margin": "0", "padding": "0",
                                "width": "100%"}),
                rx.text("No days off ahead.", size="2", color_scheme="gray"),
            ),
            spacing="3", width="100%",
        ),
        size="3", width="100%",
    )


def availability_editor() -> rx.Component:
    """The week's hours and the days off of the signed-in partner."""
    return rx.cond(
        AvailabilityState.loaded,
        rx.cond(
            AvailabilityState.found,
            rx.vstack(_week(), _days_off(), spacing="5", width="100%"),
            rx.callout("Your partner profile is not in the directory yet, so there are no "
                       "hours to edit. An administrator can import it.", icon="info",
                       color_scheme="blue", width="100%"),
        ),
        rx.center(rx.spinner(size="3"), padding="48px"),
    )
