"""Building the router from the database, once per process and again after an import.

A route never reads the database: it uses the in-memory index. The index remembers
the directory version it was built from; at most once a second a route compares it
with the version row that every import bumps, and rebuilds when it changed.
"""

from __future__ import annotations

import gc
import threading
import time
from collections import defaultdict
from pathlib import Path

from flask import current_app
from sqlalchemy import Connection, Engine
from sqlalchemy import select as sa_select
from sqlmodel import Session, col

from routing.core import db
from routing.core.metrics import observe_route
from routing.directory.models import (
    Attribute,
    DirectoryVersion,
    Language,
    Organization,
    Service,
    ServiceArea,
    ServiceAtLocation,
    ServiceCapacity,
    TaxonomyTerm,
)
from routing.directory.services import current_version
from routing.matcher.capacity import DEFAULT_STALE_DAYS, Capacity
from routing.matcher.gazetteer import RETIRED_CODES, gazetteer
from routing.matcher.index import DirectoryIndex, ServiceRecord, build_index
from routing.matcher.result import RouteResult
from routing.matcher.router import Router, RouteRequest
from routing.matcher.vocabulary import CompiledVocabulary
from rules.load import RuleSetError, load_ruleset
from rules.model import RuleSet

VERSION_CHECK_SECONDS = 1.0


def read_records(connection: Connection) -> list[ServiceRecord]:
    """Every service with what ranking needs, in a handful of whole-table queries (Core rows, no ORM objects)."""
    needs: dict[str, list[str]] = defaultdict(list)
    rows = connection.execute(
        sa_select(col(Attribute.link_id), col(TaxonomyTerm.code))
        .join(TaxonomyTerm, col(TaxonomyTerm.id) == col(Attribute.taxonomy_term_id))
        .where(col(Attribute.link_entity) == "service")
    )
    for sid, code in rows:
        if code and code not in needs[sid]:
            needs[sid].append(code)
    areas: dict[str, list[str]] = defaultdict(list)
    for area_sid, extent in connection.execute(sa_select(col(ServiceArea.service_id), col(ServiceArea.extent))):
        if area_sid and extent:
            areas[area_sid].append(extent)
    languages: dict[str, list[str]] = defaultdict(list)
    for lang_sid, lang in connection.execute(sa_select(col(Language.service_id), col(Language.code))):
        if lang_sid and lang:
            languages[lang_sid].append(lang)
    locations: dict[str, str] = {}
    for sid, lid in connection.execute(
        sa_select(col(ServiceAtLocation.service_id), col(ServiceAtLocation.location_id))
    ):
        locations.setdefault(sid, lid)
    records = []
    rows2 = connection.execute(
        sa_select(
            col(Service.id),
            col(Service.name),
            col(Service.organization_id),
            col(Organization.name),
            col(Service.status),
            col(Service.description),
            col(Service.minimum_age),
            col(Service.maximum_age),
        ).join(Organization, col(Organization.id) == col(Service.organization_id))
    )
    for sid, name, org_id, org_name, status, description, low, high in rows2:
        records.append(
            ServiceRecord(
                id=sid,
                name=name,
                organization_id=org_id,
                organization_name=org_name or "",
                status=status or "active",
                description=description or "",
                minimum_age=low,
                maximum_age=high,
                areas=tuple(areas.get(sid, ())),
                languages=tuple(languages.get(sid, ())),
                needs=tuple(needs.get(sid, ())),
                location_id=locations.get(sid),
            )
        )
    return records


def build_from_database(engine: Engine) -> DirectoryIndex:
    version = directory_version(engine)
    # hundreds of thousands of small objects: the cyclic collector would walk them again and again
    collecting = gc.isenabled()
    gc.disable()
    try:
        with db.read_engine(engine).connect() as connection:
            records = read_records(connection)
        return build_index(records, version, canonical_municipality=RETIRED_CODES)
    finally:
        if collecting:
            gc.enable()


def directory_version(engine: Engine) -> int:
    with Session(db.read_engine(engine)) as session:
        return current_version(session)


def versions(engine: Engine) -> tuple[int, int]:
    """The directory's version and its capacity version (one row)."""
    with db.read_engine(engine).connect() as connection:
        row = connection.execute(
            sa_select(col(DirectoryVersion.version), col(DirectoryVersion.capacity_version)).where(
                col(DirectoryVersion.id) == 1
            )
        ).first()
    return (int(row[0]), int(row[1])) if row else (0, 0)


def read_capacity(engine: Engine) -> dict[str, Capacity]:
    """Every service's capacity as last set (staleness is judged at route time)."""
    with db.read_engine(engine).connect() as connection:
        rows = connection.execute(
            sa_select(
                col(ServiceCapacity.service_id),
                col(ServiceCapacity.capacity),
                col(ServiceCapacity.weeks),
                col(ServiceCapacity.until),
                col(ServiceCapacity.updated_at),
            )
        )
        return {sid: Capacity(state, weeks, until, at) for sid, state, weeks, until, at in rows}


class RouterCache:
    """The process's router: rule set and vocabulary loaded once, index rebuilt on a new directory version."""

    def __init__(self, rules_path: str | Path | None = None, stale_days: int = DEFAULT_STALE_DAYS) -> None:
        self.rules_path = rules_path
        self.stale_days = stale_days
        self._capacity_version = -1
        self._lock = threading.Lock()
        self._router: Router | None = None
        self._checked = 0.0
        self._ruleset: RuleSet | None = None
        self._vocabulary: CompiledVocabulary | None = None
        self._stamp: tuple[tuple[str, int, int], ...] = ()

    def check_now(self) -> None:
        """Look at the directory version and the rule folder on the next route, not a second later."""
        self._checked = 0.0

    def rules_stamp(self) -> tuple[tuple[str, int, int], ...]:
        """The rule files as they are on disk (name, size, change time): a rule accepted on the
        coordinator's page, by this process or another, takes effect without a restart."""
        if self.rules_path is None:
            return ()
        folder = Path(self.rules_path)
        files = sorted(folder.glob("*.toml")) if folder.is_dir() else [folder]
        stamp = []
        for file in files:
            try:
                info = file.stat()
            except OSError:
                continue
            stamp.append((file.name, info.st_size, info.st_mtime_ns))
        return tuple(stamp)

    @property
    def ruleset(self) -> RuleSet:
        if self._ruleset is None:
            stamp = self.rules_stamp()
            self._ruleset = load_ruleset(self.rules_path)  # raises RuleSetError, every problem listed
            self._vocabulary = CompiledVocabulary(self._ruleset)
            self._stamp = stamp
        return self._ruleset

    @property
    def built(self) -> bool:
        """Whether this process has a router (readiness: a worker answers routes at full speed)."""
        return self._router is not None

    def _rules_changed(self) -> bool:
        """The rule folder changed on disk and still loads: the new rule set is taken; one that does
        not load leaves the one in use (``rules check`` names its problems)."""
        if self._ruleset is None or self.rules_stamp() == self._stamp:
            return False
        stamp = self.rules_stamp()
        try:
            ruleset = load_ruleset(self.rules_path)
        except RuleSetError:
            self._stamp = stamp  # not again every second
            return False
        self._ruleset, self._vocabulary, self._stamp = ruleset, CompiledVocabulary(ruleset), stamp
        return True

    def router(self, engine: Engine) -> Router:
        now = time.monotonic()
        router = self._router
        if router is not None and now - self._checked < VERSION_CHECK_SECONDS:
            return router
        with self._lock:
            router = self._router
            if router is not None and time.monotonic() - self._checked < VERSION_CHECK_SECONDS:
                return router
            version, capacity_version = versions(engine)
            if router is None or router.index.version != version:
                ruleset = self.ruleset
                router = Router(ruleset, build_from_database(engine), gazetteer(), self._vocabulary)
                router.capacity_stale_days = self.stale_days
                self._router = router
                self._capacity_version = -1
            elif self._rules_changed():  # an accepted rule: the same index, the new rule set
                router = Router(self.ruleset, router.index, gazetteer(), self._vocabulary)
                router.capacity_stale_days = self.stale_days
                self._router = router
                self._capacity_version = -1
            if capacity_version != self._capacity_version:
                router.capacity = read_capacity(engine)  # one swap: routes running meanwhile keep the old map
                self._capacity_version = capacity_version
            self._checked = time.monotonic()
            return router


def router_cache() -> RouterCache:
    """The process's router cache for the current app: rule set and vocabulary loaded once."""
    cache = current_app.extensions.get("eteinen.router")
    if cache is None:
        cache = current_app.extensions.setdefault(
            "eteinen.router",
            RouterCache(
                current_app.config.get("ETEINEN_RULES"),
                int(current_app.config.get("CAPACITY_STALE_DAYS", DEFAULT_STALE_DAYS)),
            ),
        )
    return cache


def current_router() -> Router:
    """The current app's router, its directory index rebuilt when an import changed the directory."""
    return router_cache().router(db.engine())


def route_now(request: RouteRequest) -> RouteResult:
    """Route with the current app's router: what a page, the API or a command hands an operation as ``route``."""
    router = current_router()
    started = time.perf_counter()
    result = router.route(request)
    observe_route(time.perf_counter() - started)
    return result
