"""axe-core on the public pages; the staff pages' checks come with the pages' own tests."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize("lang", ["fi", "sv", "en"])
@pytest.mark.parametrize("width", [1200, 375])
def test_the_login_page_has_no_serious_accessibility_finding(demo, new_page, axe, lang: str, width: int) -> None:
    page = new_page(width=width)
    page.goto(f"{demo.url}/login?lang={lang}")
    axe(page)
