"""Real-browser flows: Playwright driving Debian's chromium against a uvicorn server on loopback.

``scripts/browser`` installs chromium; ``playwright install`` is never run (it downloads its
own browser build). Set ``KHRONIKA_SCREENSHOTS=DIR`` to keep the screenshots.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page

from tests.test_web_fixtures import PASSWORD, LiveServer, Seeded

pytest_plugins = ["tests.test_web_fixtures"]
pytestmark = pytest.mark.browser


@pytest.fixture
def page(browser: Browser, live: LiveServer) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1360, "height": 900})
    opened = context.new_page()
    dialogs: list[str] = []
    errors: list[str] = []
    opened.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    opened.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    opened.dialogs = dialogs  # type: ignore[attr-defined]
    opened.console_errors = errors  # type: ignore[attr-defined]
    opened.set_default_timeout(15_000)
    yield opened
    context.close()


def _shots(tmp_path: Path) -> Path:
    folder = Path(os.environ.get("KHRONIKA_SCREENSHOTS", tmp_path))
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def _log_in(page: Page, live: LiveServer, username: str) -> None:
    page.goto(f"{live.url}/claims")
    assert "/login" in page.url
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(f"{live.url}/claims")


@pytest.mark.parametrize("seeded", ["sqlite"], indirect=True)
def test_browser_review_edit_audit_and_map(
    page: Page, live: LiveServer, seeded: Seeded, tmp_path: Path
) -> None:
    p = page
    _log_in(p, live, "rita")
    shots = _shots(tmp_path)
    # the queue marks the extracted values inside the evidence sentence
    row = p.locator("tr", has_text="задержали сорок мигрантов")
    assert row.locator("mark.m-count").inner_text() == "сорок"
    assert row.locator("mark.m-trigger").inner_text() == "задержали"
    assert row.locator("mark.m-date").inner_text() == "15 марта"
    p.screenshot(path=str(shots / "review-queue.png"), full_page=False)

    row.locator("a.claim-link").click()
    p.wait_for_url(re.compile(r"/claims/c(:|%3A)doc-ru(:|%3A)1$"))
    p.fill("input[name=count_min]", "45")
    p.fill("input[name=count_max]", "45")
    p.select_option("select[name=count_qualifier]", "at_least")
    p.click("text=Save changes")
    p.wait_for_load_state()
    # a saved edit says so, and the audit log tells the change in words
    assert p.locator("p.saved[role=status]").inner_text() == "Saved: this is version 2."
    audit = p.locator("table.audit").inner_text()
    assert "rita" in audit and "Count\t40 → at least 45" in audit
    assert "Review state\tunreviewed → edited" in audit
    assert "edited" in p.locator("h1 .badge").inner_text()
    p.screenshot(path=str(shots / "review-claim.png"), full_page=True)
    stored = seeded.store.get_claim("c:doc-ru:1")
    assert stored is not None and stored.count is not None and stored.count.min == 45

    p.goto(f"{live.url}/map")
    p.wait_for_selector("#map[data-claim-count]", state="attached")
    # Novosibirsk and the Moscow market claims have coordinates
    assert int(p.locator("#map").get_attribute("data-claim-count") or "0") >= 20
    boundaries = p.locator(".leaflet-overlay-pane path:not(.claim-marker)")
    for _ in range(100):  # the boundaries arrive in their own request
        if boundaries.count() > 100:
            break
        p.wait_for_timeout(100)
    assert boundaries.count() > 100  # the bundled country outlines, drawn with no tile server
    # the Novosibirsk detention is on the map; its popup links to the claim
    p.wait_for_timeout(500)  # let the opening fitBounds settle
    p.evaluate(
        "() => document.getElementById('map').khronikaMap"
        ".setView([55.04, 82.93], 17, {animate: false})"
    )
    p.wait_for_timeout(500)
    p.locator(".claim-cluster", has_text=re.compile(r"^2$")).click()  # a shared point
    p.wait_for_timeout(600)
    p.locator("path.claim-marker.state-edited").click(force=True)
    popup = p.locator(".leaflet-popup-content")
    popup.wait_for()
    assert "Novosibirsk" in popup.inner_text()
    assert p.console_errors == [], p.console_errors  # type: ignore[attr-defined]


@pytest.mark.parametrize("seeded", ["sqlite"], indirect=True)
def test_browser_hostile_document_renders_as_text(
    page: Page, live: LiveServer, seeded: Seeded
) -> None:
    p = page
    _log_in(p, live, "vic")
    for path in (f"/documents/{seeded.ids['xss_doc']}", f"/claims/{seeded.ids['xss_claim']}",
                 "/claims", "/map"):
        p.goto(f"{live.url}{path}")
        p.wait_for_load_state("networkidle")
    p.goto(f"{live.url}/documents/{seeded.ids['xss_doc']}")
    text = p.locator("pre.doc-text").inner_text()
    assert "<script>alert(1)</script>" in text
    assert "<img src=x onerror=alert(1)>" in text
    assert p.locator("main script").count() == 0
    assert p.locator("main img").count() == 0
    assert p.locator("h1").inner_text() == "<script>alert(1)</script>"  # the title, as text
    assert p.dialogs == []  # type: ignore[attr-defined]


def test_browser_claim_page_words_choices_and_kept_input(
    page: Page, live: LiveServer, seeded: Seeded, tmp_path: Path
) -> None:
    """Region names instead of codes, the codebook's actors and targets as boxes to tick, a
    refused edit that keeps what was typed and names the field in words."""
    p = page
    _log_in(p, live, "rita")
    p.goto(f"{live.url}/claims/c:doc-ru:1")
    # the document around the sentence: the raid told just before it
    quote = p.locator("blockquote.sentence")
    assert quote.locator(".context").first.inner_text().startswith("Вчера в Новосибирске")
    assert quote.locator(".evidence mark.m-count").inner_text() == "сорок"
    region = p.locator("select[name=loc_admin1] option:checked").inner_text()
    assert region == "Novosibirsk Oblast"  # the stored code is 53
    assert "Novosibirsk Oblast" in p.locator("dl.fields").inner_text()
    police = p.locator("fieldset.choices input[name=actors][value=police]")
    assert police.count() == 1
    assert p.locator("fieldset.choices input[name=targets]").count() >= 4
    # tick a second actor and type an impossible count: nothing is saved, the form keeps both
    p.locator("fieldset.choices input[name=actors][value=military_commissariat]").check()
    p.fill("input[name=count_min]", "90")
    p.fill("input[name=count_max]", "12")
    p.fill("input[name=attribution]", "Сибирь.Реалии")
    p.click("text=Save changes")
    p.wait_for_load_state()
    error = p.locator("p.error[role=alert]").inner_text()
    assert "Count: the lowest figure is larger than the highest" in error
    assert "count_min" not in error
    assert p.input_value("input[name=count_min]") == "90"
    assert p.input_value("input[name=count_max]") == "12"
    assert p.input_value("input[name=attribution]") == "Сибирь.Реалии"
    assert p.locator("input[name=actors][value=military_commissariat]").is_checked()
    p.screenshot(path=str(_shots(tmp_path) / "review-claim-refused.png"), full_page=True)
    stored = seeded.store.get_review("c:doc-ru:1")
    assert stored is not None and stored.version == 1
    # correct it: saved, the actors change is in the audit log in words
    p.fill("input[name=count_max]", "95")
    p.click("text=Save changes")
    p.wait_for_load_state()
    assert p.locator("p.saved[role=status]").is_visible()
    audit = p.locator("table.audit").inner_text()
    assert "Actors\tpolice → police, military commissariat" in audit
    # the refused form came back with 422, which the browser logs; nothing else may fail
    errors = p.console_errors  # type: ignore[attr-defined]
    assert [e for e in errors if "422" not in e] == [], errors
