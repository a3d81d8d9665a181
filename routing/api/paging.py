"""Paging of the API's lists: ``page`` and ``per_page``, checked."""

from __future__ import annotations

from typing import Any

from flask import request

from routing.api.blueprint import abort

# far past any real list, and small enough for an SQL OFFSET on every database
MAX_PAGE = 1_000_000


def page_args(default_per_page: int = 50, max_per_page: int = 500, prefix: str = "") -> tuple[int, int]:
    """``page`` (from 1) and ``per_page`` from the query string, checked.

    ``prefix`` names the pair of a second list in the same answer (``my_cases_page``, ``my_cases_per_page``).
    """
    page_name, size_name = f"{prefix}page", f"{prefix}per_page"
    try:
        page = int(request.args.get(page_name, 1))
        per_page = int(request.args.get(size_name, default_per_page))
    except ValueError:
        abort(400, f"{page_name} and {size_name} must be whole numbers")
    if not 1 <= page <= MAX_PAGE or not 1 <= per_page <= max_per_page:
        abort(400, f"{page_name} must be from 1 to {MAX_PAGE} and {size_name} between 1 and {max_per_page}")
    return page, per_page


def page_envelope(total: int, page: int, per_page: int, contents: list[dict[str, Any]]) -> dict[str, Any]:
    """The paging envelope of the service list (HSDS style)."""
    return {
        "total_items": total,
        "total_pages": (total + per_page - 1) // per_page,
        "page_number": page,
        "size": len(contents),
        "first_page": page == 1,
        "last_page": page * per_page >= total,
        "empty": not contents,
        "contents": contents,
    }
