"""Accounts: registration, verification, sessions, roles, invitations."""
