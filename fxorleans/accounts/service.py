"""Account use cases, one import away: `from fxorleans.accounts import service as accounts`.

Each lives in its own module (users, passwords, tokens, sessions, registration, reset);
this one only gathers their public names. Secrets are random tokens; only their SHA-256
hashes are stored.
"""

from __future__ import annotations

from fxorleans.accounts.errors import AccountError, RateLimited, SignInExpired
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
from fxorleans.accounts.second_factor import complete_login, recovery_codes_left
from fxorleans.accounts.second_factor import enrol as enrol_second_factor
from fxorleans.accounts.sessions import (
    LOGIN_FAILS_PER_ADDRESS,
    LOGIN_WINDOW,
    SESSION_LIFETIME,
    SecondFactorRequired,
    login,
    logout,
    revoke_sessions,
    user_for_session,
)
from fxorleans.accounts.totp import Enrolment
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
    "INVITE_LIFETIME", "LOGIN_FAILS_PER_ADDRESS", "LOGIN_WINDOW",
    "MIN_PASSWORD", "REGISTRATIONS_PER_ADDRESS", "RESETS_PER_ADDRESS", "RESET_LIFETIME",
    "ROLES", "SESSION_LIFETIME", "VERIFY_LIFETIME", "AccountError", "Enrolment", "RateLimited",
    "SecondFactorRequired", "SignInExpired", "UserDTO", "check_password", "complete_login",
    "create_admin", "create_user", "enrol_second_factor", "invite_partner", "login", "logout",
    "normalize_email", "recovery_codes_left", "register", "request_password_reset",
    "resend_verification", "reset_password", "revoke_sessions", "set_timezone",
    "update_profile", "user_for_session", "verify_email",
]
