"""The Reflex app: pages, HTTP routes and the in-app worker."""

from __future__ import annotations

import reflex as rx
from reflex.components.component import ComponentStyle

from fxorleans import http, routes
from fxorleans.booking import worker
from fxorleans.pages import (
    accounts,
    admin_booking,
    admin_jobs,
    availability,
    book,
    bookings,
    confirmation,
    dashboard,
    home,
    mail,
    match,
    partner,
)
from fxorleans.state.accounts import (
    ForgotState,
    ProfileState,
    RegisterState,
    ResetState,
    VerifyState,
)
from fxorleans.state.admin_booking import AdminBookingState
from fxorleans.state.admin_jobs import AdminJobsState
from fxorleans.state.availability import AvailabilityState
from fxorleans.state.book import BookState
from fxorleans.state.bookings import BookingsState
from fxorleans.state.confirmation import ConfirmationState
from fxorleans.state.dashboard import DashboardState
from fxorleans.state.login import LoginState
from fxorleans.state.mail import MailState
from fxorleans.state.matching import HomeState, MatchState
from fxorleans.state.partner import PartnerState

STYLE: ComponentStyle = {
    ".fxo-skip": {"position": "absolute", "left": "-9999px"},
    ".fxo-skip:focus": {"left": "8px", "top": "8px", "z_index": "100", "padding": "8px",
                        "background": "var(--color-panel)", "border_radius": "6px"},
    ".fxo-label": {"font_size": "14px", "font_weight": "500"},
    ".fxo-select": {"height": "40px", "padding": "0 10px", "border_radius": "var(--radius-2)",
                    "border": "1px solid var(--gray-a7)", "background": "var(--color-surface)",
                    "font_size": "15px", "min_width": "200px", "max_width": "100%"},
    ".fxo-clamp": {"display": "-webkit-box", "-webkit-line-clamp": "6",
                   "-webkit-box-orient": "vertical", "overflow": "hidden"},
    ":focus-visible": {"outline": "2px solid var(--accent-8)", "outline_offset": "2px"},
    # rx.link turns its text accent-8 on hover (under 3:1); keep the resting colours instead,
    # and a link drawn as a button keeps the button's own text colour.
    "a.rt-Link:not(.rt-BaseButton):hover": {"color": "var(--accent-11)"},
    "a.rt-Link.rt-high-contrast:not(.rt-BaseButton):hover": {"color": "var(--accent-12)"},
    "a.rt-Link.rt-BaseButton.rt-variant-solid:hover": {"color": "var(--accent-contrast)"},
    "a.rt-Link.rt-BaseButton:not(.rt-variant-solid):hover": {"color": "var(--accent-a11)"},
    ".fxo-nav:empty": {"display": "none"},
    ".fxo-show-sm": {"display": "none"},
    # on a phone the header's role links move to a row of their own under the logo
    "@media (max-width: 520px)": {".fxo-hide-sm": {"display": "none"},
                                  ".fxo-show-sm": {"display": "block"},
                                  ".fxo-nav": {"order": "3", "width": "100%"}},
}

_sandbox = http.sandbox_app()

app = rx.App(
    style=STYLE,
    api_transformer=[http.create_api(_sandbox), http.security_headers],
    head_components=[rx.script(src="/fxo_payment.js"), rx.el.meta(name="description",
                                content="Book a paid hour with a fractional executive.")],
)
app.register_lifespan_task(worker.run_forever)
if _sandbox is not None:
    from fxorleans.sandbox.runtime import delivery_loop

    app.register_lifespan_task(delivery_loop, target=_sandbox)

app.add_page(home.index, route=routes.HOME, title="FX-Orleans · Find the right executive",
             on_load=HomeState.on_load)
app.add_page(match.match_page, route=routes.MATCH, title="Your matches · FX-Orleans",
             on_load=MatchState.load)
app.add_page(partner.partner_page, route=routes.PARTNER,
             title="Partner profile · FX-Orleans", on_load=PartnerState.load)
app.add_page(book.book_page, route=routes.BOOK, title="Your booking · FX-Orleans",
             on_load=BookState.load)
app.add_page(accounts.login, route=routes.LOGIN, title="Sign in · FX-Orleans",
             on_load=LoginState.on_load)
app.add_page(accounts.register, route=routes.REGISTER, title="Create an account · FX-Orleans",
             on_load=RegisterState.on_load)
app.add_page(accounts.verify, route=routes.VERIFY, title="Confirm your e-mail · FX-Orleans",
             on_load=VerifyState.on_load)
app.add_page(accounts.forgot, route=routes.FORGOT_PASSWORD, title="Reset password · FX-Orleans",
             on_load=ForgotState.on_load)
app.add_page(accounts.reset, route=routes.RESET_PASSWORD, title="New password · FX-Orleans",
             on_load=ResetState.on_load)
app.add_page(accounts.profile, route=routes.PROFILE, title="Profile · FX-Orleans",
             on_load=ProfileState.on_load)
app.add_page(mail.admin_mail, route=routes.ADMIN_MAIL, title="Mail outbox · FX-Orleans",
             on_load=MailState.load_admin)
app.add_page(admin_jobs.admin_jobs_page, route=routes.ADMIN_JOBS, title="Failed jobs · FX-Orleans",
             on_load=AdminJobsState.load)
app.add_page(mail.demo_inbox, route=routes.DEMO_INBOX, title="Demo inbox · FX-Orleans",
             on_load=MailState.load_demo)
app.add_page(confirmation.confirmation_page, route=routes.CONFIRMATION,
             title="Booking confirmed · FX-Orleans", on_load=ConfirmationState.load)
app.add_page(bookings.client_bookings, route=routes.BOOKINGS, title="My bookings · FX-Orleans",
             on_load=BookingsState.load_client)
app.add_page(availability.availability_page, route=routes.AVAILABILITY,
             title="Availability · FX-Orleans", on_load=AvailabilityState.load)
app.add_page(dashboard.partner_dashboard, route=routes.DASHBOARD, title="Dashboard · FX-Orleans",
             on_load=DashboardState.load)
app.add_page(bookings.admin_bookings, route=routes.ADMIN_BOOKINGS, title="Bookings · FX-Orleans",
             on_load=BookingsState.load_admin)
app.add_page(admin_booking.admin_booking_page, route=routes.ADMIN_BOOKING,
             title="Booking · FX-Orleans", on_load=AdminBookingState.load)
