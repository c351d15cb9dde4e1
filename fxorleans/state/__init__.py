"""Reflex state: validate input, check the caller's role, call one use case, copy DTOs."""
