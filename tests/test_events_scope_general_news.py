"""English pages set outside Russia and its migrants' home countries give no claim, however
many trigger words they use; a page naming a Russian town or region keeps its claims.
Texts written for this test."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from khronika.model import Document
from khronika.pipeline import process_document


def _doc(text: str) -> Document:
    return Document(id="t", text=text, language="en", published=date(2025, 3, 10))


@pytest.mark.parametrize(
    "text",
    [
        # deportations from elsewhere
        "About 120 Nepalese nationals were deported from Texas on Monday after their asylum "
        "claims failed, and most said they had spent their savings on the journey.",
        # a transit city in Russia does not set a story told from elsewhere there
        "Forty Nepalese men who had flown to Mexico via Moscow were deported from Arizona to "
        "Kathmandu on Tuesday, officials in Nepal said.",
        # a sport contract and a company deal
        "The striker signed a two-year contract with the club and was sent to the reserve "
        "team; migrants from the city's academy cheered at the stadium gate.",
        "Staff were told to sign the new contract by Friday or the firm would treat their "
        "silence as resignation, a union representing foreign workers said.",
    ],
)
def test_scope_pages_set_elsewhere_give_no_claim(resources: Any, text: str) -> None:
    assert process_document(_doc(text), resources=resources) == []


@pytest.mark.parametrize(
    "text",
    [
        "Police in Voronezh detained 35 migrants at a vegetable market on Saturday.",
        "Officers searched a hostel for foreign workers in the Tula region and detained 12 men.",
    ],
)
def test_scope_a_russian_place_anchors_the_page(resources: Any, text: str) -> None:
    claims = process_document(_doc(text), resources=resources)
    assert "detention" in {c.event_type for c in claims}
