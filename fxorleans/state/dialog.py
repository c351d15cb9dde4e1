"""One confirmation dialog at a time on a list page: which action, on which booking, and its
progress. Shared by the client's bookings and the partner's dashboard."""

from __future__ import annotations

import reflex as rx


class ActionDialog(rx.State, mixin=True):
    action: str = ""
    target_id: str = ""
    target_label: str = ""
    busy: bool = False
    error: str = ""
    notice: str = ""

    def _close(self) -> None:
        if not self.busy:  # a running call finishes before its dialog goes
            self.action, self.target_id, self.error = "", "", ""

    @rx.event
    def dialog_changed(self, open_: bool) -> None:
        if not open_:
            self._close()

    @rx.event
    def close_dialog(self) -> None:
        self._close()
