"""The admin's desk on a booking's page: the flag and why, the decision on a held
authorization (capture, release, keep part), and the evidence a dispute is answered with."""

from __future__ import annotations

import reflex as rx

from fxorleans.components.closing import confirm_dialog
from fxorleans.components.layout import error_callout
from fxorleans.state.admin_booking import AdminBookingState

S = AdminBookingState


def line(label: str, value: rx.Var | str, id_: str = "",
         more: rx.Component | None = None) -> rx.Component:
    # a definition list: label and value stay paired for screen readers and wrap on phones
    return rx.box(
        rx.el.dt(label, class_name="fxo-label", color="var(--gray-11)"),
        rx.el.dd(rx.text(value, size="3", weight="medium", id=id_ or None,
                         overflow_wrap="anywhere"), more or rx.fragment(), margin="0"),
        min_width="0")


def grid(*lines: rx.Component) -> rx.Component:
    return rx.el.dl(*lines, display="grid", grid_template_columns="repeat(auto-fit, "
                    "minmax(130px, 1fr))", gap="12px 20px", margin="0", width="100%")


def section(title: str, *children: rx.Component, id_: str) -> rx.Component:
    return rx.el.section(
        rx.card(rx.vstack(rx.heading(title, size="4", as_="h2", id=f"{id_}-title"),
                          *children, spacing="3", width="100%"), width="100%"),
        aria_labelledby=f"{id_}-title", width="100%", id=id_)


def _field(label: str, id_: str, control: rx.Component, hint: str = "") -> rx.Component:
    return rx.vstack(
        rx.el.label(label, html_for=id_, class_name="fxo-label"), control,
        rx.cond(hint != "", rx.text(hint, size="1", color_scheme="gray", high_contrast=True,
                                    id=f"{id_}-hint")),
        spacing="1", width="100%", min_width="0")


def flag_callout() -> rx.Component:
    """A flagged booking says why at the top, with the evidence one click away and a way to
    clear the flag with a reason."""
    return rx.cond(S.desk.flag != "", rx.callout.root(
        rx.callout.icon(rx.icon("flag")),
        rx.vstack(
            rx.text(rx.el.strong("Flagged: "), S.desk.flag, id="desk-flag",
                    overflow_wrap="anywhere"),
            rx.link("See the evidence", href="#evidence", size="2"),
            rx.form(
                rx.flex(
                    rx.input(id="flag-reason", name="flag_reason", value=S.flag_reason,
                             on_change=S.set_flag_reason, aria_label="Why the flag can go",
                             placeholder="Why the flag can go", required=True,
                             max_length=500, size="2", flex="1", min_width="0",
                             width="100%"),
                    rx.button("Resolve flag", type="submit", size="2", variant="soft",
                              id="flag-resolve"),
                    gap="8px", direction=rx.breakpoints(initial="column", sm="row"),
                    width="100%"),
                on_submit=S.resolve_flag, reset_on_submit=False, width="100%",
                aria_label="Resolve the flag"),
            spacing="2", width="100%"),
        color_scheme="orange", high_contrast=True, width="100%", role="status"))


def decision() -> rx.Component:
    """Capture, release or keep part of a held authorization (a reported problem too)."""
    return rx.cond(S.desk.holds, section(
        "Decide the held payment",
        rx.text(S.desk.held, " is authorized on the client's card and not captured. ",
                rx.cond(S.desk.problem, "The client reported a problem: ", ""),
                "Give back 0.00 to capture it all, ", S.desk.held_amount,
                " to release it all, or any amount between.", size="2"),
        rx.cond(S.evidence.problem != "", rx.blockquote(S.evidence.problem, size="2")),
        rx.form(
            rx.vstack(
                rx.flex(
                    rx.box(_field("Give back", "decide-refund", rx.input(
                        id="decide-refund", name="refund", value=S.decide_refund,
                        on_change=S.set_decide_refund, input_mode="decimal", required=True,
                        size="3", width="100%", auto_complete="off", placeholder="0.00",
                        aria_describedby="decide-refund-hint"), "e.g. 0.00 or 200.00"),
                        width=rx.breakpoints(initial="100%", sm="180px"), flex_shrink="0"),
                    _field("Reason", "decide-reason", rx.text_area(
                        id="decide-reason", name="reason", value=S.decide_reason,
                        on_change=S.set_decide_reason, required=True, max_length=500,
                        rows="2", width="100%")),
                    gap="16px", direction=rx.breakpoints(initial="column", sm="row"),
                    width="100%"),
                rx.button("Decide", type="submit", size="3", id="decide-open",
                          disabled=S.busy | S.waiting),
                spacing="3", width="100%"),
            on_submit=S.open_decision, reset_on_submit=False, width="100%",
            aria_label="Decide the held payment"),
        rx.cond(S.deciding, rx.fragment(), error_callout(S.desk_error)),
        id_="decide"))


def decision_dialog() -> rx.Component:
    return confirm_dialog(
        open_=S.deciding, on_open_change=S.decision_dialog_changed,
        title="Carry out this decision?",
        body=rx.vstack(
            rx.text(S.decide_summary, size="4", weight="bold", id="decide-summary"),
            rx.text("Reason: ", S.decide_reason, size="2", overflow_wrap="anywhere"),
            rx.text("Both sides are told by e-mail when money goes back.", size="2"),
            spacing="2", width="100%"),
        confirm_label="Confirm decision", on_confirm=S.confirm_decision,
        back_label="Back", on_back=S.decision_dialog_changed(False), busy=S.busy,
        error=rx.cond(S.deciding, S.desk_error, ""))


def _maybe(label: str, value: rx.Var | str, id_: str = "") -> rx.Component:
    return rx.cond(value != "", line(label, value, id_))


def evidence() -> rx.Component:
    e = S.evidence
    return section(
        "Evidence",
        rx.cond(e.dispute != "", rx.callout(
            rx.text(rx.el.strong("Dispute "), e.dispute, overflow_wrap="anywhere"),
            icon="scale", color_scheme="red", high_contrast=True, width="100%",
            id="evidence-dispute")),
        grid(
            line("Session", S.booking.when),
            line("Completion", e.completion, "evidence-completion"),
            _maybe("Policy accepted", e.accepted_at),
            _maybe("Calendar event", e.calendar_event),
            _maybe("Rating", e.rating)),
        rx.cond(e.policy != "", rx.text(rx.el.strong("Cancellation policy accepted: "),
                                        e.policy, size="2", id="evidence-policy")),
        rx.cond(e.meeting_url != "", rx.text(
            rx.el.strong("Meeting: "), rx.link(e.meeting_url, href=e.meeting_url,
                                               is_external=True, overflow_wrap="anywhere"),
            size="2")),
        id_="evidence")
