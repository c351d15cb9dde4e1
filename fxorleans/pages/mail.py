"""The stored mail outbox, one card a message."""

from __future__ import annotations

import reflex as rx

from fxorleans.components.layout import guarded, page
from fxorleans.state.mail import MailRow, MailState


def _mail(m: MailRow) -> rx.Component:
    return rx.card(
        rx.vstack(
            rx.hstack(
                rx.text(m.subject, weight="bold"),
                rx.spacer(),
                rx.badge(m.kind, variant="soft", high_contrast=True),
                width="100%", wrap="wrap", align="center",
            ),
            rx.text("To ", m.recipient, " · ", m.sent, size="1", color_scheme="gray"),
            rx.text(m.body, size="2", white_space="pre-wrap", word_break="break-word"),
            rx.cond(m.link != "", rx.link("Open the link", href=m.link, size="2")),
            spacing="2", width="100%",
        ),
        width="100%",
    )


def _content() -> rx.Component:
    return rx.vstack(
        rx.heading(MailState.mailbox_title, size="6", as_="h1"),
        rx.cond(
            MailState.mails.length() > 0,
            rx.vstack(rx.foreach(MailState.mails, _mail), spacing="3", width="100%"),
            rx.text("No messages yet.", color_scheme="gray"),
        ),
        spacing="4", width="100%",
    )


def admin_mail() -> rx.Component:
    return page(guarded(_content, MailState))


def demo_inbox() -> rx.Component:
    return page(guarded(_content, MailState))
