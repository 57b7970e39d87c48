"""The claim and document pages (issue 21): refused dates said in words with what was typed
kept, private people's names hidden from everyone but an admin who asks, and an edit that
never writes the hidden placeholder back into the store. Sentences written for these tests."""

from __future__ import annotations

import html as html_text
import re
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from fastapi import FastAPI
from playwright.sync_api import Page

from khronika.export.redact import PLACEHOLDER
from khronika.model import Document
from khronika.store.base import Store
from tests.test_browser_review import _log_in, _shots, page  # noqa: F401
from tests.test_web_fixtures import LiveServer, Seeded, _claim, client_for
from tests.test_web_security import _edit_form

pytest_plugins = ["tests.test_web_fixtures"]

TEXT = (
    "Lawyer Dmitry Vlasov said that police detained 25 migrants at a Samara market on May 2. "
    "The men were driven to the enlistment office afterwards, he added."
)
SENTENCE = TEXT[: TEXT.index(" The men")]
CLAIM_ID = "c:doc-lawyer:0"


def _store_lawyer(store: Store) -> None:
    doc = Document("doc-lawyer", TEXT, "en", outlet="Volga Wire", published=date(2024, 5, 3),
                   url="https://volga.example/samara-market",
                   title="Dmitry Vlasov: migrants held at a Samara market")
    claim = _claim(doc, 0, SENTENCE, event_type="detention", count=("25", 25),
                   date_text="May 2", when=date(2024, 5, 2),
                   place=("Samara", "Samara", "65", 53.2, 50.15), trigger="detained",
                   incident_id="inc-lawyer")
    store.save_document(doc, [replace(claim, attribution=("lawyer Dmitry Vlasov",))])


def _refused(html: str) -> str:
    found = re.search(r'<p class="error" role="alert" id="form-error">([^<]*)</p>', html)
    assert found, "no refusal on the page"
    return html_text.unescape(found.group(1))


@pytest.mark.parametrize("seeded", ["sqlite"], indirect=True)
def test_refused_dates_are_said_in_words_and_typed_values_stay(
    app: FastAPI, seeded: Seeded
) -> None:
    client, token = client_for(app, "rita")
    form = _edit_form(client.get("/claims/c:doc-ru:1").text, token)
    for start, end, said, field in (
        ("2024-03-20", "2024-03-01", "Date: the start is after the end", "date_start"),
        ("2024-02-30", "", "Date, start: '2024-02-30' is not a date", "date_start"),
        ("2024-03-01", "soon", "Date, end: 'soon' is not a date", "date_end"),
    ):
        answer = client.post("/claims/c:doc-ru:1/review",
                             data={**form, "date_start": start, "date_end": end,
                                   "count_min": "41", "count_max": "41"})
        assert answer.status_code == 422
        message = _refused(answer.text)
        assert said in message, message
        for raw in ("K301", "ValueError", "isoformat", "date_start", "date_end"):
            assert raw not in message
        typed = start if field == "date_start" else end
        assert re.search(f'name="{field}" aria-invalid="true"[^>]* value="{typed}"', answer.text)
        assert 'name="count_min" inputmode="numeric" size="6" value="41"' in answer.text
    review = seeded.store.get_review("c:doc-ru:1")
    assert review is not None and review.version == 1  # nothing was saved


@pytest.mark.parametrize("seeded", ["sqlite"], indirect=True)
def test_pages_hide_private_names_unless_an_admin_asks(app: FastAPI, seeded: Seeded) -> None:
    _store_lawyer(seeded.store)
    for name in ("vic", "rita", "ada"):
        client, _ = client_for(app, name)
        for path in (f"/claims/{CLAIM_ID}", "/documents/doc-lawyer",
                     "/claims?doc_id=doc-lawyer", "/incidents/inc-lawyer"):
            html = client.get(path).text
            assert "Vlasov" not in html and "Dmitry" not in html, (name, path)
            assert PLACEHOLDER in html
            assert "Samara" in html  # places stay
        asked = client.get(f"/claims/{CLAIM_ID}", params={"include_names": "1"})
        if name == "ada":
            assert "lawyer Dmitry Vlasov" in asked.text
            assert "names of private people shown" in asked.text
        else:
            assert asked.status_code == 403


@pytest.mark.parametrize("seeded", ["sqlite"], indirect=True)
def test_an_edit_never_stores_the_placeholder(app: FastAPI, seeded: Seeded) -> None:
    _store_lawyer(seeded.store)
    client, token = client_for(app, "rita")
    page_html = client.get(f"/claims/{CLAIM_ID}").text
    # _edit_form reads every tick box as checked: the stored ones are given here
    form = {**_edit_form(page_html, token), "actors": "police", "targets": "migrants"}
    assert form["attribution"] == f"lawyer {PLACEHOLDER}"  # what the reviewer sees
    saved = client.post(f"/claims/{CLAIM_ID}/review",
                        data={**form, "count_min": "30", "count_max": "30"},
                        follow_redirects=False)
    assert saved.status_code == 303
    stored = seeded.store.get_claim(CLAIM_ID)
    assert stored is not None and stored.attribution == ("lawyer Dmitry Vlasov",)
    assert stored.count is not None and stored.count.min == 30
    assert [e.field for e in seeded.store.audit_log(CLAIM_ID)] == ["count", "review_state"]
    # a credit the reviewer did retype is theirs to change
    form = {**_edit_form(client.get(f"/claims/{CLAIM_ID}").text, token),
            "actors": "police", "targets": "migrants"}
    client.post(f"/claims/{CLAIM_ID}/review", data={**form, "attribution": "Volga Wire"})
    stored = seeded.store.get_claim(CLAIM_ID)
    assert stored is not None and stored.attribution == ("Volga Wire",)


@pytest.mark.browser
@pytest.mark.parametrize("seeded", ["sqlite"], indirect=True)
def test_browser_claim_and_document_pages(
    page: Page, live: LiveServer, seeded: Seeded, tmp_path: Path  # noqa: F811
) -> None:
    """The document with its claim marked, outlet and link; the claim page with the region's
    name, names hidden, a refused date marked on its field; then a saved edit and its audit."""
    _store_lawyer(seeded.store)
    p = page
    _log_in(p, live, "rita")
    p.goto(f"{live.url}/documents/doc-lawyer")
    assert p.locator("h1").inner_text() == f"{PLACEHOLDER}: migrants held at a Samara market"
    mark = p.locator("pre.doc-text mark.m-claim")
    assert mark.count() == 1
    assert mark.inner_text().startswith(f"Lawyer {PLACEHOLDER} said that police detained 25")
    assert p.locator(".meta .outlet").inner_text() == "Volga Wire"
    link = p.locator(".meta a.url")
    assert link.get_attribute("href") == "https://volga.example/samara-market"
    assert "Vlasov" not in p.content()
    p.screenshot(path=str(_shots(tmp_path) / "document-names-hidden.png"), full_page=False)

    p.locator("a.claim-ref").click()
    p.wait_for_url(re.compile(r"/claims/c(:|%3A)doc-lawyer"))
    assert "Samara Oblast" in p.locator("dl.fields").inner_text()  # admin1 65, by name
    assert p.locator("select[name=loc_admin1] option:checked").inner_text() == "Samara Oblast"
    assert p.locator("h1").inner_text().startswith("Detention")
    p.fill("input[name=date_end]", "2024-04-30")  # before the start, 2 May
    p.fill("input[name=count_min]", "30")
    p.click("text=Save changes")
    p.wait_for_load_state()
    assert "Date: the start is after the end" in p.locator("p.error[role=alert]").inner_text()
    assert p.locator("input[name=date_start]").get_attribute("aria-invalid") == "true"
    assert p.input_value("input[name=date_end]") == "2024-04-30"
    assert p.input_value("input[name=count_min]") == "30"
    p.fill("input[name=date_end]", "2024-05-02")
    p.fill("input[name=count_max]", "30")
    p.select_option("select[name=count_qualifier]", "at_least")
    p.click("text=Save changes")
    p.wait_for_load_state()
    assert p.locator("p.saved[role=status]").inner_text() == "Saved: this is version 2."
    audit = p.locator("table.audit").inner_text()
    assert "Count\t25 → at least 30" in audit
    assert "Review state\tunreviewed → edited" in audit
    assert "Vlasov" not in p.content()
    errors = p.console_errors  # type: ignore[attr-defined]
    assert [e for e in errors if "422" not in e] == [], errors


@pytest.mark.parametrize("seeded", ["sqlite"], indirect=True)
def test_queue_region_filter_names_regions(app: FastAPI, seeded: Seeded) -> None:
    client, _ = client_for(app, "vic")
    html = client.get("/claims").text
    assert '<option value="53" >Novosibirsk Oblast, RU</option>' in html
    assert '<option value="48" >Moscow, RU</option>' in html
