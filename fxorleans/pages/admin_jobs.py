"""The failed outbox jobs for admins: a table on wide screens, one card a job on phones, each
with Retry and Dismiss (which asks for a reason)."""

from __future__ import annotations

import reflex as rx

from fxorleans.components.closing import confirm_dialog
from fxorleans.components.layout import error_callout, guarded, page
from fxorleans.state.admin_jobs import AdminJobsState, JobRow

S = AdminJobsState


def _booking(j: JobRow) -> rx.Component:
    return rx.cond(j.booking_href != "",
                   rx.link(j.booking_id, href=j.booking_href, size="2",
                           overflow_wrap="anywhere"),
                   rx.text("—", size="2", color_scheme="gray", high_contrast=True))


def _buttons(j: JobRow) -> rx.Component:
    return rx.flex(
        rx.button("Retry", size="2", variant="soft", high_contrast=True, on_click=S.retry(j.id),
                  disabled=S.busy, aria_label="Retry job " + j.id.to_string()),
        rx.button("Dismiss", size="2", variant="soft", color_scheme="red", high_contrast=True,
                  on_click=S.open_dismiss(j.id), disabled=S.busy,
                  aria_label="Dismiss job " + j.id.to_string()),
        gap="8px", wrap="wrap")


def _row(j: JobRow) -> rx.Component:
    return rx.table.row(
        rx.table.row_header_cell(rx.text("#", j.id.to_string(), weight="medium"),
                                 rx.code(j.kind, variant="ghost", size="2")),
        rx.table.cell(_booking(j)),
        rx.table.cell(j.attempts.to_string()),
        rx.table.cell(rx.text(j.error, size="2", overflow_wrap="anywhere",
                              white_space="pre-wrap")),
        rx.table.cell(j.when),
        rx.table.cell(_buttons(j)),
        id="job-" + j.id.to_string())


def _card(j: JobRow) -> rx.Component:
    return rx.el.li(
        rx.vstack(
            rx.text("#", j.id.to_string(), " ", rx.code(j.kind, variant="ghost", size="2"),
                    weight="bold", overflow_wrap="anywhere"),
            rx.text("Booking ", _booking(j), size="2"),
            rx.text(j.attempts.to_string(), " attempts · ", j.when, size="2",
                    color_scheme="gray", high_contrast=True),
            rx.text(j.error, size="2", overflow_wrap="anywhere", white_space="pre-wrap"),
            _buttons(j),
            spacing="2", width="100%"),
        padding="12px 0", border_bottom="1px solid var(--gray-a5)")


def _list() -> rx.Component:
    return rx.fragment(
        rx.box(rx.table.root(
            rx.table.header(rx.table.row(
                *[rx.table.column_header_cell(h) for h in
                  ("Job", "Booking", "Attempts", "Last error", "Last tried", "Actions")])),
            rx.table.body(rx.foreach(S.rows, _row)),
            variant="surface", size="2", width="100%", id="job-table"),
            class_name="fxo-hide-sm", width="100%", overflow_x="auto"),
        rx.el.ul(rx.foreach(S.rows, _card), class_name="fxo-show-sm", list_style="none",
                 padding="0", margin="0", width="100%", id="job-list"))


def _dialog() -> rx.Component:
    return confirm_dialog(
        open_=S.dismissing != 0, on_open_change=S.dialog_changed,
        title="Dismiss job " + S.dismissing.to_string() + "?",
        body=rx.vstack(
            rx.text("Nobody will run this job again. Its error and your reason stay on "
                    "record; a payment job's booking stays flagged.", size="2"),
            rx.el.label("Reason", html_for="dismiss-reason", class_name="fxo-label"),
            rx.text_area(id="dismiss-reason", value=S.reason, on_change=S.set_reason,
                         required=True, max_length=500, rows="3", width="100%"),
            spacing="2", width="100%"),
        confirm_label="Dismiss job", on_confirm=S.confirm_dismiss,
        back_label="Back", on_back=S.close_dialog, busy=S.busy, error=S.error)


def _content() -> rx.Component:
    return rx.vstack(
        rx.heading("Failed jobs", size="6", as_="h1"),
        rx.text("Side effects that ran out of attempts. Retry one once its cause is fixed, or "
                "dismiss it with a reason.", size="2", color_scheme="gray", high_contrast=True),
        rx.cond(S.notice != "", rx.callout(S.notice, icon="circle-check", color_scheme="green",
                                           high_contrast=True, role="status", width="100%",
                                           id="jobs-notice")),
        error_callout(S.page_error),
        rx.cond(S.rows.length() > 0, _list(),
                rx.text("No failed jobs.", color_scheme="gray", high_contrast=True,
                        id="jobs-empty")),
        _dialog(),
        spacing="4", width="100%")


def admin_jobs_page() -> rx.Component:
    return page(guarded(_content, S))
