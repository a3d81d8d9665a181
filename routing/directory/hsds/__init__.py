"""The service directory in and out as Open Referral HSDS 3.0 (shared/HSDS-PROFILE.md).

``import_path`` loads a tabular folder (datapackage.json + CSVs) or an HSDS
JSON file into the caller's transaction, all or nothing: every problem is
collected and raised together as ``HsdsError``, and nothing is written then.
``export_path`` writes the directory back as HSDS 3.0 tabular.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from sqlmodel import Session

from routing.directory.hsds.check import check
from routing.directory.hsds.problems import HsdsError, ImportReport, Problem
from routing.directory.hsds.read import DATAPACKAGE, read_path
from routing.directory.hsds.spec import NEED_CODES, NEED_TAXONOMY, resources, stored_resources
from routing.directory.hsds.store import Progress, export_path, still_referenced, store
from routing.directory.services import bump_version

__all__ = [
    "NEED_CODES",
    "NEED_TAXONOMY",
    "HsdsError",
    "ImportReport",
    "Problem",
    "export_path",
    "import_path",
]


def _order(problems: list[Problem]) -> list[Problem]:
    """File by file (datapackage.json, then the official order), line by line, as found."""
    rank = {DATAPACKAGE: 0} | {r.path: i + 1 for i, r in enumerate(resources().values())}
    return sorted(problems, key=lambda p: (rank.get(p.file, len(rank)), p.file, p.line or 0))


def import_path(
    session: Session, path: Path | str, progress: Progress | None = None, *, now: datetime | None = None
) -> ImportReport:
    """Replace the directory with the one at ``path``; raises ``HsdsError`` (nothing written) on bad input.

    Never commits: the caller's transaction makes it all or nothing.
    """
    source = read_path(Path(path))
    directory, problems = check(source)
    if source.batches:
        problems += still_referenced(session, directory)
    if problems:
        raise HsdsError(_order(problems))
    added, changed, removed = store(session, directory, progress)
    session.expire_all()  # the bulk statements went around the session's objects
    version = bump_version(session, now=now)
    counts = {r.label: len(directory.rows.get(r.name, [])) for r in stored_resources()}
    return ImportReport(counts, source.warnings, version, added, changed, removed)
