"""Browser tests: Playwright for Python driving Debian's Chromium against the live test server.

They skip, saying why, where /usr/bin/chromium is missing (``make chromium`` installs
it as root). Never ``playwright install``: the browser is the system's. They run on
SQLite only; the page tests under tests/web cover both databases.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from argon2 import PasswordHasher

import routing.accounts.auth as auth
from routing.core import db
from routing.demo.network import ACCOUNTS

# the demo's people and the client door as `make run` has them
PASSWORDS = {a.email: a.password for a in ACCOUNTS}
DESK = "desk@kerava.example.fi"
DOOR = {"CLIENT_DOOR_ORG": "Opin ovi Uusimaa", "CLIENT_DOOR_RING": "Uudenmaan opinto-ohjausrengas"}

CHROMIUM = Path("/usr/bin/chromium")
SCREENSHOTS = Path(__file__).parent / "screenshots"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"]


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    here = Path(__file__).parent
    for item in items:
        if here in Path(str(item.fspath)).parents:
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def _demo_template(tmp_path_factory: pytest.TempPathFactory, _sqlite_template: Path) -> Path:
    """A migrated SQLite database with the demo network, made once (hashing the demo passwords is slow)."""
    from routing.demo.load import load_demo

    path = tmp_path_factory.mktemp("demo") / "eteinen.db"
    shutil.copy(_sqlite_template, path)
    engine = db.make_engine(f"sqlite:///{path}")
    with pytest.MonkeyPatch.context() as patch, db.transaction(bind=engine) as s:
        # cheap hashes: each of the many logins verifies in a moment (hashing is tested elsewhere)
        patch.setattr(auth, "_hasher", PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1))
        load_demo(s, history=False)  # the cases each test makes are the only ones; tests add the history themselves
    engine.dispose()
    return path


@pytest.fixture
def database_url(tmp_path: Path, _demo_template: Path) -> str:
    """Each browser test gets its own copy of the demo database."""
    path = tmp_path / "eteinen.db"
    shutil.copy(_demo_template, path)
    return f"sqlite:///{path}"


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    if not CHROMIUM.exists():
        pytest.skip("no /usr/bin/chromium: install Debian's chromium (`make chromium` as root) for the browser tests")
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is missing (pip install -e '.[test]')")
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=ARGS)
        yield browser
        browser.close()


@pytest.fixture
def demo(live_server) -> Any:
    """The live server over a copy of the demo network; ``.url`` is its address."""
    return live_server


@pytest.fixture
def new_page(browser) -> Iterator[Any]:
    """Pages in fresh browser contexts (separate cookies: separate people), Finnish by default."""
    contexts = []

    def make(locale: str = "fi-FI", width: int = 1200, height: int = 860) -> Any:
        context = browser.new_context(locale=locale, viewport={"width": width, "height": height})
        context.set_default_timeout(10_000)
        contexts.append(context)
        return context.new_page()

    yield make
    for context in contexts:
        context.close()


def shot(page: Any, name: str, full_page: bool = False) -> Path:
    """A screenshot into tests/browser/screenshots (git-ignored); a window's worth is cut below the content."""
    SCREENSHOTS.mkdir(exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    if full_page:
        page.screenshot(path=str(path), full_page=True)
    else:
        size = page.viewport_size
        bottom = page.evaluate("Math.ceil(document.querySelector('main').getBoundingClientRect().bottom)")
        height = max(200, min(size["height"], bottom))
        page.screenshot(path=str(path), clip={"x": 0, "y": 0, "width": size["width"], "height": height})
    return path


def log_in(page: Any, base: str, email: str, password: str, lang: str | None = None) -> None:
    page.goto(f"{base}/login" + (f"?lang={lang}" if lang else ""))
    page.fill("#email", email)
    page.fill("#password", password)
    page.click("form.card button[type=submit]")
    page.wait_for_url(lambda url: "/login" not in url)


# the desk's suggestions once the latest answer is in (the script marks them busy until then)
SUGGESTIONS = "#suggestions:not([aria-busy]) .suggestion"


def ask(page: Any, question: str, delay: float = 2) -> None:
    """Type the question into the desk as a person would, and wait for the suggestions that follow it."""
    page.click("#question")
    page.keyboard.type(question, delay=delay)
    page.wait_for_selector(SUGGESTIONS)


_UNLABELLED = """
() => Array.from(document.querySelectorAll('input, select, textarea'))
  .filter(el => el.type !== 'hidden' && el.offsetParent !== null)
  .filter(el => el.labels.length === 0 && !el.getAttribute('aria-label') && !el.getAttribute('aria-labelledby'))
  .map(el => el.name || el.id)
"""


_DUPLICATE_IDS = """
() => { const seen = {}; document.querySelectorAll('[id]').forEach(el => { seen[el.id] = (seen[el.id] || 0) + 1; });
        return Object.keys(seen).filter(id => seen[id] > 1); }
"""


def check_basics(page: Any) -> None:
    """What every page keeps: a language, one h1, a label on every visible field, unique ids, a skip link."""
    assert page.get_attribute("html", "lang") in ("fi", "sv", "en")
    assert page.locator("h1").count() == 1, page.url
    assert page.evaluate(_UNLABELLED) == [], page.url
    assert page.evaluate(_DUPLICATE_IDS) == [], page.url
    assert page.locator("a.skip[href='#main']").count() == 1


AXE = Path(__file__).parent / "axe" / "node_modules" / "axe-core" / "axe.min.js"
_AXE_RUN = """
async () => {
  const result = await axe.run(document, {resultTypes: ['violations']});
  return result.violations
    .filter(v => v.impact === 'serious' || v.impact === 'critical')
    .map(v => ({id: v.id, impact: v.impact, help: v.help,
                targets: v.nodes.slice(0, 5).map(n => n.target.join(' '))}));
}
"""


@pytest.fixture(scope="session")
def axe() -> Any:
    """``axe(page)`` runs axe-core on the page and fails on any serious or critical finding.

    axe-core comes from npm at the version tests/browser/axe/package-lock.json names
    (``make axe``, which ``make test`` runs); without it the checks skip, saying why.
    """
    if not AXE.exists():
        pytest.skip("no tests/browser/axe/node_modules/axe-core: run `make axe` (needs npm) for the axe checks")

    source = AXE.read_text()

    def check(page: Any) -> None:
        if not page.evaluate("typeof window.axe !== 'undefined'"):
            page.evaluate(source)  # evaluated, not a <script>: the pages' CSP forbids inline scripts
        findings = page.evaluate(_AXE_RUN)
        assert findings == [], f"{page.url}: " + "; ".join(
            f"{f['impact']} {f['id']} ({f['help']}) at {', '.join(f['targets'])}" for f in findings
        )

    return check
