"""Pieces shared by the client's bookings and the partner's dashboard: the status badge, the
confirmation dialog, the star rating."""

from __future__ import annotations

from typing import Any

import reflex as rx

from fxorleans.components.layout import error_callout

# high contrast: Radix's soft amber and green text is under 4.5:1 on its tint
STATUS_COLORS: dict[str, str] = {
    "Held": "amber", "Awaiting payment": "amber", "Confirmed": "green", "Completed": "blue",
    "Paid": "blue", "Cancelled": "gray", "Refunded": "gray", "Expired": "gray",
    "Problem reported": "red", "Disputed": "red",
}


def status_badge(status: rx.Var[str] | str) -> rx.Component:
    return rx.match(
        status,
        *[(label, rx.badge(label, color_scheme=color, variant="soft", high_contrast=True))
          for label, color in STATUS_COLORS.items()],
        rx.badge(status, variant="soft", high_contrast=True),
    )


def confirm_dialog(*, open_: rx.Var[bool] | bool, on_open_change: Any,
                   title: rx.Var[str] | str, body: rx.Component,
                   confirm_label: rx.Var[str] | str, on_confirm: Any,
                   back_label: rx.Var[str] | str, on_back: Any, busy: rx.Var[bool] | bool,
                   error: rx.Var[str] | str, ready: rx.Var[bool] | None = None) -> rx.Component:
    """One dialog per page: its confirming button always starts with "Confirm", and the way
    out ("Keep booking", "Back") is a plain button beside it."""
    return rx.dialog.root(
        rx.dialog.content(
            rx.vstack(
                rx.dialog.title(title, margin="0"),
                body,
                error_callout(error),
                rx.flex(
                    rx.button(back_label, variant="soft", color_scheme="gray", on_click=on_back,
                              disabled=busy, id="dialog-back"),
                    rx.button(confirm_label, on_click=on_confirm, loading=busy,
                              disabled=False if ready is None else ~ready,
                              id="dialog-confirm"),
                    gap="12px", justify="end", wrap="wrap-reverse", width="100%",
                ),
                spacing="4", width="100%",
            ),
            max_width="480px", width="calc(100vw - 32px)",
            # every dialog has its description in the body; Radix wants to be told
            aria_describedby=None,
        ),
        open=open_, on_open_change=on_open_change,
    )


def star_rating(on_change: Any) -> rx.Component:
    """1 to 5 stars as a labelled radio group: arrow keys move between them. Radix keeps the
    choice itself (a value echoed back by the server would race fast key presses); the
    server hears each change."""
    return rx.vstack(
        rx.el.span("Your rating", id="rating-label", class_name="fxo-label"),
        rx.radio_group.root(
            rx.flex(
                *[rx.text(
                    rx.flex(rx.radio_group.item(value=str(n), id=f"stars-{n}"),
                            rx.text(f"{n} of 5", size="2", min_width="48px"),
                            rx.text("★" * n, aria_hidden="true", color="var(--amber-11)"),
                            gap="8px", align="center"),
                    as_="label", size="2")
                  for n in range(1, 6)],
                direction="column", gap="8px"),
            on_change=on_change, aria_labelledby="rating-label", required=True,
            name="stars",
        ),
        spacing="2", width="100%",
    )
