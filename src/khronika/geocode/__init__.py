"""Gazetteer and toponym recognition/resolution (Russian and English)."""

from __future__ import annotations

from khronika.geocode.building import load_gazetteer, region_names
from khronika.geocode.gazetteer import Gazetteer
from khronika.geocode.geonames import import_geonames
from khronika.geocode.toponyms import Geocoder

__all__ = ["Gazetteer", "Geocoder", "import_geonames", "load_gazetteer", "region_names"]
