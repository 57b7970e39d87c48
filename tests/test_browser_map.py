"""The map in chromium: clusters split on zoom, filters re-query, legend, review states."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page

from tests.test_browser_review import _log_in, _shots, page
from tests.test_web_fixtures import LiveServer, Seeded

pytest_plugins = ["tests.test_web_fixtures"]
pytestmark = pytest.mark.browser
__all__ = ["page"]

NSK = (55.04, 82.93)


def _loaded(p: Page) -> int:
    # polled with evaluate: wait_for_function needs eval, which the page's CSP forbids
    for _ in range(150):
        done = p.evaluate(
            "() => { const m = document.getElementById('map');"
            " return m.dataset.claimCount !== undefined && m.dataset.loading === undefined; }"
        )
        if done:
            return int(p.locator("#map").get_attribute("data-claim-count") or "-1")
        p.wait_for_timeout(100)
    raise AssertionError(p.locator("#map-status").inner_text())


def _view(p: Page, zoom: int) -> None:
    p.evaluate(
        "([lat, lon, z]) => document.getElementById('map').khronikaMap.setView([lat, lon], z,"
        " {animate: false})", [NSK[0], NSK[1], zoom],
    )
    p.wait_for_timeout(400)  # markercluster redraws after the zoom's moveend


def _cluster_counts(p: Page) -> list[int]:
    return [int(t) for t in p.locator(".claim-cluster span").all_inner_texts()]


@pytest.mark.parametrize("seeded", ["sqlite"], indirect=True)
def test_map_clusters_filters_legend_states(
    page: Page, live: LiveServer, seeded: Seeded, tmp_path: Path
) -> None:
    store = seeded.store
    store.save_review(seeded.ids["ru_raid"], "rita", {"review_state": "accepted"}, 1)
    store.save_review(seeded.ids["en_raid"], "rita", {"review_state": "rejected"}, 1)
    store.save_review(seeded.ids["ru_detention"], "rita", {"certainty": "unconfirmed"}, 1)
    p = page
    p.on("pageerror", lambda e: p.console_errors.append(str(e)))  # type: ignore[attr-defined]
    _log_in(p, live, "rita")
    p.goto(f"{live.url}/map")
    total = _loaded(p)
    assert total >= 20  # three Novosibirsk claims and the Moscow market claims
    p.screenshot(path=str(_shots(tmp_path) / "map.png"), full_page=True)

    # overlapping points gather into numbered discs; zooming in splits them
    _view(p, 4)
    assert 3 in _cluster_counts(p)  # the three Novosibirsk claims, a few hundred metres apart
    assert p.locator("path.claim-marker").count() == 0
    _view(p, 17)
    assert 3 not in _cluster_counts(p)
    assert p.locator("path.claim-marker").count() >= 1  # the English report stands apart
    # the two claims at the very same point stay one disc; clicking it fans them out
    p.locator(".claim-cluster", has_text=re.compile(r"^2$")).click()
    p.wait_for_timeout(600)
    states = {
        cls.split("state-")[1].split()[0]
        for cls in p.locator("path.claim-marker").evaluate_all(
            "els => els.map(e => e.getAttribute('class'))"
        )
    }
    assert states == {"accepted", "edited", "rejected"}
    # states differ in more than colour: line style and fill
    looks = p.locator("path.claim-marker").evaluate_all(
        "els => els.map(e => [e.getAttribute('class'), e.getAttribute('stroke-dasharray'),"
        " e.getAttribute('stroke-width'), e.getAttribute('fill-opacity')].join('|'))"
    )
    assert len({look.split("|", 1)[1] for look in looks}) == 3, looks

    # hovering names the place, type, count and date
    p.locator("path.claim-marker.state-edited").hover(force=True)
    tip = p.locator(".leaflet-tooltip")
    tip.wait_for()
    text = tip.inner_text()
    for part in ("Novosibirsk", "Detention", "40 people", "2024-03-15"):
        assert part in text, text
    p.locator("path.claim-marker.state-edited").click(force=True)
    link = p.locator(".leaflet-popup-content a")
    link.wait_for()
    assert link.get_attribute("href") == "/claims/c%3Adoc-ru%3A1"

    # the legend explains every state with its marker style
    legend = p.locator("#map-legend")
    for state in ("unreviewed", "accepted", "edited", "rejected"):
        assert legend.locator(f".marker-key.{state}").count() == 1
        assert state in legend.inner_text()
    assert "zoom in" in legend.inner_text()

    # filters re-query the API and the address keeps them
    p.check("input[name=event_type][value=raid]")
    assert _loaded(p) == 2
    assert "event_type=raid" in p.url
    p.check("input[name=review_state][value=rejected]")
    assert _loaded(p) == 1
    p.uncheck("input[name=event_type][value=raid]")
    p.uncheck("input[name=review_state][value=rejected]")
    p.check("input[name=review_state][value=unreviewed]")
    assert _loaded(p) == total - 3
    p.fill("input[name=date_from]", "2024-03-16")
    p.fill("input[name=date_to]", "2024-03-31")
    p.locator("#map-filters button[type=submit]").click()
    assert _loaded(p) == 0  # the only unreviewed claims are the Moscow ones, dated 1 April
    p.fill("input[name=date_to]", "2024-04-30")
    p.locator("#map-filters button[type=submit]").click()
    assert _loaded(p) == total - 3
    # a shared address restores the selection without JavaScript's help
    p.goto(f"{live.url}/map?event_type=raid&review_state=accepted")
    assert _loaded(p) == 1
    assert p.locator("input[name=event_type][value=raid]").is_checked()
    assert p.console_errors == [], p.console_errors  # type: ignore[attr-defined]


@pytest.mark.parametrize("seeded", ["sqlite"], indirect=True)
def test_map_phone_width(
    browser: Browser, live: LiveServer, seeded: Seeded, tmp_path: Path
) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 844}, device_scale_factor=2)
    p = context.new_page()
    try:
        _log_in(p, live, "rita")
        p.goto(f"{live.url}/map")
        _loaded(p)
        width = p.evaluate("() => document.documentElement.scrollWidth")
        assert width <= 390, width  # no sideways scrolling
        assert p.locator(".claim-cluster").count() >= 1
        p.screenshot(path=str(_shots(tmp_path) / "map-phone.png"), full_page=True)
    finally:
        context.close()
