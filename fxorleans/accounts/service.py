"""Account use cases, one import away: `from fxorleans.accounts import service as accounts`.

Each lives in its own module (users, passwords, tokens, sessions, registration, reset);
this one only gathers their public names. Secrets are random tokens; only their SHA-256
hashes are stored.
"""

from __future__ import annotations

from fxorleans.accounts.errors import AccountError, RateLimited
from fxorleans.accounts.passwords import MIN_PASSWORD, check_password
from fxorleans.accounts.registration import (
    REGISTRATIONS_PER_ADDRESS,
    VERIFY_LIFETIME,
    register,
    resend_verification,
    verify_email,
)
from fxorleans.accounts.reset import (
    INVITE_LIFETIME,
    RESET_LIFETIME,
    RESETS_PER_ADDRESS,
    invite_partner,
    request_password_reset,
    reset_password,
)
from fxorleans.accounts.sessions import (
    LOGIN_FAILS_PER_ACCOUNT,
    LOGIN_FAILS_PER_ADDRESS,
    LOGIN_WINDOW,
    SESSION_LIFETIME,
    login,
    logout,
    revoke_sessions,
    user_for_session,
)
from fxorleans.accounts.users import (
    ROLES,
    UserDTO,
    create_admin,
    create_user,
    normalize_email,
    set_timezone,
    update_profile,
)

__all__ = [
    "INVITE_LIFETIME", "LOGIN_FAILS_PER_ACCOUNT", "LOGIN_FAILS_PER_ADDRESS", "LOGIN_WINDOW",
    "MIN_PASSWORD", "REGISTRATIONS_PER_ADDRESS", "RESETS_PER_ADDRESS", "RESET_LIFETIME",
    "ROLES", "SESSION_LIFETIME", "VERIFY_LIFETIME", "AccountError", "RateLimited", "UserDTO",
    "check_password", "create_admin", "create_user", "invite_partner", "login", "logout",
    "normalize_email", "register", "request_password_reset", "resend_verification",
    "reset_password", "revoke_sessions", "set_timezone", "update_profile", "user_for_session",
    "verify_email",
]
