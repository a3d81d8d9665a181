"""The rule language: parsing into typed objects, and errors located to file:line:col with suggestions."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from rules.load import RuleSetError, bundled_path, load_ruleset
from rules.locate import Locator
from rules.model import RuleSet
from rules.taxonomy import LANGUAGES, NEED_CODES

HEADER = 'ruleset = { name = "test", version = "1" }\n'


def write(folder: Path, name: str, text: str, header: bool = True) -> Path:
    """A rule file: the ruleset line (line 1), then `text` from line 2."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text((HEADER if header else "") + textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
    return path


def errors_of(folder: Path) -> list[str]:
    with pytest.raises(RuleSetError) as caught:
        load_ruleset(folder)
    return [str(e) for e in caught.value.errors]


# -- the bundled set ---------------------------------------------------------------------


def test_bundled_set_loads_with_every_need_in_every_language() -> None:
    rs = load_ruleset()
    assert rs.label.startswith("eteinen-yleinen@")
    for lang in LANGUAGES:
        have = {v.need for v in rs.vocabulary(lang) if v.terms or v.wants}
        assert have == set(NEED_CODES), lang
        cues = rs.cues[lang]
        assert cues.negation and cues.seek and cues.function_words
    assert {r.id for r in rs.rules} >= {"crisis-24h", "benefit-application", "young-one-stop"}
    assert len(rs.examples) >= 20
    assert set(rs.fallback_needs) <= set(NEED_CODES)


def test_bundled_files_each_carry_examples() -> None:
    rs = load_ruleset()
    files_with_examples = {e.position.file for e in rs.examples}
    assert files_with_examples == set(rs.files)


def test_rules_package_imports_neither_flask_nor_routing() -> None:
    code = (
        "import sys, rules.load, rules.locate, rules.model, rules.taxonomy; rules.load.load_ruleset(); "
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('flask', 'routing', 'sqlalchemy', 'sqlmodel')))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


# -- typed objects -----------------------------------------------------------------------


def test_a_rule_file_becomes_typed_objects(tmp_path: Path) -> None:
    write(
        tmp_path,
        "a.toml",
        """
        [[rule]]
        id = "young-debt"
        when = { needs = ["debt"], age = [18, 29], region = ["01"], language = ["fi", "sv"], words = ["pikavip*"] }
        prefer = { name = ["velka"], organization = ["Takuusäätiö"], weight = 2.5 }
        avoid = { need = "livelihood" }
        reason = { fi = "nuoren velat", en = "a young person's debts" }

        [[example]]
        question = "pikavippejä 3000 e"
        given = { age = 22 }
        needs = ["debt"]
        top = { name = "velka" }
        """,
    )
    rs = load_ruleset(tmp_path)
    assert isinstance(rs, RuleSet) and rs.label == "test@1"
    (rule,) = rs.rules
    assert rule.when.needs == ("debt",) and (rule.when.age_min, rule.when.age_max) == (18, 29)
    assert rule.when.regions == ("01",) and rule.when.languages == ("fi", "sv")
    assert rule.when.words[0].words == ("pikavip*",)
    prefer, avoid = rule.actions
    assert (prefer.verb, prefer.weight, prefer.target.names) == ("prefer", 2.5, ("velka",))
    assert prefer.target.organizations == ("Takuusäätiö",)
    assert (avoid.verb, avoid.target.needs) == ("avoid", ("livelihood",))
    assert rule.reason["en"] == "a young person's debts"
    assert rule.position is not None and rule.position.line == 2
    (example,) = rs.examples
    assert example.age == 22 and example.expect_needs == ("debt",) and example.expect_top is not None
    assert str(example.position).endswith("a.toml:9:1")


def test_vocabulary_patterns(tmp_path: Path) -> None:
    write(
        tmp_path,
        "v.toml",
        """
        language = "sv"
        [needs.debt]
        terms = ["skuld", "kan inte betala*"]
        wants = ["lån"]
        weak = ["pengar|slantar"]
        """,
    )
    (vocab,) = load_ruleset(tmp_path).vocabulary("sv")
    assert [p.words for p in vocab.terms] == [("skuld",), ("kan", "inte", "betala*")]
    assert vocab.terms[1].is_phrase and vocab.wants[0].text == "lån" and vocab.weak[0].words == ("pengar|slantar",)


# -- errors ------------------------------------------------------------------------------


def test_three_planted_mistakes_are_all_reported_with_line_and_column(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "routing.toml",
        """
        [[rule]]
        id = "debt-advice"
        when = { needs = ["dept"] }
        prefr = { name = ["velka"] }
        reason = "velat"

        [[rule]]
        id = "youth"
        when = { age_mni = 15 }
        prefer = { need = "youth-work" }
        reason = "nuoret"
        """,
    )
    errors = errors_of(tmp_path)
    assert errors == [
        f"{path}:4:19: unknown need 'dept' (did you mean 'debt'?)",
        f"{path}:5:1: unknown rule field 'prefr' (did you mean 'prefer'?)",
        f"{path}:10:10: unknown condition 'age_mni' (did you mean 'age_min'?)",
    ]


def test_eteinen_rules_check_prints_the_planted_mistakes(tmp_path: Path) -> None:
    """The same three mistakes through the command line: all of them, exit 2."""
    path = write(
        tmp_path,
        "bad.toml",
        """
        language = "fi"
        [needs.housing]
        terms = ["asunto"]
        wnats = ["koti"]

        [[rule]]
        id = "x"
        when = { languge = "fi" }
        avoid = { need = ["helth"] }
        reason = "x"
        """,
    )
    done = subprocess.run(
        [str(Path(sys.executable).parent / "eteinen"), "rules", "check", str(tmp_path)],
        capture_output=True,
        text=True,
        env={
            "PATH": "/usr/bin:/bin",
            "ETEINEN_INSTANCE": str(tmp_path / "i"),
            "DATABASE_URL": f"sqlite:///{tmp_path / 'x.db'}",
        },
    )
    assert done.returncode == 2, done.stderr
    lines = done.stdout.splitlines()
    assert lines == [
        f"{path}:5:1: unknown vocabulary field 'wnats' (did you mean 'wants'?)",
        f"{path}:9:10: unknown condition 'languge' (did you mean 'language'?)",
        f"{path}:10:19: unknown need 'helth' (did you mean 'health'?)",
    ]
    assert "3 problem(s) in the rule set" in done.stderr


def test_toml_syntax_error_is_located(tmp_path: Path) -> None:
    path = write(tmp_path, "broken.toml", 'language = "fi"\n[needs.debt]\nterms = ["velka" "velat"]\n')
    (error,) = errors_of(tmp_path)
    assert error.startswith(f"{path}:4:18: TOML: ")


def test_errors_in_several_files_are_all_collected(tmp_path: Path) -> None:
    a = write(tmp_path, "a.toml", 'language = "fr"\n[needs.debt]\nterms = ["dette"]\n')
    b = write(tmp_path, "b.toml", 'language = "en"\n[needs.dbt]\nterms = ["debt"]\n[rulez]\n', header=False)
    errors = errors_of(tmp_path)
    assert errors[0] == f"{a}:2:12: unknown language 'fr'"
    assert f"{b}:2:1: unknown need 'dbt' (did you mean 'debt'?)" in errors
    assert f"{b}:4:1: unknown section 'rulez' (did you mean 'rule'?)" in errors


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (
            '[[rule]]\nid = "a"\nwhen = { age = [30, 20] }\nprefer = { need = "debt" }\nreason = "r"\n',
            "4:16: age range 30–20 is empty",
        ),
        (
            '[[rule]]\nid = "a"\nwhen = { municipality = ["24"] }\nprefer = { need = "debt" }\nreason = "r"\n',
            "4:26: municipality '24' is not a 3-digit code",
        ),
        (
            '[[rule]]\nid = "a"\nprefer = { need = "debt", weight = -1 }\nreason = "r"\n',
            "4:36: weight must be a number above 0 and at most 100",
        ),
        ('[[rule]]\nid = "a"\nprefer = { }\nreason = "r"\n', "4:10: names nothing"),
        ('[[rule]]\nid = "a"\nprefer = { need = "debt" }\n', "2:1: a rule needs a `reason`"),
        (
            '[[rule]]\nid = "a"\nprefer = { need = "debt" }\nreason = "r"\n[[rule]]\nid = "a"\n'
            'prefer = { need = "debt" }\nreason = "r"\n',
            "7:6: rule id 'a' is used twice",
        ),
        (
            '[[example]]\nquestion = "x"\nneeds = ["employmnet"]\n',
            "4:10: unknown need 'employmnet' (did you mean 'employment'?)",
        ),
        ('[[example]]\nquestion = "x"\ntop = { nam = "x" }\n', "4:9: unknown target 'nam' (did you mean 'name'?)"),
        ('[[example]]\nquestion = "x"\ngiven = { language = "se" }\n', "4:22: unknown language 'se'"),
        ('language = "fi"\n[needs.debt]\nterms = ["vel*ka"]\n', "4:10: bad term 'vel*ka'"),
        ('language = "fi"\n[cues]\nnegaton = ["ei"]\n', "4:1: unknown cue list 'negaton' (did you mean 'negation'?)"),
        (
            '[ruleset]\nfallback_needs = ["socal-work"]\n',
            "2:19: unknown need 'socal-work' (did you mean 'social-work'?)",
        ),
    ],
)
def test_each_mistake_is_located(tmp_path: Path, body: str, expected: str) -> None:
    path = write(tmp_path, "r.toml", body, header="ruleset" not in body)
    errors = errors_of(tmp_path)
    assert any(e.startswith(f"{path}:{expected}") for e in errors), errors


def test_missing_folder_and_empty_folder(tmp_path: Path) -> None:
    assert "no such rule file or folder" in errors_of(tmp_path / "nope")[0]
    (tmp_path / "empty").mkdir()
    assert "no *.toml rule files" in errors_of(tmp_path / "empty")[0]


def test_a_folder_without_ruleset_table_is_refused(tmp_path: Path) -> None:
    write(tmp_path, "v.toml", 'language = "fi"\n[needs.debt]\nterms = ["velka"]\n', header=False)
    assert "no [ruleset] table" in errors_of(tmp_path)[0]


def test_bundled_path_is_inside_the_package() -> None:
    assert (bundled_path() / "ruleset.toml").is_file()


# -- the locator -------------------------------------------------------------------------


def test_locator_finds_keys_values_and_array_elements() -> None:
    source = textwrap.dedent('''\
        top = 1
        [a.b]
        x = ["p", 'q',
             "r"]  # comment with "quotes" and ]
        [[rule]]
        id = "one"
        [[rule]]
        when = { needs = ["debt", "housing"], age = [1, 2] }
        s = """multi
        line ] "with" quotes"""
        after = true
        [[rule.example]]
        q = "x"
        ''')
    loc = Locator(source)
    assert loc.key(("top",)) == (1, 1)
    assert loc.key(("a", "b")) == (2, 1)
    assert loc.value(("a", "b", "x", 1)) == (3, 11)
    assert loc.value(("a", "b", "x", 2)) == (4, 6)
    assert loc.key(("rule", 0, "id")) == (6, 1)
    assert loc.value(("rule", 1, "when", "needs", 1)) == (8, 27)
    assert loc.key(("rule", 1, "when", "age")) == (8, 39)
    assert loc.key(("rule", 1, "after")) == (11, 1)
    assert loc.key(("rule", 1, "example", 0, "q")) == (13, 1)
    assert loc.key(("rule", 5, "nothing")) == (5, 1)  # an unknown path falls back to its nearest ancestor
    assert loc.key(("nothing",)) == (1, 1)
