"""Reading Suomi.fi Palvelutietovaranto (PTV) open API answers: over HTTP, paged as PTV pages them, or saved files.

PTV's open API (v11): ``GET {base}/Organization/{id}``, ``GET
{base}/Service/list/organization?organizationId={id}&page={n}`` and ``GET
{base}/ServiceChannel/list/organization?organizationId={id}&page={n}``; a list
answer is ``{"pageNumber", "pageSize", "pageCount", "itemList": [...]}``.
Saved answers (``--from``) are the same JSON: a file or a folder of ``*.json``
files, each an organisation, a page, or a list of services or channels; what an
item is, is told by its fields (``serviceNames``, ``serviceChannelType``,
``organizationType``).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx

from routing.core.errors import OperationError
from routing.directory.hsds.problems import Problem

DEFAULT_BASE = "https://api.palvelutietovaranto.suomi.fi/api/v11/"
MAX_PAGES = 10_000  # a page count past this is a broken answer, not a catalogue


class PtvUnreachable(OperationError):
    """The PTV API could not be read (network, HTTP error): nothing was imported."""

    status = 502
    code = "ptv-unreachable"
    exit_code = 1


@dataclass
class Item:
    """One PTV object with where it came from (for located errors)."""

    data: dict[str, Any]
    where: str  # e.g. "Service/list/organization?organizationId=…&page=2: $.itemList[3]"


@dataclass
class Fetched:
    organizations: list[Item] = field(default_factory=list)
    services: list[Item] = field(default_factory=list)
    channels: list[Item] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    requests: int = 0


def _kind(data: dict[str, Any]) -> str | None:
    if "serviceNames" in data:
        return "services"
    if "serviceChannelType" in data:
        return "channels"
    if "organizationType" in data or "organizationNames" in data:
        return "organizations"
    return None


def _sort(fetched: Fetched, data: Any, where: str) -> None:
    """File an answer's objects by kind; a page's ``itemList`` item by item."""
    if isinstance(data, dict) and "itemList" in data:
        items = data["itemList"]
        if items is None:
            return
        if not isinstance(items, list):
            fetched.problems.append(Problem(where, "$.itemList: not a list"))
            return
        for i, item in enumerate(items):
            _one(fetched, item, f"{where}: $.itemList[{i}]")
    elif isinstance(data, list):
        for i, item in enumerate(data):
            _one(fetched, item, f"{where}: $[{i}]")
    else:
        _one(fetched, data, f"{where}: $")


def _one(fetched: Fetched, item: Any, where: str) -> None:
    if not isinstance(item, dict):
        fetched.problems.append(Problem(where, "not a JSON object"))
        return
    kind = _kind(item)
    if kind is None:
        fetched.problems.append(
            Problem(
                where,
                "not a PTV service, service channel or organisation (no serviceNames, serviceChannelType"
                " or organizationType)",
            )
        )
        return
    getattr(fetched, kind).append(Item(item, where))


def _parse(raw: bytes, where: str, fetched: Fetched) -> Any:
    try:
        return json.loads(raw.decode("utf-8-sig"))
    except UnicodeDecodeError as exc:
        fetched.problems.append(Problem(where, f"not valid UTF-8 (byte {exc.start})"))
    except json.JSONDecodeError as exc:
        fetched.problems.append(Problem(where, f"not valid JSON: {exc.msg}", line=exc.lineno))
    return None


def read_saved(path: Path) -> Fetched:
    """PTV answers saved earlier: a JSON file, or a folder of them (read in name order)."""
    fetched = Fetched()
    if path.is_dir():
        files = sorted(p for p in path.rglob("*.json") if p.is_file())
        if not files:
            fetched.problems.append(Problem(str(path), "no .json files in this folder"))
    elif path.is_file():
        files = [path]
    else:
        fetched.problems.append(Problem(str(path), "no such file or folder"))
        files = []
    for file in files:
        name = str(file.relative_to(path)) if path.is_dir() else file.name
        data = _parse(file.read_bytes(), name, fetched)
        if data is not None:
            _sort(fetched, data, name)
    return fetched


Progress = Callable[[str], None]


def fetch(
    organizations: list[str],
    base: str = DEFAULT_BASE,
    *,
    client: httpx.Client | None = None,
    progress: Progress | None = None,
    timeout: float = 30.0,
) -> Fetched:
    """Every service and channel of these PTV organisations, page by page, from the open API."""
    fetched = Fetched()
    base = base.rstrip("/") + "/"
    own = client is None
    http = client or httpx.Client(timeout=timeout, headers={"Accept": "application/json"})
    try:
        for org in organizations:
            data = _get(http, base, f"Organization/{org}", fetched)
            if data is not None:
                _sort(fetched, data, f"Organization/{org}")
            for kind in ("Service", "ServiceChannel"):
                page, count = 1, 1
                while page <= count:
                    path = f"{kind}/list/organization?organizationId={org}&page={page}"
                    data = _get(http, base, path, fetched)
                    if data is None:
                        break
                    count = _page_count(data, path, fetched)
                    _sort(fetched, data, path)
                    if progress:
                        progress(f"{path} ({page}/{count})")
                    page += 1
    finally:
        if own:
            http.close()
    return fetched


def _page_count(data: Any, where: str, fetched: Fetched) -> int:
    if not isinstance(data, dict) or "itemList" not in data:
        fetched.problems.append(Problem(where, "$: not a PTV page (no itemList)"))
        return 0
    count = data.get("pageCount")
    if isinstance(count, bool) or not isinstance(count, int) or not 0 <= count <= MAX_PAGES:
        fetched.problems.append(Problem(where, f"$.pageCount: not a page count: {count!r}"))
        return 0
    return count


def _get(http: httpx.Client, base: str, path: str, fetched: Fetched) -> Any:
    fetched.requests += 1
    try:
        answer = http.get(base + path)
    except httpx.HTTPError as exc:
        raise PtvUnreachable(f"{base}{path}: {exc.__class__.__name__}: {exc}; nothing was imported") from None
    if answer.status_code == 404:
        fetched.problems.append(Problem(path, "404: PTV has no such organisation"))
        return None
    if answer.status_code != 200:
        raise PtvUnreachable(f"{base}{path}: HTTP {answer.status_code}; nothing was imported")
    return _parse(answer.content, path, fetched)
