"""Reflex configuration: everything comes from the environment (see README.md)."""

import socket

import reflex as rx

from fxorleans import config, safety
from fxorleans.http_headers import allowed_origins

safety.require_safe("the app")  # in production, any unsafe setting stops it here
_settings = config.get()

config = rx.Config(
    app_name="fxorleans",
    db_url=_settings.database_url,
    redis_url=_settings.redis_url or None,
    show_built_with_reflex=False,
    cors_allowed_origins=allowed_origins(_settings, socket.gethostname()),
    telemetry_enabled=False,
    frontend_port=3000,
    backend_port=3000,
    plugins=[
        rx.plugins.RadixThemesPlugin(theme=rx.theme(
            appearance="light", accent_color="indigo", gray_color="slate", radius="medium")),
    ],
    disable_plugins=[rx.plugins.SitemapPlugin],
)
