"""Sign in, create an account, confirm e-mail, reset password, profile."""

from __future__ import annotations

import reflex as rx

from fxorleans import routes
from fxorleans.components.layout import (
    error_callout,
    field,
    guarded,
    info_callout,
    link_button,
    narrow,
    page,
)
from fxorleans.state.accounts import (
    ForgotState,
    ProfileState,
    RegisterState,
    ResetState,
    VerifyState,
)
from fxorleans.state.auth import AuthState
from fxorleans.state.login import DemoAccountRow, LoginState


def _demo_account(a: DemoAccountRow) -> rx.Component:
    return rx.el.li(
        rx.flex(
            rx.badge(a.role, variant="surface", color_scheme="gray", high_contrast=True),
            rx.text(a.name, size="2", weight="medium"),
            gap="8px", align="center", wrap="wrap"),
        rx.flex(rx.code(a.email, size="1", style={"overflow_wrap": "anywhere"}),
                rx.code(a.password, size="1", white_space="nowrap"),
                gap="4px 10px", wrap="wrap", align="center", margin_top="4px"),
        padding_y="8px", border_top="1px solid var(--gray-a4)",
        style={"&:first-of-type": {"border_top": "none"}})


def _demo_accounts() -> rx.Component:
    return rx.cond(
        LoginState.demo_accounts.length() > 0,
        rx.box(
            rx.heading("Demo accounts", size="3", as_="h2", id="demo-accounts-heading"),
            rx.text("Demo mode only: one account per role, and one for every demo partner, so "
                    "whoever the matcher ranks first can be tried as a partner too.", size="1",
                    color_scheme="gray"),
            # a list, not a table: a table this wide scrolls sideways on a phone. The region
            # scrolls up and down on its own (and takes the focus, so keyboards can scroll it).
            rx.box(
                rx.el.ul(rx.foreach(LoginState.demo_accounts, _demo_account),
                         style={"list_style": "none", "margin": "0", "padding": "0 10px"}),
                role="region", aria_labelledby="demo-accounts-heading", tab_index=0,
                id="demo-accounts", max_height="340px", overflow_y="auto", margin_top="8px",
                border="1px solid var(--gray-a5)", border_radius="var(--radius-3)",
                background="var(--gray-a2)"),
            width="100%",
        ),
    )


def _password_step() -> rx.Component:
    return rx.fragment(
        rx.form(
            rx.vstack(
                field("E-mail", "email", type="email", autocomplete="email"),
                field("Password", "password", type="password", autocomplete="current-password"),
                rx.button("Sign in", type="submit", size="3", width="100%", id="login-submit"),
                spacing="3", width="100%",
            ),
            on_submit=LoginState.submit, reset_on_submit=False, width="100%",
        ),
        rx.hstack(
            rx.link("Forgot your password?", href=routes.FORGOT_PASSWORD, size="2"),
            rx.spacer(),
            rx.link("Create an account", href=LoginState.register_href, size="2"),
            width="100%", wrap="wrap",
        ),
        _demo_accounts(),
    )


def _code_step() -> rx.Component:
    return rx.fragment(
        rx.form(
            rx.vstack(
                field("Code", "code", autocomplete="one-time-code",
                      hint="6 digits from your authenticator app, or a recovery code.",
                      max_length=40),
                rx.button("Continue", type="submit", size="3", width="100%", id="code-submit"),
                spacing="3", width="100%",
            ),
            on_submit=LoginState.submit_code, reset_on_submit=True, width="100%",
        ),
        rx.button("Use another account", on_click=LoginState.restart, variant="ghost",
                  size="2"),
    )


def login() -> rx.Component:
    return narrow(
        rx.heading("Sign in", size="6", as_="h1"),
        rx.cond(LoginState.notice != "", info_callout(LoginState.notice)),
        error_callout(LoginState.login_error),
        rx.cond(LoginState.second_step, _code_step(), _password_step()),
    )


def _registered() -> rx.Component:
    return rx.vstack(
        rx.heading("Check your inbox", size="6", as_="h1"),
        rx.text("We sent a confirmation link to ", rx.text.strong(RegisterState.registered_email),
                ". You are signed in already; confirm your address to receive booking e-mails."),
        rx.cond(RegisterState.is_demo, rx.callout(
            rx.text("Demo mode: e-mails stay in the app. ",
                    rx.link("Open your demo inbox", href=routes.DEMO_INBOX, underline="always"),
                    "."),
            icon="mail", color_scheme="amber", width="100%")),
        link_button("Find an expert", routes.HOME, size="3"),
        spacing="4", width="100%",
    )


def register() -> rx.Component:
    return narrow(
        rx.cond(
            RegisterState.registered_email != "",
            _registered(),
            rx.vstack(
                rx.heading("Create your account", size="6", as_="h1"),
                rx.text("Book an hour with a fractional executive. Partners join by invitation.",
                        size="2", color_scheme="gray"),
                error_callout(RegisterState.register_error),
                rx.form(
                    rx.vstack(
                        field("Your name", "name", autocomplete="name", max_length=120),
                        field("E-mail", "email", type="email", autocomplete="email"),
                        field("Password", "password", type="password",
                              autocomplete="new-password", min_length=10,
                              hint="At least 10 characters."),
                        field("Repeat the password", "confirm", type="password",
                              autocomplete="new-password", min_length=10),
                        rx.button("Create account", type="submit", size="3", width="100%",
                                  id="register-submit"),
                        spacing="3", width="100%",
                    ),
                    on_submit=RegisterState.submit, reset_on_submit=False, width="100%",
                ),
                rx.text("Already have an account? ",
                        rx.link("Sign in", href=RegisterState.login_href, underline="always"),
                        size="2"),
                spacing="4", width="100%",
            ),
        ),
    )


def verify() -> rx.Component:
    return narrow(
        rx.heading("Confirm your e-mail", size="6", as_="h1"),
        rx.cond(
            VerifyState.verify_ok,
            rx.callout(VerifyState.verify_message, icon="circle-check", color_scheme="green",
                       width="100%"),
            rx.callout(VerifyState.verify_message, icon="triangle-alert", color_scheme="red",
                       width="100%"),
        ),
        rx.cond(
            ~VerifyState.verify_ok & AuthState.signed_in & ~AuthState.user_verified,
            rx.button("Send a new link", on_click=VerifyState.resend, variant="soft"),
        ),
        link_button("Continue", routes.HOME, size="3"),
    )


def forgot() -> rx.Component:
    return narrow(
        rx.heading("Reset your password", size="6", as_="h1"),
        rx.cond(
            ForgotState.forgot_sent,
            rx.callout("If an account uses that address, a reset link is on its way. "
                       "It is valid for one hour.", icon="mail", color_scheme="green",
                       width="100%"),
            rx.vstack(
                error_callout(ForgotState.forgot_error),
                rx.form(rx.vstack(
                    field("E-mail", "email", type="email", autocomplete="email"),
                    rx.button("Send the link", type="submit", size="3", width="100%"),
                    spacing="3", width="100%"), on_submit=ForgotState.submit, width="100%"),
                spacing="3", width="100%",
            ),
        ),
        rx.link("Back to sign in", href=routes.LOGIN, size="2"),
    )


def reset() -> rx.Component:
    return narrow(
        rx.heading(rx.cond(ResetState.is_invite, "Welcome: set your password",
                           "Choose a new password"), size="6", as_="h1"),
        error_callout(ResetState.reset_error),
        rx.form(rx.vstack(
            field("New password", "password", type="password", autocomplete="new-password",
                  min_length=10, hint="At least 10 characters."),
            field("Repeat it", "confirm", type="password", autocomplete="new-password",
                  min_length=10),
            rx.button("Save the password", type="submit", size="3", width="100%"),
            spacing="3", width="100%"), on_submit=ResetState.submit, width="100%"),
    )


def _profile_form() -> rx.Component:
    return rx.vstack(
        rx.heading("Your profile", size="6", as_="h1"),
        rx.cond(~AuthState.user_verified, rx.callout(
            rx.hstack(rx.text("Your e-mail address is not confirmed yet."),
                      rx.button("Send a new link", size="1", variant="soft",
                                on_click=VerifyState.resend), wrap="wrap", align="center"),
            icon="mail-warning", color_scheme="amber", width="100%")),
        error_callout(ProfileState.profile_error),
        rx.cond(ProfileState.profile_saved, rx.callout("Saved.", icon="check",
                                                       color_scheme="green", width="100%")),
        rx.text("E-mail: ", rx.text.strong(AuthState.user_email), " · role: ",
                rx.text.strong(AuthState.user_role), size="2"),
        rx.form(rx.vstack(
            field("Name", "name", default_value=AuthState.user_name, max_length=120),
            field("Time zone", "timezone", default_value=AuthState.user_timezone,
                  hint="IANA name, e.g. Europe/Paris or America/New_York. Times are shown in it."),
            rx.button("Save", type="submit", size="3"),
            spacing="3", width="100%"), on_submit=ProfileState.save, reset_on_submit=False,
            width="100%", key=AuthState.user_id),
        spacing="4", width="100%",
    )


def profile() -> rx.Component:
    return page(rx.card(guarded(_profile_form, ProfileState), size="3", width="100%"),
                width="560px")
