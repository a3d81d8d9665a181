#!/usr/bin/env python3
"""The eteinen command with the learned need model beside the rules: for ``score.py --eteinen``.

    python eval/score.py SET --eteinen "python eval/needmodel/route.py MODEL.json"

The model was measured and not adopted (eval/README.md, "A learned need model"), so the engine
has no hook for it: this wrapper adds one to the unchanged engine for the experiment. After the
rules have read a question and before their actions fire, the model adds at most ``max_added``
needs the rules did not read and did not turn down, each with the words that gave it away, the
way it would if it were built in (see model.py). ``off`` as MODEL runs the engine unchanged.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from model import NeedModel, load, text_features

from routing.matcher.router import Reading, Router


def place_tokens(reading: Reading) -> set[int]:
    """Indices of the story's tokens inside a place name the engine read (noted by install())."""
    spans = getattr(reading.detection, "place_spans", [])
    return {t.index for t in reading.detection.tokens for s, e in spans if t.start < e and s < t.end}


def install(model: NeedModel | None) -> None:
    """Note the place names of each analysed text; with a model, add its needs before the rules act."""
    analyse, apply_rules = Router._analyse, Router._apply_rules

    def _analyse(self: Router, text: str) -> tuple[list[Any], str, float, Any]:
        mentions, language, confidence, detection = analyse(self, text)
        detection.place_spans = [(m.start, m.end) for m in mentions]
        return mentions, language, confidence, detection

    def _apply_rules(self: Router, reading: Reading, add_needs: bool = True) -> None:
        if model is not None and add_needs:
            detection = reading.detection
            features = text_features(detection.tokens, reading.text_language, place_tokens(reading))
            turned_down = {match.need for match, _ in detection.dropped}
            reading.needs.update(model.added_needs(features, detection.tokens, reading.needs, turned_down))
        apply_rules(self, reading, add_needs)

    Router._analyse = _analyse  # type: ignore[method-assign]
    Router._apply_rules = _apply_rules  # type: ignore[method-assign]


if __name__ == "__main__":
    install(None if sys.argv[1] == "off" else load(sys.argv[1]))
    sys.argv = ["eteinen", *sys.argv[2:]]
    from routing.cli import main

    main()
