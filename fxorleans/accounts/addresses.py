"""Which address a request really comes from, behind a known number of reverse proxies.

Each trusted proxy appends the address it received the connection from to X-Forwarded-For,
so with N trusted proxies the client is the N-th entry from the right of the list the header
and the connection's own peer form together. Anything further left was written by the client
and is not believed. With no trusted proxy the header is ignored entirely.
"""

from __future__ import annotations

UNKNOWN = "unknown"


def client_address(peer: str | None, forwarded_for: str | None, trusted_proxies: int) -> str:
    """The client's address: the peer, or the entry `trusted_proxies` hops to its left."""
    peer = (peer or "").strip() or UNKNOWN
    if trusted_proxies <= 0:
        return peer
    hops = [part.strip() for part in (forwarded_for or "").split(",")]
    chain = [hop for hop in hops if hop] + [peer]
    # Never trust more hops than are present: a short chain yields its leftmost entry.
    index = max(len(chain) - 1 - trusted_proxies, 0)
    return chain[index][:64]
