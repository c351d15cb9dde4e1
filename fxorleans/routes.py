"""Every page's route and the links to it: the one place that knows the URL scheme.

The patterns are what `fxorleans.py` registers; the builders are what states and pages link
with. A dynamic segment (`[booking_id]`) becomes a var of the root state of the same name.
"""

from __future__ import annotations

from urllib.parse import quote, unquote, urlencode, urlsplit

HOME = "/"
MATCH = "/match/[request_id]"
PARTNER = "/partner/[partner_id]"
BOOK = "/book/[booking_id]"
CONFIRMATION = "/confirmation/[booking_id]"
BOOKINGS = "/bookings"
DASHBOARD = "/dashboard"
AVAILABILITY = "/dashboard/availability"
ADMIN_BOOKINGS = "/admin/bookings"
ADMIN_BOOKING = "/admin/bookings/[booking_id]"
ADMIN_MAIL = "/admin/mail"
ADMIN_JOBS = "/admin/jobs"
DEMO_INBOX = "/demo/inbox"
LOGIN = "/login"
REGISTER = "/register"
VERIFY = "/verify"
FORGOT_PASSWORD = "/forgot-password"
RESET_PASSWORD = "/reset-password"
PROFILE = "/profile"


def _segment(value: str) -> str:
    return quote(value, safe="")


def _with_query(path: str, **query: str) -> str:
    present = {k: v for k, v in query.items() if v}
    return f"{path}?{urlencode(present)}" if present else path


def match(request_id: str) -> str:
    return f"/match/{_segment(request_id)}"


def partner(partner_id: str, *, slot: str = "", request_id: str = "") -> str:
    """The profile, optionally with a time already picked and the match it was reached from."""
    return _with_query(f"/partner/{_segment(partner_id)}", slot=slot, request=request_id)


def book(booking_id: str) -> str:
    return f"/book/{_segment(booking_id)}"


def confirmation(booking_id: str) -> str:
    return f"/confirmation/{_segment(booking_id)}"


def admin_booking(booking_id: str) -> str:
    return f"/admin/bookings/{_segment(booking_id)}"


def safe_next(target: str | None, default: str = HOME) -> str:
    """Only a same-site absolute path, else `default`: never an open redirect.

    Browsers drop tabs and newlines and read a backslash as a slash, so such a path could
    leave the site: anything unusual is refused, not repaired, and so is a path whose
    percent-decoded form would be refused.
    """
    target = (target or "").strip(" ")
    if not _same_site_path(target) or not _same_site_path(unquote(target)):
        return default
    return target


def _same_site_path(target: str) -> bool:
    if (not target.startswith("/") or target.startswith("//") or "\\" in target
            or any(ord(ch) < 32 or ord(ch) == 127 for ch in target)):
        return False
    parts = urlsplit(target)
    return not parts.scheme and not parts.netloc and parts.path.startswith("/")


def _then(path: str, next: str | None) -> str:
    return f"{path}?next={quote(safe_next(next))}" if next else path


def login(next: str | None = None) -> str:
    """Sign in, then go on to `next` (a same-site path)."""
    return _then(LOGIN, next)


def register(next: str | None = None) -> str:
    """Create an account, then go on to `next` (a same-site path)."""
    return _then(REGISTER, next)


def signed_out() -> str:
    return _with_query(LOGIN, bye="1")


def password_set() -> str:
    return _with_query(LOGIN, reset="1")


def home_for(role: str) -> str:
    """Where a signed-in person starts, by role."""
    return {"partner": DASHBOARD, "admin": ADMIN_BOOKINGS}.get(role, BOOKINGS)
