"""Lists of bookings: the client's own (with cancel, report and rate), every booking for admins."""

from __future__ import annotations

import reflex as rx

from fxorleans import routes
from fxorleans.components.closing import confirm_dialog, star_rating, status_badge
from fxorleans.components.layout import field, guarded, link_button, page
from fxorleans.state.admin_bookings import AdminBookingsState
from fxorleans.state.bookings import BookingRow, BookingsState

S = BookingsState


def _row(b: BookingRow) -> rx.Component:
    return rx.table.row(
        rx.table.cell(rx.cond(b.href != "", rx.link(b.when, href=b.href), rx.text(b.when)),
                      rx.cond(b.upcoming, rx.fragment(), rx.text("past", size="1",
                                                                   color_scheme="gray")),
                      # on a phone the names column folds into this one, so all fit
                      rx.text(b.who, size="1", class_name="fxo-show-sm")),
        rx.table.cell(b.who, class_name="fxo-hide-sm"),
        rx.table.cell(status_badge(b.status)), rx.table.cell(b.price),
    )


def _empty() -> rx.Component:
    return rx.card(rx.vstack(
        rx.text("Nothing booked yet.", weight="medium"),
        rx.cond(S.user_role == "client", rx.fragment(
            rx.text("Describe a problem and we will suggest the right executive.",
                    color_scheme="gray", size="2"),
            link_button("Find an expert", routes.HOME, size="2"))),
        spacing="2"), width="100%")


def _table() -> rx.Component:
    return rx.box(rx.table.root(
        rx.table.header(rx.table.row(
            rx.table.column_header_cell("When"),
            rx.table.column_header_cell("Client and partner", class_name="fxo-hide-sm"),
            rx.table.column_header_cell("Status"), rx.table.column_header_cell("Price"))),
        rx.table.body(rx.foreach(S.rows, _row)),
        variant="surface", width="100%", size=rx.breakpoints(initial="1", sm="2")),
        width="100%", overflow_x="auto")


def _booking(b: BookingRow) -> rx.Component:
    return rx.card(rx.vstack(
        rx.flex(
            rx.vstack(rx.heading(b.who, size="3", as_="h3"),
                      rx.cond(b.href != "", rx.link(b.when, href=b.href, size="2"),
                              rx.text(b.when, size="2")),
                      spacing="1"),
            rx.vstack(status_badge(b.status), rx.text(b.price, size="2", white_space="nowrap"),
                      rx.cond(b.refund != "", rx.text(b.refund, size="2", weight="medium",
                                                      white_space="nowrap")),
                      align="end", spacing="1"),
            justify="between", align="start", gap="12px", width="100%"),
        rx.cond(b.stars != "", rx.hstack(
            rx.text(b.stars, role="img", aria_label=b.rating_label, color="var(--amber-11)"),
            rx.text(b.rating_label, size="2", color_scheme="gray", high_contrast=True),
            spacing="2", align="center")),
        rx.flex(
            rx.cond(b.can_cancel, rx.button("Cancel", size="2", variant="soft", color_scheme="red",
                                            on_click=S.open_cancel(b.booking_id))),
            rx.cond(b.can_report, rx.button("Report a problem", size="2", variant="soft",
                                            color_scheme="gray",
                                            on_click=S.open_report(b.booking_id))),
            rx.cond(b.can_rate, rx.button("Rate this session", size="2",
                                          on_click=S.open_rating(b.booking_id))),
            gap="8px", wrap="wrap"),
        spacing="3", width="100%"), width="100%", class_name="fxo-booking")


def _group(title: str, rows: rx.Var) -> rx.Component:
    return rx.cond(rows.length() > 0, rx.box(
        rx.heading(title, size="4", as_="h2", margin_bottom="8px"),
        rx.vstack(rx.foreach(rows, _booking), spacing="3", width="100%"),
        as_="section", aria_label=title, width="100%"))


def _dialog_body() -> rx.Component:
    return rx.vstack(
        rx.text(S.target_label, size="2", weight="medium"),
        rx.match(
            S.action,
            ("cancel", rx.cond(
                S.quote != "",
                rx.vstack(rx.text("Your refund", size="2", color_scheme="gray",
                                  high_contrast=True),
                          rx.text(S.quote, size="5", weight="bold", id="refund-quote"),
                          rx.text(S.quote_why, size="2"), spacing="1"),
                rx.cond(S.busy, rx.hstack(rx.spinner(size="2"),
                                          rx.text("Working out your refund…", size="2"),
                                          role="status", align="center")))),
            ("report", rx.vstack(
                rx.text("Reporting a problem holds the payment until our team has looked at "
                        "it. If the partner did not join, say so here.", size="2"),
                rx.el.label("What went wrong?", html_for="report-text", class_name="fxo-label"),
                rx.text_area(id="report-text", value=S.report_text, on_change=S.set_report_text,
                             required=True, max_length=2000, rows="4", width="100%"),
                spacing="2", width="100%")),
            ("rate", rx.vstack(
                star_rating(S.set_stars),
                rx.el.label("Comment (optional)", html_for="rating-comment",
                            class_name="fxo-label"),
                rx.text_area(id="rating-comment", value=S.comment, on_change=S.set_comment,
                             max_length=2000, rows="3", width="100%"),
                spacing="2", width="100%")),
            rx.fragment()),
        spacing="3", width="100%")


def _dialog() -> rx.Component:
    return confirm_dialog(
        open_=S.action != "", on_open_change=S.dialog_changed,
        title=rx.match(S.action, ("cancel", "Cancel this booking?"),
                       ("report", "Report a problem"), ("rate", "Rate your session"), ""),
        body=_dialog_body(),
        confirm_label=rx.match(S.action, ("cancel", "Confirm cancellation"),
                               ("report", "Confirm report"), ("rate", "Confirm rating"),
                               "Confirm"),
        on_confirm=S.confirm,
        back_label=rx.cond(S.action == "cancel", "Keep booking", "Back"),
        on_back=S.close_dialog, busy=S.busy, error=S.error,
        ready=rx.match(S.action, ("cancel", S.quote != ""),
                       ("report", S.report_text.strip() != ""), ("rate", S.stars != ""), False))


def _client_content() -> rx.Component:
    return rx.vstack(
        rx.heading(S.list_title, size="6", as_="h1"),
        rx.cond(S.notice != "", rx.callout(S.notice, icon="circle-check", color_scheme="green",
                                           high_contrast=True, role="status", width="100%")),
        rx.cond(S.rows.length() > 0,
                rx.vstack(_group("Upcoming", S.upcoming_rows),
                          _group("Past and cancelled", S.past_rows), spacing="5", width="100%"),
                _empty()),
        _dialog(),
        spacing="4", width="100%")


def _filters() -> rx.Component:
    A = AdminBookingsState
    return rx.form(
        rx.flex(
            rx.vstack(
                rx.el.label("Status", html_for="f-status", class_name="fxo-label"),
                rx.el.select(rx.foreach(A.status_options, lambda o: rx.el.option(o, value=o)),
                             id="f-status", value=A.status_filter,
                             on_change=A.set_status_filter, class_name="fxo-select"),
                spacing="1"),
            rx.box(field("Client, partner or booking", "text", required=False,
                         max_length=120), flex="2", min_width="200px"),
            rx.box(field("From", "from", type="date", required=False), min_width="150px"),
            rx.box(field("To", "to", type="date", required=False), min_width="150px"),
            rx.hstack(rx.button("Search", type="submit", size="3", id="admin-search"),
                      # a reset button empties the inputs; the handler lists everything again
                      rx.button("Clear", type="reset", size="3", variant="soft",
                                on_click=A.clear),
                      spacing="2"),
            wrap="wrap", gap="12px", align="end", width="100%"),
        rx.cond(A.filter_error != "", rx.callout(A.filter_error, icon="triangle-alert",
                                                 color_scheme="red", role="alert",
                                                 margin_top="8px")),
        on_submit=A.search, width="100%", aria_label="Search bookings")


def _admin_content() -> rx.Component:
    return rx.vstack(
        rx.heading(S.list_title, size="6", as_="h1"),
        rx.text("Times in your zone.", size="2", color_scheme="gray", high_contrast=True),
        _filters(),
        rx.cond(S.rows.length() > 0, _table(),
                rx.card(rx.text("No bookings to show.", weight="medium"), width="100%")),
        spacing="4", width="100%")


def client_bookings() -> rx.Component:
    return page(guarded(_client_content, BookingsState))


def admin_bookings() -> rx.Component:
    return page(guarded(_admin_content, BookingsState))
