"""What account use cases refuse with."""

from __future__ import annotations


class AccountError(Exception):
    """A refusal the user can act on; its message is safe to show."""


class RateLimited(AccountError):
    pass


class SignInExpired(AccountError):
    """A half-finished sign-in (password right, code not yet given) is no longer valid."""
