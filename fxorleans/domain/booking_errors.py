"""Why an event cannot happen to a booking now: one exception per broken rule."""

from __future__ import annotations


class BookingError(Exception):
    """An event that cannot happen to a booking in its current state."""


class NotRequested(BookingError):
    pass


class AlreadyRequested(BookingError):
    pass


class PaymentNotAllowed(BookingError):
    pass


class NotAuthorized(BookingError):
    pass


class CompletedTooEarly(BookingError):
    pass


class AlreadyCompleted(BookingError):
    pass


class CaptureBeforeCompletion(BookingError):
    pass


class AlreadyCaptured(BookingError):
    pass


class CaptureExceedsAuthorized(BookingError):
    pass


class AlreadyCancelled(BookingError):
    pass


class CannotCancel(BookingError):
    pass


class RefundExceedsCaptured(BookingError):
    pass


class ReleaseExceedsAuthorized(BookingError):
    pass


class HoldNotLive(BookingError):
    pass


class AlreadyRated(BookingError):
    pass


class ProblemPending(BookingError):
    pass
