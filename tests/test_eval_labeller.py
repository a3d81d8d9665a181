"""The independent labeller of the evaluation sets agrees with the sample's own labels."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT.parent / "shared" / "eval-sample"


@pytest.mark.parametrize(
    "set_dir", [SAMPLE, ROOT / "eval" / "uusimaa", ROOT / "eval" / "fresh"], ids=["sample", "uusimaa", "fresh"]
)
def test_labels_agree_with_the_profiles_order(set_dir: Path) -> None:
    if not (set_dir / "enquiries.jsonl").exists():
        pytest.skip(f"{set_dir} is not here (shared/ lives beside the project)")
    done = subprocess.run(
        [sys.executable, str(ROOT / "eval" / "label.py"), str(set_dir), "--check"], capture_output=True, text=True
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "labels agree" in done.stdout


def test_fresh_directory_is_in_step_with_its_generator(tmp_path: Path) -> None:
    generator = ROOT / "eval" / "fresh" / "network.py"
    done = subprocess.run([sys.executable, str(generator), str(tmp_path)], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    written = ROOT / "eval" / "fresh" / "directory"
    for path in tmp_path.iterdir():
        assert path.read_bytes() == (written / path.name).read_bytes(), f"run python eval/fresh/network.py: {path.name}"
