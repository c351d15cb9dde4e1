"""A tiny Google Calendar v3 on loopback: the few endpoints the adapter calls, plus a token
endpoint for service-account key files. Real HTTP, so the real client library talks to it."""

from __future__ import annotations

import json
import re
import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, unquote, urlsplit

PREFIX = "/calendar/v3/calendars/primary/events"
MEET_LINK = "https://meet.google.com/abc-defg-hij"


@dataclass
class Seen:
    method: str
    path: str
    query: dict[str, str]
    body: Any
    headers: dict[str, str]


@dataclass
class FakeGoogle:
    events: dict[str, dict[str, Any]] = field(default_factory=dict)
    deleted: set[str] = field(default_factory=set)
    requests: list[Seen] = field(default_factory=list)
    failures: list[tuple[int, str]] = field(default_factory=list)  # served first, in order
    lock: threading.Lock = field(default_factory=threading.Lock)
    base: str = ""
    token_uri: str = ""

    def calls(self, method: str) -> list[Seen]:
        return [r for r in self.requests if r.method == method and r.path.startswith(PREFIX)]


def _error(code: int, reason: str, message: str = "") -> dict[str, Any]:
    return {"error": {"code": code, "message": message or reason,
                      "errors": [{"domain": "global", "reason": reason,
                                  "message": message or reason}]}}


def make_handler(state: FakeGoogle) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args: Any) -> None:
            pass

        def _reply(self, status: int, payload: Any = None) -> None:
            data = b"" if payload is None else json.dumps(payload).encode()
            self.send_response(status)
            if payload is not None:
                self.send_header("Content-Type", "application/json; charset=UTF-8")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def _handle(self) -> None:
            parts = urlsplit(self.path)
            length = int(self.headers.get("Content-Length") or 0)
            raw = self.rfile.read(length) if length else b""
            if parts.path == "/token":
                form = parse_qs(raw.decode())
                state.requests.append(Seen(self.command, parts.path, {}, form,
                                           dict(self.headers)))
                self._reply(200, {"access_token": "tok-123", "expires_in": 3600,
                                  "token_type": "Bearer"})
                return
            body = json.loads(raw) if raw else None
            query = {k: v[0] for k, v in parse_qs(parts.query).items()}
            with state.lock:
                state.requests.append(Seen(self.command, parts.path, query, body,
                                           dict(self.headers)))
                if state.failures:
                    status, reason = state.failures.pop(0)
                    self._reply(status, _error(status, reason))
                    return
                self._route(parts.path, body)

        def _route(self, path: str, body: Any) -> None:
            if not path.startswith(PREFIX):
                self._reply(404, _error(404, "notFound"))
                return
            event_id = unquote(path[len(PREFIX):].lstrip("/"))
            if self.command == "POST" and not event_id:
                if not re.fullmatch(r"[a-v0-9]{5,1024}", body.get("id", "")):
                    self._reply(400, _error(400, "invalid", "Invalid resource id value."))
                    return
                if body["id"] in state.events:
                    self._reply(409, _error(409, "duplicate",
                                            "The requested identifier already exists."))
                    return
                event = {**body, "status": "confirmed", "kind": "calendar#event"}
                create = body.get("conferenceData", {}).get("createRequest")
                if create:
                    event["conferenceData"] = {"createRequest": {
                        **create, "status": {"statusCode": "pending"}}}
                state.events[body["id"]] = event
                self._reply(200, event)
                return
            event = state.events.get(event_id)
            if event is None:
                self._reply(410 if event_id in state.deleted else 404,
                            _error(404, "notFound"))
                return
            if self.command == "GET":
                conference = event.get("conferenceData", {})
                if conference.get("createRequest", {}).get("status", {}).get(
                        "statusCode") == "pending":
                    # Meet finished creating the room between the insert and this poll.
                    conference["createRequest"]["status"]["statusCode"] = "success"
                    conference["entryPoints"] = [
                        {"entryPointType": "video", "uri": MEET_LINK, "label": MEET_LINK}]
                    event["hangoutLink"] = MEET_LINK
                self._reply(200, event)
            elif self.command == "PATCH":
                event.update(body)
                self._reply(200, event)
            elif self.command == "DELETE":
                del state.events[event_id]
                state.deleted.add(event_id)
                self._reply(204)
            else:
                self._reply(405, _error(405, "methodNotAllowed"))

        do_GET = do_POST = do_PATCH = do_DELETE = _handle

    return Handler


def serve() -> tuple[FakeGoogle, ThreadingHTTPServer]:
    state = FakeGoogle()
    server = ThreadingHTTPServer(("127.0.0.1", 0), make_handler(state))
    server.daemon_threads = True
    host, port = server.server_address[:2]
    state.base = f"http://{host}:{port}/calendar/v3/"
    state.token_uri = f"http://{host}:{port}/token"
    threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05},
                     daemon=True).start()
    return state, server
