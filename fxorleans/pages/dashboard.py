"""The partner's dashboard: earnings, upcoming and past sessions, closing a session."""

from __future__ import annotations

import reflex as rx

from fxorleans import routes
from fxorleans.components.closing import confirm_dialog, status_badge
from fxorleans.components.layout import guarded, page
from fxorleans.state.dashboard import DashboardState, SessionRow

S = DashboardState


def _earning(label: str, amount: rx.Var[str] | str, hint: str, key: str) -> rx.Component:
    return rx.card(rx.vstack(
        rx.text(label, size="2", weight="medium", color_scheme="gray", high_contrast=True,
                id=f"earn-{key}-label"),
        rx.text(amount, size="6", weight="bold", aria_labelledby=f"earn-{key}-label",
                id=f"earn-{key}"),
        rx.text(hint, size="1", color_scheme="gray", high_contrast=True),
        spacing="1"), width="100%")


def _earnings() -> rx.Component:
    return rx.box(
        rx.heading("Earnings", size="4", as_="h2", margin_bottom="8px"),
        rx.grid(
            _earning("This month", S.earnings.this_month, "Your 80 % of what was captured.",
                     "month"),
            _earning("In total", S.earnings.total, "Your 80 % of every captured session.",
                     "total"),
            _earning("Awaiting capture", S.earnings.pending,
                     "Your 80 % of authorized sessions not captured yet.", "pending"),
            columns=rx.breakpoints(initial="1", sm="3"), gap="12px", width="100%"),
        as_="section", aria_label="Earnings", width="100%")


def _problem(r: SessionRow) -> rx.Component:
    shown = ~r.long_problem | S.expanded.contains(r.booking_id)
    return rx.cond(r.problem != "", rx.vstack(
        rx.text(r.problem, size="2", white_space="pre-wrap", overflow_wrap="anywhere",
                id=f"problem-{r.booking_id}",
                style=rx.cond(shown, {}, {"display": "-webkit-box", "overflow": "hidden",
                                          "-webkit-line-clamp": "3",
                                          "-webkit-box-orient": "vertical"})),
        rx.cond(r.long_problem, rx.button(
            rx.cond(shown, "Show less", "Show the whole problem"), variant="ghost", size="1",
            on_click=S.toggle_problem(r.booking_id), aria_expanded=rx.cond(shown, "true", "false"),
            aria_controls=f"problem-{r.booking_id}")),
        spacing="1", align="start", width="100%"))


def _rating(r: SessionRow) -> rx.Component:
    return rx.cond(r.stars != "", rx.vstack(
        rx.hstack(rx.text(r.stars, role="img", aria_label=r.rating_label, color="var(--amber-11)",
                          size="3"),
                  rx.text(r.rating_label, size="2", color_scheme="gray", high_contrast=True),
                  spacing="2", align="center"),
        rx.cond(r.rating_comment != "", rx.text("“", r.rating_comment, "”", size="2",
                                                 font_style="italic")),
        spacing="1"))


def _actions(r: SessionRow) -> rx.Component:
    return rx.flex(
        rx.cond(r.can_complete, rx.button("Confirm completion", size="2",
                                          on_click=S.open_action("complete", r.booking_id))),
        rx.cond(r.can_no_show, rx.button("Client did not show", size="2", variant="soft",
                                         color_scheme="gray",
                                         on_click=S.open_action("no_show", r.booking_id))),
        rx.cond(r.can_cancel, rx.button("Cancel session", size="2", variant="soft",
                                        color_scheme="red",
                                        on_click=S.open_action("cancel", r.booking_id))),
        gap="8px", wrap="wrap")


def _session(r: SessionRow) -> rx.Component:
    return rx.card(rx.vstack(
        rx.flex(
            rx.vstack(rx.heading(r.client, size="3", as_="h3"),
                      rx.text(r.when, size="2", color_scheme="gray", high_contrast=True),
                      spacing="1"),
            status_badge(r.status),
            justify="between", align="start", gap="12px", width="100%"),
        _problem(r),
        rx.cond(r.status == "Problem reported", rx.text(
            "The client reported a problem: the payment waits for an admin's decision.",
            size="2", color_scheme="red", high_contrast=True)),
        rx.cond(r.meeting_url != "", rx.cond(r.upcoming, rx.link(
            rx.hstack(rx.icon("video", size=14, aria_hidden="true"), rx.text("Join meeting"),
                      spacing="1", align="center"),
            href=r.meeting_url, is_external=True, size="2"))),
        _rating(r),
        _actions(r),
        spacing="3", width="100%"), width="100%", class_name="fxo-session")


def _list(title: str, rows: rx.Var, empty: str) -> rx.Component:
    return rx.box(
        rx.heading(title, size="4", as_="h2", margin_bottom="8px"),
        rx.cond(rows.length() > 0,
                rx.vstack(rx.foreach(rows, _session), spacing="3", width="100%"),
                rx.text(empty, size="2", color_scheme="gray", high_contrast=True)),
        as_="section", aria_label=title, width="100%")


def _dialog_body() -> rx.Component:
    return rx.vstack(
        rx.text(S.target_label, size="2", weight="medium"),
        rx.match(
            S.action,
            ("complete", rx.text(
                "Confirm that the session took place. The payment is captured after the "
                "client's review window, and never more than was authorized.", size="2")),
            ("no_show", rx.text(
                "Confirm that the client did not join. The session counts as held and is "
                "captured like a late cancellation.", size="2")),
            ("cancel", rx.vstack(
                rx.text("The client is refunded in full and the time slot reopens.", size="2"),
                rx.el.label("Reason for the client", html_for="cancel-reason",
                            class_name="fxo-label"),
                rx.text_area(id="cancel-reason", value=S.reason, on_change=S.set_reason,
                             placeholder="For example: I am unwell and cannot hold the session.",
                             required=True, max_length=500, rows="3", width="100%"),
                spacing="2", width="100%")),
            rx.fragment()),
        spacing="2", width="100%")


def _dialog() -> rx.Component:
    return confirm_dialog(
        open_=S.action != "", on_open_change=S.dialog_changed,
        title=rx.match(S.action, ("complete", "Confirm completion"),
                       ("no_show", "The client did not show"),
                       ("cancel", "Cancel this session"), ""),
        body=_dialog_body(),
        confirm_label=rx.match(S.action, ("complete", "Confirm completion"),
                               ("no_show", "Confirm no-show"),
                               ("cancel", "Confirm cancellation"), "Confirm"),
        on_confirm=S.confirm,
        back_label=rx.cond(S.action == "cancel", "Keep booking", "Back"),
        on_back=S.close_dialog, busy=S.busy, error=S.error,
        ready=rx.cond(S.action == "cancel", S.reason.strip() != "", True))


def _content() -> rx.Component:
    return rx.vstack(
        rx.flex(
            rx.vstack(rx.heading("Dashboard", size="6", as_="h1"),
                      rx.text("Times are shown in ", S.zone, ".", size="2", color_scheme="gray",
                              high_contrast=True),
                      spacing="1"),
            rx.flex(
                rx.link("View my public profile", href=S.profile_href, size="2"),
                rx.link("Edit availability", href=routes.AVAILABILITY, size="2"),
                gap="16px", wrap="wrap", align="center"),
            justify="between", align="end", gap="12px", wrap="wrap", width="100%"),
        rx.cond(S.notice != "", rx.callout(S.notice, icon="circle-check", color_scheme="green",
                                           high_contrast=True, role="status", width="100%")),
        _earnings(),
        _list("Upcoming sessions", S.upcoming, "No upcoming sessions yet."),
        _list("Past and cancelled sessions", S.past, "No past sessions yet."),
        _dialog(),
        spacing="5", width="100%")


def partner_dashboard() -> rx.Component:
    return page(guarded(_content, DashboardState))
