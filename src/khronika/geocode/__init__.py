"""Gazetteer and toponym recognition/resolution (Russian and English)."""

from __future__ import annotations

from khronika.geocode.gazetteer import Gazetteer

__all__ = ["Gazetteer"]
