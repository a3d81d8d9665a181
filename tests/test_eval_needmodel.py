"""The seventh held-out set is in step with its scripts; the need-model experiment's model reads as described."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FRESH7 = ROOT / "eval" / "fresh7"
sys.path.insert(0, str(ROOT / "eval" / "needmodel"))

from model import NeedModel, parse, text_features  # noqa: E402

from routing.matcher.text import tokenise  # noqa: E402


def test_fresh7_directory_and_enquiries_are_in_step_with_their_scripts(tmp_path: Path) -> None:
    done = subprocess.run([sys.executable, str(FRESH7 / "network.py"), str(tmp_path)], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    for path in tmp_path.iterdir():
        assert path.read_bytes() == (FRESH7 / "directory" / path.name).read_bytes(), path.name
    done = subprocess.run(
        [sys.executable, str(ROOT / "eval" / "label.py"), str(FRESH7), "--check"], capture_output=True, text=True
    )
    assert done.returncode == 0 and "labels agree" in done.stdout, done.stdout + done.stderr


MODEL = NeedModel(
    threshold=0.7,
    max_added=1,
    bias={"housing": -2.0, "debt": -2.0, "employment": -2.0},
    weights={"housing": {"l:kämppä": 3.5, "p:kampa": 0.5}, "debt": {"l:vippi": 5.0}, "employment": {"l:kämppä": 0.1}},
)


def test_the_model_adds_a_need_the_rules_missed_with_the_words_that_gave_it_away() -> None:
    tokens = tokenise("Tarttisin uuden kämpän ennen kesää")
    features = text_features(tokens, "fi")
    assert MODEL.added_needs(features, tokens, read=(), turned_down=()) == {"housing": ["kämpän"]}


def test_the_rules_win_over_the_model() -> None:
    tokens = tokenise("Tarttisin uuden kämpän, vippejä on kertynyt")
    features = text_features(tokens, "fi")
    assert set(MODEL.added_needs(features, tokens, read=(), turned_down=())) == {"debt"}  # one at most, likeliest
    assert MODEL.added_needs(features, tokens, read=("debt",), turned_down=("housing",)) == {}


def test_a_model_file_reads_back_as_written() -> None:
    assert parse(MODEL.to_json()) == MODEL
