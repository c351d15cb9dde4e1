"""A cap on request bodies, enforced before the application reads a byte of them."""

from __future__ import annotations

from collections.abc import Sequence

from starlette.types import ASGIApp, Message, Receive, Scope, Send

MAX_BODY_BYTES = 1024 * 1024


async def _refuse(send: Send, status: int, text: str) -> None:
    body = text.encode()
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", b"text/plain; charset=utf-8"),
                            (b"content-length", str(len(body)).encode()),
                            (b"connection", b"close")]})
    await send({"type": "http.response.body", "body": body})


class BodyLimit:
    """413 for bodies above `max_bytes` on paths under `prefixes`.

    A declared Content-Length above the cap is refused at once; a body without one (chunked) is
    counted as it arrives and refused as soon as it passes the cap. The application sees the
    body only once it is known to fit.
    """

    def __init__(self, app: ASGIApp, *, max_bytes: int = MAX_BODY_BYTES,
                 prefixes: Sequence[str] = ("/",)) -> None:
        self.app = app
        self.max_bytes = max_bytes
        self.prefixes = tuple(prefixes)

    def _applies(self, scope: Scope) -> bool:
        return scope["type"] == "http" and scope["path"].startswith(self.prefixes)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if not self._applies(scope):
            await self.app(scope, receive, send)
            return
        declared = dict(scope.get("headers", [])).get(b"content-length")
        if declared is not None:
            if not declared.strip().isdigit():
                await _refuse(send, 400, "invalid Content-Length\n")
                return
            if int(declared) > self.max_bytes:
                await _refuse(send, 413, f"request body above {self.max_bytes} bytes\n")
                return
        chunks: list[bytes] = []
        size = 0
        while True:
            message = await receive()
            if message["type"] == "http.disconnect":
                return
            chunk = message.get("body", b"")
            size += len(chunk)
            if size > self.max_bytes:
                await _refuse(send, 413, f"request body above {self.max_bytes} bytes\n")
                return
            chunks.append(chunk)
            if not message.get("more_body", False):
                break
        replayed = False

        async def replay() -> Message:
            nonlocal replayed
            if replayed:
                return await receive()
            replayed = True
            return {"type": "http.request", "body": b"".join(chunks), "more_body": False}

        await self.app(scope, replay, send)
