"""An experiment, not adopted: a learned need model beside the word lists, one logistic regression per need.

The model reads the same words the rules read: each content word of the story (not a place
name, not a number) gives its lemma (``l:asunto``) and the first letters of its folded form
without ä/ö (``p:tyott``, so "tyottomana" and "työttömänä" meet). A need's score is the sigmoid
of its bias plus the weights of the features present. The rules stay first: the model only
adds a need they did not read when its score passes the model's threshold, and never one
the rules turned down in this question (negated, not needed, said to be fine, someone else's,
about the past). An added need carries as evidence the words that weighed most for it.

``train.py`` writes the weights from the labelled evaluation sets (deterministic: the same
sets give the same file); ``route.py`` runs the engine with a model file beside the rules.
Cross-validated over the sets and measured on the held-out eval/fresh7 it gave no gain
(eval/README.md, "A learned need model"), so the engine does not use it.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import routing.matcher.morphology as morphology
from routing.matcher.text import Token

PREFIX = 5  # letters of a folded word's start that make its prefix feature
MIN_WORD = 3  # shorter words are function words or clipped forms: no feature
EVIDENCE_WORDS = 3  # words shown as what gave an added need away
_PLAIN = str.maketrans("äöå", "aoa")


def word_features(token: Token, language: str) -> tuple[str, ...]:
    """The features of one token: its lemma and its prefix; none for a short word or a number."""
    fold = token.fold
    if len(fold) < MIN_WORD or not fold.isalpha():
        return ()
    lemma = morphology.forms(fold, language).lemma
    return (f"l:{lemma}", f"p:{fold.translate(_PLAIN)[:PREFIX]}")


def text_features(tokens: Sequence[Token], language: str, skip: Iterable[int] = ()) -> dict[str, list[int]]:
    """Feature → indices of the tokens that carry it, for the tokens not in `skip` (place names)."""
    skipped = set(skip)
    out: dict[str, list[int]] = {}
    for t in tokens:
        if t.index in skipped:
            continue
        for feature in word_features(t, language):
            out.setdefault(feature, []).append(t.index)
    return out


@dataclass(frozen=True)
class NeedModel:
    threshold: float  # a need is added when its score reaches this
    max_added: int  # needs added to one question at most, the most likely first
    bias: dict[str, float]
    weights: dict[str, dict[str, float]]  # need → feature → weight
    trained_on: tuple[str, ...] = ()  # the labelled sets it was trained on
    meta: dict[str, object] = field(default_factory=dict)

    def scores(self, features: Iterable[str]) -> dict[str, float]:
        """Need → probability for a question with these features."""
        present = set(features)
        out = {}
        for need, bias in self.bias.items():
            weights = self.weights.get(need, {})
            z = bias + sum(weights.get(f, 0.0) for f in present)
            out[need] = 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))
        return out

    def added_needs(
        self, features: dict[str, list[int]], tokens: Sequence[Token], read: Iterable[str], turned_down: Iterable[str]
    ) -> dict[str, list[str]]:
        """Needs to add beside those `read` by the rules, none of those the rules `turned_down`,
        each with its evidence words in text order."""
        blocked = set(read) | set(turned_down)
        ranked = sorted(
            ((p, need) for need, p in self.scores(features).items() if p >= self.threshold and need not in blocked),
            reverse=True,
        )
        out: dict[str, list[str]] = {}
        for _, need in ranked[: self.max_added]:
            words = self.evidence(need, features, tokens)
            if words:
                out[need] = words
        return out

    def evidence(self, need: str, features: dict[str, list[int]], tokens: Sequence[Token]) -> list[str]:
        """The words whose features weigh most for `need` in this question (positive weights only)."""
        weights = self.weights.get(need, {})
        best: dict[int, float] = {}
        for feature, where in features.items():
            w = weights.get(feature, 0.0)
            if w <= 0:
                continue
            for i in where:
                best[i] = max(best.get(i, 0.0), w)
        top = sorted(best, key=lambda i: (-best[i], i))[:EVIDENCE_WORDS]
        words: list[str] = []
        for i in sorted(top):
            if tokens[i].text not in words:
                words.append(tokens[i].text)
        return words

    def to_json(self) -> str:
        data = {
            "threshold": self.threshold,
            "max_added": self.max_added,
            "trained_on": list(self.trained_on),
            "meta": self.meta,
            "bias": self.bias,
            "weights": {need: dict(sorted(w.items())) for need, w in sorted(self.weights.items())},
        }
        return json.dumps(data, ensure_ascii=False, indent=0, sort_keys=False) + "\n"


def parse(text: str) -> NeedModel:
    data = json.loads(text)
    return NeedModel(
        threshold=float(data["threshold"]),
        max_added=int(data["max_added"]),
        bias={k: float(v) for k, v in data["bias"].items()},
        weights={need: {f: float(w) for f, w in ws.items()} for need, ws in data["weights"].items()},
        trained_on=tuple(data.get("trained_on", ())),
        meta=dict(data.get("meta", {})),
    )


def load(path: str | Path) -> NeedModel:
    return parse(Path(path).read_text(encoding="utf-8"))
