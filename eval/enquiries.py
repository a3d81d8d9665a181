"""The enquiries of one labelled set, as its ``write_enquiries.py`` lists them, and the file they go to.

Each set's script lists its enquiries with ``q(...)`` (the truth a person wrote down: needs,
municipality code, age, language) and writes them to its ``enquiries.jsonl``; ``label.py`` then
adds what is expected and acceptable.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any


class EnquirySet:
    def __init__(self, script: str) -> None:
        self.folder = Path(script).resolve().parent
        self.rows: list[dict[str, Any]] = []

    def add(
        self,
        i: str,
        text: str,
        needs: Iterable[str],
        muni: str | None,
        age: int | None,
        lang: str = "fi",
        tags: Iterable[str] = (),
        source: str | None = None,
    ) -> None:
        """One enquiry as the front desk would send it (no place, age or language given) with its truth."""
        row: dict[str, Any] = {
            "id": i,
            "question": text,
            "municipality": None,
            "age": None,
            "language": None,
            "needs": list(needs),
            "truth": {"municipality": muni, "age": age, "language": lang},
            "tags": list(tags),
        }
        if source:
            row["source"] = source  # where a real person's wording was found
        self.rows.append(row)

    def write(self, argv: Sequence[str]) -> None:
        """To ``argv[0]``, or to the set's own ``enquiries.jsonl``."""
        out = Path(argv[0]) if argv else self.folder / "enquiries.jsonl"
        out.write_text("".join(json.dumps(e, ensure_ascii=False) + "\n" for e in self.rows), encoding="utf-8")
        print(f"wrote {len(self.rows)} enquiries to {out}")
