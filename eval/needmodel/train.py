#!/usr/bin/env python3
"""Train the learned need model (model.py) on the labelled sets, and cross-validate it.

    python eval/needmodel/train.py --out MODEL.json    # trained on every training set
    python eval/needmodel/train.py --cv                # leave-one-set-out need-F1 for each threshold
    python eval/needmodel/train.py --cv-files DIR      # DIR/without-SET.json: one model per left-out set

then ``python eval/score.py SET --eteinen "python eval/needmodel/route.py MODEL.json"`` scores a
set with the model beside the rules (route.py).

Every set under eval/ with an ``enquiries.jsonl`` and ../shared/eval-sample are training sets,
except the held-out ones in HELD_OUT (never trained on, never used to choose anything).
A question's features are those the engine computes when it routes it (the story of the
message, place names left out: ``Router.read``); its labels are the ``needs`` a person wrote down.

One logistic regression per need, trained by stochastic gradient descent in a fixed order
with L2 regularisation, over features seen in at least MIN_DF training questions; the same
sets give the same file. The threshold and the number of needs the model may add were chosen
by the leave-one-set-out cross-validation (--cv): train on all sets but one, read the left-out
one with the rules and the model, and count its need-F1.
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from model import NeedModel, text_features  # noqa: E402
from route import install, place_tokens  # noqa: E402

from routing.demo.network import NEED_CODES  # noqa: E402
from routing.matcher.gazetteer import gazetteer  # noqa: E402
from routing.matcher.index import build_index  # noqa: E402
from routing.matcher.router import Router, RouteRequest  # noqa: E402
from rules.load import load_ruleset  # noqa: E402

HELD_OUT = frozenset({"fresh7"})  # written to measure the model: never trained on
SAMPLE = ROOT.parent / "shared" / "eval-sample"
MIN_DF = 2  # a feature must occur in this many training questions
EPOCHS = 30
RATE = 0.1
L2 = 0.001
THRESHOLD = 0.8  # chosen by --cv (see eval/README.md)
MAX_ADDED = 1
THRESHOLDS = (0.3, 0.4, 0.5, 0.6, 0.7, 0.8)
ROUND = 4  # decimals kept in the model file


@dataclass
class Example:
    set_name: str
    id: str
    features: dict[str, list[int]]
    labels: frozenset[str]
    read: frozenset[str]  # needs the rules read (after rule actions)
    turned_down: frozenset[str]  # needs the rules turned down in the question
    tokens: list


def training_sets() -> list[Path]:
    sets = [p.parent for p in sorted((ROOT / "eval").glob("*/enquiries.jsonl")) if p.parent.name not in HELD_OUT]
    if (SAMPLE / "enquiries.jsonl").exists():
        sets.append(SAMPLE)
    return sets


def read_examples(sets: list[Path]) -> list[Example]:
    """Each enquiry as the engine reads it without the model: features, needs read, needs turned down."""
    install(None)  # the engine unchanged, noting where the place names it read are
    router = Router(load_ruleset(None), build_index([]), gazetteer())
    out = []
    for folder in sets:
        for line in (folder / "enquiries.jsonl").read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            q = json.loads(line)
            reading = router.read(RouteRequest(q["question"], q.get("municipality"), q.get("age"), q.get("language")))
            tokens = reading.detection.tokens
            skip = place_tokens(reading)
            out.append(
                Example(
                    folder.name,
                    q["id"],
                    text_features(tokens, reading.text_language, skip),
                    frozenset(q.get("needs", [])),
                    frozenset(reading.needs),
                    frozenset(m.need for m, _ in reading.detection.dropped),
                    tokens,
                )
            )
    return out


def _sigmoid(z: float) -> float:
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


def train(examples: list[Example], threshold: float = THRESHOLD, max_added: int = MAX_ADDED) -> NeedModel:
    df: dict[str, int] = {}
    for e in examples:
        for f in e.features:
            df[f] = df.get(f, 0) + 1
    vocab = {f for f, n in df.items() if n >= MIN_DF}
    docs = [(sorted(f for f in e.features if f in vocab), e.labels) for e in examples]
    needs = sorted(NEED_CODES)
    bias = dict.fromkeys(needs, 0.0)
    weights: dict[str, dict[str, float]] = {n: {} for n in needs}
    for epoch in range(EPOCHS):
        rate = RATE / (1.0 + epoch / 10)
        for feats, labels in docs:
            for need in needs:
                w = weights[need]
                p = _sigmoid(bias[need] + sum(w.get(f, 0.0) for f in feats))
                g = p - (1.0 if need in labels else 0.0)
                bias[need] -= rate * g
                for f in feats:
                    old = w.get(f, 0.0)
                    w[f] = old - rate * (g + L2 * old)
    kept = {need: {f: round(v, ROUND) for f, v in w.items() if abs(v) >= 10**-ROUND * 5} for need, w in weights.items()}
    return NeedModel(
        threshold=threshold,
        max_added=max_added,
        bias={n: round(b, ROUND) for n, b in bias.items()},
        weights=kept,
        trained_on=tuple(sorted({e.set_name for e in examples})),
        meta={"min_df": MIN_DF, "epochs": EPOCHS, "rate": RATE, "l2": L2, "examples": len(examples)},
    )


def predicted(model: NeedModel | None, e: Example) -> set[str]:
    out = set(e.read)
    if model is not None:
        out |= set(model.added_needs(e.features, e.tokens, e.read, e.turned_down))
    return out


def f1(pairs: list[tuple[set[str], frozenset[str]]]) -> float:
    tp = sum(len(have & want) for have, want in pairs)
    fp = sum(len(have - want) for have, want in pairs)
    fn = sum(len(want - have) for have, want in pairs)
    return 2 * tp / (2 * tp + fp + fn) if tp + fp + fn else 1.0


def cross_validate(examples: list[Example]) -> None:
    """Leave one set out: need-F1 of the left-out set, rules alone and with the model per threshold."""
    names = sorted({e.set_name for e in examples})
    configs = [(t, k) for k in (1, 2) for t in THRESHOLDS]
    print(f"{'left out':<12} {'n':>4} {'rules':>6} " + " ".join(f"{t:.1f}/{k}" for t, k in configs))
    totals: dict[object, list] = {}
    for name in names:
        test = [e for e in examples if e.set_name == name]
        model = train([e for e in examples if e.set_name != name])
        row = [f1([(predicted(None, e), e.labels) for e in test])]
        totals.setdefault("rules", []).extend((predicted(None, e), e.labels) for e in test)
        for t, k in configs:
            m = NeedModel(t, k, model.bias, model.weights)
            pairs = [(predicted(m, e), e.labels) for e in test]
            totals.setdefault((t, k), []).extend(pairs)
            row.append(f1(pairs))
        print(f"{name:<12} {len(test):>4} " + " ".join(f"{v:6.3f}" for v in row))
    print(f"{'all':<12} {len(examples):>4} " + " ".join(f"{f1(totals[c]):6.3f}" for c in ["rules", *configs]))


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--cv", action="store_true", help="leave-one-set-out need-F1 per threshold")
    ap.add_argument("--cv-files", type=Path, help="write one model per left-out set into this folder")
    ap.add_argument("--out", type=Path, help="write the model trained on every training set here")
    args = ap.parse_args()
    examples = read_examples(training_sets())
    if args.cv:
        cross_validate(examples)
        return 0
    if args.cv_files:
        args.cv_files.mkdir(parents=True, exist_ok=True)
        for name in sorted({e.set_name for e in examples}):
            model = train([e for e in examples if e.set_name != name])
            (args.cv_files / f"without-{name}.json").write_text(model.to_json(), encoding="utf-8")
        print(f"wrote {len({e.set_name for e in examples})} models to {args.cv_files}")
        return 0
    if args.out is None:
        ap.error("give --out, --cv or --cv-files")
    model = train(examples)
    args.out.write_text(model.to_json(), encoding="utf-8")
    size = sum(len(w) for w in model.weights.values())
    print(f"trained on {len(examples)} enquiries of {len(model.trained_on)} sets: {size} weights -> {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
