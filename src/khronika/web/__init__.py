"""The team server: review UI, HTTP API and login (``create_app(settings, store)``)."""

from khronika.web.app import create_app
from khronika.web.settings import WebSettings

__all__ = ["WebSettings", "create_app"]
