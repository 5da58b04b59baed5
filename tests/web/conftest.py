"""Browser tests of the web app against a live server.

The server is started by the test script on a fresh SQLite file; these tests read where it is and
the administrator's password from the environment:

    CRM_TEST_URL              e.g. http://127.0.0.1:8140
    CRM_TEST_ADMIN_PASSWORD   the CRM_ADMIN_PASSWORD the server was started with
    CRM_TEST_CHROMIUM         optional; the Chromium binary (default /usr/bin/chromium)

Fixtures (departments, roles, positions, users) are made through the API; the pages under test are
driven with Playwright's sync API in Debian's headless Chromium (nothing is downloaded).
"""

from __future__ import annotations

import os
import pathlib
import secrets

import pytest
from playwright.sync_api import Page, sync_playwright

import org as org_module
from crm_api import Api

REPO = pathlib.Path(__file__).resolve().parents[2]
ARTIFACTS = REPO / "test-artifacts"


def pytest_configure(config):
    missing = [name for name in ("CRM_TEST_URL", "CRM_TEST_ADMIN_PASSWORD") if not os.environ.get(name)]
    if missing:
        pytest.exit(f"set {', '.join(missing)} (see tests/web/conftest.py)", returncode=2)


@pytest.fixture(scope="session")
def base_url() -> str:
    return os.environ["CRM_TEST_URL"].rstrip("/")


@pytest.fixture(scope="session")
def admin_password() -> str:
    return os.environ["CRM_TEST_ADMIN_PASSWORD"]


@pytest.fixture(scope="session")
def admin_api(base_url, admin_password) -> Api:
    return Api.login(base_url, "admin", admin_password)


@pytest.fixture(scope="session")
def org(admin_api) -> org_module.Org:
    return org_module.build(admin_api, secrets.token_hex(3))


@pytest.fixture(scope="session")
def api_as(base_url, org):
    """api_as('east1') signs in through the API as one of the organisation's users."""
    cache: dict[str, Api] = {}

    def sign_in(key: str) -> Api:
        if key not in cache:
            cache[key] = Api.login(base_url, org.username(key), org_module.PASSWORD)
        return cache[key]

    return sign_in


@pytest.fixture(scope="session")
def artifacts() -> pathlib.Path:
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS


@pytest.fixture(scope="session")
def browser():
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=os.environ.get("CRM_TEST_CHROMIUM", "/usr/bin/chromium"),
            args=["--no-sandbox", "--disable-dev-shm-usage"],
        )
        yield browser
        browser.close()


class PageProblems:
    """JavaScript errors, CSP violations and dialogs (alert(1)!) seen while a test ran."""

    def __init__(self, page: Page):
        self.errors: list[str] = []
        self.dialogs: list[str] = []
        page.on("pageerror", lambda error: self.errors.append(f"pageerror: {error}"))
        page.on("console", self._console)
        page.on("dialog", self._dialog)

    def _console(self, message):
        text = message.text
        if "Content Security Policy" in text or (message.type == "error" and "Failed to load resource" not in text):
            self.errors.append(f"console.{message.type}: {text}")

    def _dialog(self, dialog):
        self.dialogs.append(dialog.message)
        dialog.dismiss()


@pytest.fixture
def page(browser, base_url):
    context = browser.new_context(viewport={"width": 1280, "height": 800}, locale="zh-CN", base_url=base_url)
    context.set_default_timeout(10_000)
    page = context.new_page()
    problems = PageProblems(page)
    page.problems = problems
    yield page
    context.close()
    assert problems.errors == [], problems.errors
    assert problems.dialogs == [], f"the page opened dialogs: {problems.dialogs}"


def sign_in(page: Page, username: str, password: str) -> None:
    page.goto("/")
    page.fill("#username", username)
    page.fill("#password", password)
    page.click("#login-submit")
    page.wait_for_selector("#desktop")
    page.wait_for_selector(f'#whoami[data-username="{username}"]')


@pytest.fixture
def login(page, org, admin_password):
    """login('east1') or login('admin') in the test's page."""

    def as_user(key: str) -> Page:
        if key == "admin":
            sign_in(page, "admin", admin_password)
        else:
            sign_in(page, org.username(key), org_module.PASSWORD)
        return page

    return as_user
