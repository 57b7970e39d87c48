"""The timeline in chromium: quiet months between reports are drawn empty, on desktop and phone."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from playwright.sync_api import Browser

from khronika.model import Document
from tests.test_browser_review import _log_in, _shots
from tests.test_web_fixtures import LiveServer, Seeded, _claim

pytest_plugins = ["tests.test_web_fixtures"]
pytestmark = pytest.mark.browser


@pytest.mark.parametrize("seeded", ["sqlite"], indirect=True)
def test_timeline_shows_empty_months(
    browser: Browser, live: LiveServer, seeded: Seeded, tmp_path: Path
) -> None:
    # a summer report three months after the seeded March/April ones
    sentence = "В июле в Казани вручили повестки трём мужчинам."
    doc = Document(id="doc-jul", language="ru", text=sentence, published=date(2024, 7, 12))
    seeded.store.save_document(doc, [_claim(
        doc, 0, sentence, event_type="summons", count=("трём", 3), date_text="В июле",
        when=date(2024, 7, 10), place=("Казани", "Kazan", "73", 55.79, 49.12),
        trigger="вручили повестки",
    )])
    for name, viewport in (("timeline.png", (1360, 900)), ("timeline-phone.png", (390, 844))):
        context = browser.new_context(
            viewport={"width": viewport[0], "height": viewport[1]}, device_scale_factor=2
        )
        p = context.new_page()
        try:
            _log_in(p, live, "rita")
            p.goto(f"{live.url}/timeline")
            texts = p.locator("svg.timeline text").all_text_contents()
            months = [t for t in texts if len(t) == 7 and t[4] == "-"]
            assert months == ["2024-03", "2024-04", "2024-05", "2024-06", "2024-07"], texts
            assert p.locator("svg.timeline text.empty").all_text_contents() == ["none", "none"]
            width = p.evaluate("() => document.documentElement.scrollWidth")
            assert width <= viewport[0], width  # no sideways scrolling on a phone
            p.screenshot(path=str(_shots(tmp_path) / name), full_page=True)
        finally:
            context.close()
