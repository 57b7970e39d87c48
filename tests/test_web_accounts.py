"""The admin's account page (/admin/users): the web twin of ``khronika users`` — list, add,
role, password, delete — admin-only, CSRF-checked, with the store's rules (last admin kept,
weak passwords refused) said in words."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from fastapi import FastAPI
from playwright.sync_api import Page

from khronika.web.auth import verify_password
from tests.test_browser_review import _log_in, _shots, page  # noqa: F401
from tests.test_web_fixtures import BASE_URL, LiveServer, Seeded, TestClient, client_for

pytest_plugins = ["tests.test_web_fixtures"]

NEW_PASSWORD = "tin lantern orchard"


def test_only_admins_see_the_account_page(app: FastAPI, seeded: Seeded) -> None:
    for name in ("rita", "vic"):
        client, token = client_for(app, name)
        assert client.get("/admin/users").status_code == 403
        refused = client.post("/admin/users/vic/role", data={"role": "admin", "csrf_token": token})
        assert refused.status_code == 403
        assert "Accounts" not in client.get("/claims").text
    assert seeded.store.get_user("vic").role == "viewer"  # type: ignore[union-attr]
    admin, _ = client_for(app, "ada")
    html = admin.get("/admin/users").text
    assert 'href="/admin/users">Accounts</a>' in html
    for name in ("ada", "rita", "vic"):
        assert f'data-user="{name}"' in html
    assert "$argon2" not in html  # hashes never reach the page


def test_admin_changes_role_password_and_deletes(app: FastAPI, seeded: Seeded) -> None:
    admin, token = client_for(app, "ada")
    victim, _ = client_for(app, "rita")
    moved = admin.post("/admin/users/rita/role", data={"role": "viewer", "csrf_token": token},
                       follow_redirects=False)
    assert moved.status_code == 303
    assert moved.headers["location"] == "/admin/users?done=role&name=rita"
    page_after = admin.get(moved.headers["location"]).text
    assert '<p class="saved" role="status">rita is now viewer.</p>' in page_after
    assert seeded.store.get_user("rita").role == "viewer"  # type: ignore[union-attr]

    admin.post("/admin/users/rita/password", data={"password": NEW_PASSWORD, "csrf_token": token})
    stored = seeded.store.get_user("rita")
    assert stored is not None and verify_password(stored.password_hash, NEW_PASSWORD)
    assert victim.get("/claims", follow_redirects=False).status_code == 303  # session ended

    asked = admin.get("/admin/users/rita/delete")
    assert "Delete rita?" in asked.text and seeded.store.get_user("rita") is not None
    gone = admin.post("/admin/users/rita/delete", data={"csrf_token": token})
    assert "Deleted rita; their audit entries stay." in gone.text
    assert seeded.store.get_user("rita") is None


def test_refusals_are_said_in_words_and_keep_the_form(app: FastAPI, seeded: Seeded) -> None:
    admin, token = client_for(app, "ada")
    last = admin.post("/admin/users/ada/role", data={"role": "viewer", "csrf_token": token})
    assert last.status_code == 400
    assert "cannot make ada a viewer: it is the only admin" in last.text
    assert seeded.store.get_user("ada").role == "admin"  # type: ignore[union-attr]
    weak = admin.post("/admin/users", data={"username": "newbie", "role": "viewer",
                                            "password": "password", "csrf_token": token})
    assert weak.status_code == 400 and 'role="alert"' in weak.text
    assert 'value="newbie"' in weak.text  # the typed name stays
    assert re.search(r'<option value="viewer" selected>', weak.text)
    assert seeded.store.get_user("newbie") is None
    twice = admin.post("/admin/users", data={"username": "vic", "role": "viewer",
                                             "password": NEW_PASSWORD, "csrf_token": token})
    assert twice.status_code == 400 and "user vic already exists" in twice.text
    assert admin.post("/admin/users/nobody/password",
                      data={"password": NEW_PASSWORD, "csrf_token": token}).status_code == 400


def test_account_changes_need_the_csrf_token(app: FastAPI, seeded: Seeded) -> None:
    admin, _ = client_for(app, "ada")
    forged = admin.post("/admin/users/vic/role", data={"role": "admin"})
    assert forged.status_code == 403
    cross = TestClient(app, base_url=BASE_URL)
    anonymous = cross.post("/admin/users/vic/delete", follow_redirects=False)
    assert anonymous.status_code in (303, 401, 403)
    assert seeded.store.get_user("vic").role == "viewer"  # type: ignore[union-attr]


@pytest.mark.browser
@pytest.mark.parametrize("seeded", ["sqlite"], indirect=True)
def test_browser_admin_accounts(
    page: Page, live: LiveServer, seeded: Seeded, tmp_path: Path  # noqa: F811
) -> None:
    p = page
    _log_in(p, live, "ada")
    p.click("header nav >> text=Accounts")
    p.wait_for_url(f"{live.url}/admin/users")
    row = p.locator("tr[data-user=vic]")
    row.locator("select[name=role]").select_option("reviewer")
    row.locator("text=Change role").click()
    p.wait_for_url(re.compile(r"done=role"))
    assert p.locator("p.saved[role=status]").inner_text() == "vic is now reviewer."
    assert p.locator("tr[data-user=vic] select[name=role]").input_value() == "reviewer"
    p.reload()  # a reload repeats nothing, the page still says what was done
    assert seeded.store.get_user("vic").role == "reviewer"  # type: ignore[union-attr]

    p.fill("form.add-user input[name=username]", "nadia")
    p.select_option("form.add-user select[name=role]", "viewer")
    p.fill("form.add-user input[name=password]", NEW_PASSWORD)
    p.click("text=Add account")
    p.wait_for_url(re.compile(r"done=added"))
    assert p.locator("tr[data-user=nadia]").count() == 1
    p.screenshot(path=str(_shots(tmp_path) / "accounts.png"), full_page=False)

    p.locator("tr[data-user=nadia] a.delete").click()
    p.wait_for_url(re.compile(r"/admin/users/nadia/delete$"))
    p.click("button:has-text('Delete nadia')")
    p.wait_for_url(re.compile(r"done=deleted"))
    assert p.locator("tr[data-user=nadia]").count() == 0
    assert seeded.store.get_user("nadia") is None

    # the admin's own password, through the form linked from the page header
    p.click("a.who")
    p.fill("input[name=current]", "correct horse battery")
    p.fill("input[name=new]", NEW_PASSWORD)
    p.fill("input[name=repeat]", NEW_PASSWORD)
    p.click("button:has-text('Change password')")
    assert "Password changed" in p.locator("p.saved[role=status]").inner_text()
    assert p.console_errors == [], p.console_errors  # type: ignore[attr-defined]
