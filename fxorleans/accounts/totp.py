"""The second factor's rules: TOTP codes (RFC 6238), recovery codes, and the sealed secret.

Pure apart from randomness: callers pass the time, the last step used and the key. A code is
good for its 30-second step and one step either side (clock drift); a step once accepted is
never accepted again, so a code overheard or replayed within its minute is refused.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import re
import secrets
from dataclasses import dataclass
from datetime import datetime

import pyotp
from cryptography.fernet import Fernet, InvalidToken

STEP_SECONDS = 30
DRIFT_STEPS = 1
DIGITS = 6
RECOVERY_CODES = 10
ISSUER = "FX-Orleans"

_SEALED_PREFIX = "fernet:"
_CODE = re.compile(r"^\d{6}$")


@dataclass(frozen=True)
class Enrolment:
    """What the admin copies into an authenticator app once, and the codes kept on paper."""

    secret: str
    uri: str
    recovery_codes: tuple[str, ...]


def new_secret() -> str:
    return pyotp.random_base32()


def provisioning_uri(secret: str, email: str) -> str:
    return pyotp.TOTP(secret, interval=STEP_SECONDS).provisioning_uri(name=email,
                                                                      issuer_name=ISSUER)


def step_at(now: datetime) -> int:
    return int(now.timestamp()) // STEP_SECONDS


def accepted_step(secret: str, code: str, now: datetime, last_step: int | None) -> int | None:
    """The time step `code` belongs to if it is good now and newer than `last_step`, else None."""
    code = (code or "").replace(" ", "")
    if not _CODE.match(code):
        return None
    totp = pyotp.TOTP(secret, digits=DIGITS, interval=STEP_SECONDS)
    current = step_at(now)
    for step in range(current - DRIFT_STEPS, current + DRIFT_STEPS + 1):
        if last_step is not None and step <= last_step:
            continue
        if hmac.compare_digest(totp.generate_otp(step), code):
            return step
    return None


def code_at(secret: str, now: datetime) -> str:
    """The code an authenticator shows at `now` (for tests and the enrolment check)."""
    return pyotp.TOTP(secret, digits=DIGITS, interval=STEP_SECONDS).generate_otp(step_at(now))


def new_recovery_codes(n: int = RECOVERY_CODES) -> tuple[str, ...]:
    """Codes of 80 random bits, written as four groups of four for reading aloud."""
    out = []
    for _ in range(n):
        raw = base64.b32encode(secrets.token_bytes(10)).decode().lower()
        out.append("-".join(raw[i:i + 4] for i in range(0, 16, 4)))
    return tuple(out)


def normalize_recovery_code(code: str) -> str:
    return re.sub(r"[\s-]", "", (code or "").lower())


def recovery_code_hash(code: str) -> str:
    # The codes carry 80 random bits, so a plain hash cannot be searched back to them.
    return hashlib.sha256(normalize_recovery_code(code).encode()).hexdigest()


def _fernet(key_material: str) -> Fernet:
    digest = hashlib.sha256(b"fxorleans totp seal\0" + key_material.encode()).digest()
    return Fernet(base64.urlsafe_b64encode(digest))


def seal(secret: str, key_material: str) -> str:
    """The secret encrypted under a key derived from FXO_SECRET_KEY, for the database."""
    return _SEALED_PREFIX + _fernet(key_material).encrypt(secret.encode()).decode()


def unseal(stored: str, key_material: str) -> str | None:
    """The secret back, or None if it was sealed under another key (or is not sealed)."""
    if not stored.startswith(_SEALED_PREFIX):
        return None
    try:
        return _fernet(key_material).decrypt(stored[len(_SEALED_PREFIX):].encode()).decode()
    except InvalidToken:
        return None


def second_factor_needed(role: str, enrolled: bool, production: bool) -> str:
    """After a right password: "none" (sign in), "code" (ask for one) or "enrol" (refuse).

    Whoever enrolled is asked for a code; an admin must have enrolled in production, while
    in development an admin without enrolment signs in with the password alone.
    """
    if enrolled:
        return "code"
    if role == "admin" and production:
        return "enrol"
    return "none"
