"""What account use cases refuse with."""

from __future__ import annotations


class AccountError(Exception):
    """A refusal the user can act on; its message is safe to show."""


class RateLimited(AccountError):
    pass
