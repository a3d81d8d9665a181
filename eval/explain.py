#!/usr/bin/env python3
"""What the engine read from each enquiry of a labelled set, beside the truth a person wrote down.

    python eval/explain.py SET_DIR [--all]

Routes every enquiry in-process over SET_DIR/directory and prints, for each miss
(with --all: each enquiry), which part of the reading differs from the truth —
NEEDS, PLACE, AGE, LANG — with the evidence words, and the first candidate beside
the expected ones. It also counts true violations (a candidate among the first five
that the truth makes ineligible), with the full region table of the gazetteer
rather than the shared scorer's short one. The scorer stays the measure; this is
for finding out why.
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from label import eligible, load, region_of  # noqa: E402

from routing.matcher.gazetteer import RETIRED_CODES, gazetteer  # noqa: E402
from routing.matcher.index import ServiceRecord, build_index  # noqa: E402
from routing.matcher.router import Router, RouteRequest  # noqa: E402
from routing.matcher.vocabulary import CompiledVocabulary  # noqa: E402
from rules.load import load_ruleset  # noqa: E402


def _rows(folder: Path, name: str) -> list[dict[str, str]]:
    path = folder / name
    if not path.exists():
        return []
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def records(folder: Path) -> list[ServiceRecord]:
    orgs = {r["id"]: r["name"] for r in _rows(folder, "organizations.csv")}
    terms = {r["id"]: r["code"] for r in _rows(folder, "taxonomy_terms.csv")}
    areas: dict[str, list[str]] = {}
    langs: dict[str, list[str]] = {}
    needs: dict[str, list[str]] = {}
    for r in _rows(folder, "service_areas.csv"):
        areas.setdefault(r["service_id"], []).append(r["extent"])
    for r in _rows(folder, "languages.csv"):
        langs.setdefault(r["service_id"], []).append(r["code"])
    for r in _rows(folder, "attributes.csv"):
        if r.get("link_entity") == "service" and r["taxonomy_term_id"] in terms:
            needs.setdefault(r["link_id"], []).append(terms[r["taxonomy_term_id"]])

    def number(value: str | None) -> float | None:
        return float(value) if value else None

    return [
        ServiceRecord(
            id=s["id"],
            name=s["name"],
            organization_id=s["organization_id"],
            organization_name=orgs.get(s["organization_id"], ""),
            status=s.get("status") or "active",
            description=s.get("description", ""),
            minimum_age=number(s.get("minimum_age")),
            maximum_age=number(s.get("maximum_age")),
            areas=tuple(areas.get(s["id"], ())),
            languages=tuple(langs.get(s["id"], ())),
            needs=tuple(needs.get(s["id"], ())),
        )
        for s in _rows(folder, "services.csv")
    ]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("set_dir", type=Path)
    ap.add_argument("--all", action="store_true", help="every enquiry, not only those read or ranked wrongly")
    args = ap.parse_args()
    recs = records(args.set_dir / "directory")
    names = {r.id: r.name for r in recs}
    services = load(args.set_dir / "directory")
    regions = region_of()
    ruleset = load_ruleset()
    router = Router(ruleset, build_index(recs, 1, RETIRED_CODES), gazetteer(), CompiledVocabulary(ruleset))
    lines = (args.set_dir / "enquiries.jsonl").read_text(encoding="utf-8").splitlines()
    n = top1 = top3 = violations = tp = fp = fn = 0
    parts = {"NEEDS": 0, "PLACE": 0, "AGE": 0, "LANG": 0}
    for line in filter(str.strip, lines):
        q = json.loads(line)
        n += 1
        result = router.route(RouteRequest(q["question"], q.get("municipality"), q.get("age"), q.get("language")))
        got = [c.service_id for c in result.candidates]
        hit = bool(got) and got[0] in q["expected"]
        top1 += hit
        top3 += bool(set(got[:3]) & (set(q["expected"]) | set(q.get("acceptable", []))))
        truth = q.get("truth", {})
        age = q["age"] if q.get("age") is not None else truth.get("age")
        muni = q.get("municipality") or truth.get("municipality")
        bad = [sid for sid in got[:5] if not eligible(services[sid], age, muni, regions)]
        violations += len(bad)
        have = {x.code: list(x.evidence) for x in result.needs}
        want = set(q.get("needs", []))
        tp, fp, fn = tp + len(want & set(have)), fp + len(set(have) - want), fn + len(want - set(have))
        place = result.municipality.code if result.municipality else None
        flags = []
        if set(have) != set(q.get("needs", [])):
            flags.append("NEEDS")
        if muni != place:
            flags.append("PLACE")
        if age != result.age:
            flags.append("AGE")
        if (q.get("language") or truth.get("language")) != result.language:
            flags.append("LANG")
        for flag in flags:
            parts[flag] += 1
        if hit and not flags and not bad and not args.all:
            continue
        print(f"{'ok  ' if hit else 'MISS'} {q['id']} {' '.join(flags)} | {q['question']}")
        print(
            f"     needs {have} (truth {q.get('needs')}); place {place} ({muni}); age {result.age} ({age}); "
            f"language {result.language} ({truth.get('language')})"
        )
        if not hit:
            expected = [names[e] for e in q["expected"]]
            print(f"     first: {names.get(got[0], '-') if got else '-'}; expected: {expected[:3]}")
        for sid in bad:
            print(f"     VIOLATION: {names[sid]}")
    print(
        f"{n} enquiries: top1 {top1 / n:.1%} top3 {top3 / n:.1%} need-F1 {2 * tp / max(1, 2 * tp + fp + fn):.2f} "
        f"true violations {violations}; "
        f"read differently from the truth: " + ", ".join(f"{k} {v}" for k, v in parts.items())
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
