"""The page frame: header with the links the caller's role may use, banners, footer."""

from __future__ import annotations

from collections.abc import Callable

import reflex as rx

from fxorleans import config, routes
from fxorleans.state.auth import AuthState

MAX_WIDTH = "1040px"


def _nav_link(label: str, href: str) -> rx.Component:
    return rx.link(label, href=href, size="2", weight="medium", color_scheme="gray",
                   high_contrast=True, underline="hover")


def _role_links() -> rx.Component:
    return rx.fragment(
        rx.cond(AuthState.user_role == "client", rx.fragment(
            _nav_link("Find an expert", routes.HOME), _nav_link("My bookings", routes.BOOKINGS))),
        rx.cond(AuthState.user_role == "partner", _nav_link("Dashboard", routes.DASHBOARD)),
        rx.cond(AuthState.user_role == "admin", rx.fragment(
            _nav_link("Bookings", routes.ADMIN_BOOKINGS), _nav_link("Mail", routes.ADMIN_MAIL),
            _nav_link("Failed jobs", routes.ADMIN_JOBS))),
    )


def header() -> rx.Component:
    return rx.box(
        rx.hstack(
            rx.link(
                rx.hstack(
                    rx.center(rx.text("FX", weight="bold", size="2", color="white"),
                              width="30px", height="30px", border_radius="8px",
                              background="var(--accent-9)", aria_hidden="true"),
                    rx.text("FX-Orleans", weight="bold", size="4", high_contrast=True,
                            white_space="nowrap"),
                    align="center", spacing="2",
                ),
                # the accessible name is the visible "FX-Orleans" (WCAG 2.5.3 label in name)
                href=routes.HOME, underline="none",
            ),
            rx.spacer(),
            rx.hstack(_role_links(), spacing="4", align="center", class_name="fxo-nav"),
            rx.hstack(
                rx.cond(
                    AuthState.signed_in,
                    rx.menu.root(
                        rx.menu.trigger(rx.button(
                            rx.icon("circle-user", size=16),
                            rx.text(AuthState.display_name, class_name="fxo-hide-sm",
                                    max_width="160px", overflow="hidden",
                                    text_overflow="ellipsis", white_space="nowrap"),
                            # the name holds the visible text (WCAG 2.5.3 label in name)
                            variant="soft", size="2",
                            aria_label=f"Account menu for {AuthState.display_name}")),
                        rx.menu.content(
                            rx.menu.item("Profile", on_select=rx.redirect(routes.PROFILE)),
                            rx.menu.separator(),
                            rx.menu.item("Sign out", on_select=AuthState.logout, color="red"),
                        ),
                    ),
                    rx.hstack(
                        link_button("Sign in", routes.LOGIN, variant="soft", size="2"),
                        link_button("Create account", routes.REGISTER, size="2",
                                    class_name="fxo-hide-sm"),
                        spacing="2",
                    ),
                ),
                spacing="4", align="center", wrap="wrap", justify="end",
            ),
            align="center", width="100%", max_width=MAX_WIDTH, margin_x="auto",
            padding_x="16px", padding_y="12px", spacing="3", wrap="wrap", row_gap="4px",
        ),
        as_="header", border_bottom="1px solid var(--gray-a5)", background="var(--color-panel)",
        position="sticky", top="0", z_index="10", width="100%",
    )


def link_button(label: str | rx.Component, href: str | rx.Var, **props) -> rx.Component:
    """A link that looks like a button (a button inside a link confuses screen readers)."""
    return rx.button(rx.link(label, href=href, underline="none", white_space="nowrap"),
                     as_child=True, **props)


def demo_banner() -> rx.Component:
    if not config.get().demo_mode:
        return rx.fragment()
    return rx.box(
        rx.text(
            "Demo mode: payments run in the built-in Stripe SANDBOX and e-mails stay in the "
            "app. No real card is charged.",
            size="1", align="center",
        ),
        # amber-12 on amber-3 is well above 4.5:1 (amber-11 was 4.24:1)
        background="var(--amber-3)", color="var(--amber-12)", padding="6px 12px", width="100%",
        role="note",
    )


def footer() -> rx.Component:
    return rx.box(
        rx.text("FX-Orleans · an hour with a fractional executive", size="1", color_scheme="gray",
                align="center"),
        as_="footer", padding="24px 16px", border_top="1px solid var(--gray-a4)",
        margin_top="48px",
    )


def page(*children: rx.Component, width: str = MAX_WIDTH) -> rx.Component:
    return rx.box(
        rx.el.a("Skip to content", href="#main", class_name="fxo-skip"),
        demo_banner(),
        header(),
        rx.el.main(*children, id="main", tab_index=-1, width="100%", max_width=width,
                   margin_x="auto", padding_x="16px", padding_y="28px", flex="1"),
        footer(),
        # a column, so that the footer sits at the bottom of a short page
        min_height="100vh", background="var(--gray-1)", display="flex",
        flex_direction="column",
    )


def narrow(*children: rx.Component) -> rx.Component:
    """A centred card for forms."""
    return page(rx.card(rx.vstack(*children, spacing="4", width="100%"),
                        size="3", width="100%"), width="480px")


def error_callout(message: rx.Var[str] | str) -> rx.Component:
    return rx.cond(
        message != "",
        rx.callout(message, icon="triangle-alert", color_scheme="red", role="alert",
                   width="100%"),
    )


def info_callout(message: rx.Var[str] | str, icon: str = "info") -> rx.Component:
    return rx.callout(message, icon=icon, color_scheme="blue", width="100%")


def field(label: str, name: str, *, type: str = "text", placeholder: str = "",
          autocomplete: str = "", required: bool = True, hint: str = "",
          default_value: rx.Var | str | None = None, min_length: int | None = None,
          max_length: int | None = None) -> rx.Component:
    input_id = f"f-{name}"
    props: dict = {"id": input_id, "name": name, "type": type, "placeholder": placeholder,
                   "required": required, "size": "3", "width": "100%"}
    if autocomplete:
        props["auto_complete"] = autocomplete
    if default_value is not None:
        props["default_value"] = default_value
    if min_length:
        props["min_length"] = min_length
    if max_length:
        props["max_length"] = max_length
    return rx.vstack(
        rx.el.label(label, html_for=input_id, class_name="fxo-label"),
        rx.input(**props),
        rx.cond(hint != "", rx.text(hint, size="1", color_scheme="gray")),
        spacing="1", width="100%",
    )


def guarded(content: Callable[[], rx.Component], state: type[AuthState]) -> rx.Component:
    """Render `content` only once the server has confirmed who is calling."""
    return rx.cond(state.auth_checked, content(), rx.center(rx.spinner(size="3"), padding="64px"))
