"""`eteinen route`, `eteinen route --batch`, `eteinen rules check` and `POST /api/v1/route`, on a real database."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient, FlaskCliRunner
from matcher_helpers import store_directory
from sqlalchemy import Engine
from test_ranking import DIRECTORY, svc

import routing.accounts.auth as auth
from routing.cli import cli
from routing.core import db
from routing.matcher.loading import RouterCache, current_router
from routing.matcher.router import MAX_QUESTION_CHARS, RouteInputError, parse_request


@pytest.fixture
def directory(engine: Engine) -> Engine:
    store_directory(engine, DIRECTORY)
    return engine


# -- input checks --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("body", "field", "words"),
    [
        ({}, "question", "required"),
        ({"question": "   \n "}, "question", "empty"),
        ({"question": "x" * 100_000}, "question", f"at most {MAX_QUESTION_CHARS}"),
        ({"question": 42}, "question", "string"),
        ({"question": "apua", "age": -3}, "age", "not a person's age"),
        ({"question": "apua", "age": 430}, "age", "not a person's age"),
        ({"question": "apua", "age": "kolme"}, "age", "whole number"),
        ({"question": "apua", "age": True}, "age", "whole number"),
        ({"question": "apua", "language": "de"}, "language", "unknown language 'de'"),
        ({"question": "apua", "limit": 0}, "limit", "from 1 to 50"),
        ({"question": "apua", "municipality": ["245"]}, "municipality", "code or name"),
        ({"question": "apua", "needs": "debt"}, "needs", "must be a list"),
        ({"question": "apua", "needs": ["debt", "velka"]}, "needs", "unknown need code 'velka'"),
        ({"question": "apua", "needs": ["debt", "debt"]}, "needs", "given twice"),
        ({"question": "apua", "needs": [3]}, "needs", "strings"),
        ({"question": "apua", "needs": ["debt"] * 15}, "needs", "the taxonomy has only 14"),
    ],
)
def test_bad_input_says_what_and_where(body: dict, field: str, words: str) -> None:
    with pytest.raises(RouteInputError) as caught:
        parse_request(body)
    assert caught.value.field == field and words in caught.value.message


def test_good_input_is_normalised() -> None:
    request = parse_request({"question": "apua", "municipality": 91, "age": "24", "language": " SV ", "limit": 3})
    assert (request.municipality, request.age, request.language, request.limit) == ("091", 24, "sv", 3)
    assert parse_request({"question": "apua", "municipality": " ", "language": ""}).municipality is None


# -- command line --------------------------------------------------------------------------


def test_route_plain_output_is_a_table_with_reasons(directory: Engine, runner: FlaskCliRunner) -> None:
    result = runner.invoke(cli, ["route", "asun jyväskylässä ja tarttisin apua työnhakuun, oon 24"])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0] == "language: fi   municipality: Jyväskylä (179, text)   age: 24"
    assert lines[1] == "needs: employment (työnhakuun)"
    assert " 1. " in result.output and "Nuorten palvelupiste — Org A" in result.output
    assert "ikä 15–29 sopii (24)" in result.output


def test_route_json_and_given_fields(directory: Engine, runner: FlaskCliRunner) -> None:
    result = runner.invoke(
        cli,
        [
            "route",
            "etsin töitä",
            "--municipality",
            "Laukaa",
            "--age",
            "40",
            "--language",
            "fi",
            "--limit",
            "2",
            "--json",
        ],
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["municipality"] == {"code": "410", "name": "Laukaa", "source": "given"}
    assert [c["service_id"] for c in data["candidates"]] == ["G", "C"]


def test_route_without_place_or_age_asks_for_them(directory: Engine, runner: FlaskCliRunner) -> None:
    store_directory(
        directory, [svc("Y", ["livelihood"], ["municipality:179"], low=15, high=29), svc("Z", ["livelihood"], [])]
    )
    data = json.loads(runner.invoke(cli, ["route", "mul ei oo rahaa", "--json"]).output)
    assert [n["code"] for n in data["needs"]] == ["livelihood"]
    assert data["ask"] == ["age", "municipality"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["route", "   "], "question: the question is empty"),
        (["route", "x" * 100_000], "question: the question is"),
        (["route", "apua", "--municipality", "Atlantis"], "municipality: unknown municipality 'Atlantis'"),
        (["route", "apua", "--age", "-1"], "age: age -1 is not a person's age"),
        (["route", "apua", "--age", "200"], "age: age 200 is not a person's age"),
        (["route", "apua", "--language", "de"], "language: unknown language 'de'"),
        (["route"], "give the client's QUESTION"),
    ],
)
def test_route_bad_input_exits_2(directory: Engine, runner: FlaskCliRunner, args: list[str], message: str) -> None:
    result = runner.invoke(cli, args)
    assert result.exit_code == 2
    assert message in result.output
    assert "Traceback" not in result.output


def test_batch_is_one_json_line_per_input_line_in_order(
    directory: Engine, runner: FlaskCliRunner, tmp_path: Path
) -> None:
    lines = [
        json.dumps({"id": "a", "question": "etsin töitä jyväskylästä", "age": 24}),
        json.dumps({"id": "b", "question": ""}),
        "{not json",
        json.dumps(["a list"]),
        json.dumps({"id": 7, "question": "Jag söker jobb", "municipality": "179", "age": 400}),
        json.dumps({"id": "c", "question": "I need a job", "municipality": "Jyväskylä", "language": "en"}),
        json.dumps({"question": "etsin töitä", "municipality": "Nowhere"}),
        "",
        json.dumps({"question": "etsin töitä"}),
    ]
    batch = tmp_path / "batch.jsonl"
    batch.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = runner.invoke(cli, ["route", "--batch", str(batch), "--limit", "2"])
    assert result.exit_code == 0
    out = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(out) == len(lines)
    assert out[0]["id"] == "a" and out[0]["candidates"][0]["service_id"] == "A" and len(out[0]["candidates"]) == 2
    assert out[1] == {"id": "b", "error": {"code": "bad-input", "message": "line 2: question: the question is empty"}}
    assert out[2]["id"] is None and out[2]["error"]["code"] == "bad-json"
    assert out[3]["error"]["message"] == "line 4: not a JSON object"
    assert out[4]["id"] == 7 and "age" in out[4]["error"]["message"]
    assert out[5]["id"] == "c" and out[5]["language"] == "en" and out[5]["candidates"]
    assert out[6]["error"]["code"] == "unknown-municipality" and "id" in out[6]
    assert out[7]["error"]["code"] == "bad-json"
    assert "id" not in out[8] and out[8]["candidates"]


def test_batch_of_a_missing_file_is_usage_error(runner: FlaskCliRunner, tmp_path: Path) -> None:
    result = runner.invoke(cli, ["route", "--batch", str(tmp_path / "nope.jsonl")])
    assert result.exit_code == 2


def test_rules_check_runs_the_bundled_examples(directory: Engine, runner: FlaskCliRunner) -> None:
    result = runner.invoke(cli, ["rules", "check"])
    assert result.exit_code == 0, result.output
    assert "example(s):" in result.output and " 0 failed" in result.output


def test_rules_check_reports_failing_examples(runner: FlaskCliRunner, tmp_path: Path, directory: Engine) -> None:
    (tmp_path / "r.toml").write_text(
        'ruleset = { name = "t", version = "1" }\nlanguage = "fi"\n[needs.debt]\nterms = ["velka"]\n'
        '[[example]]\nquestion = "velkaa on"\nneeds = ["housing"]\n',
        encoding="utf-8",
    )
    result = runner.invoke(cli, ["rules", "check", str(tmp_path)])
    assert result.exit_code == 1
    assert f"{tmp_path / 'r.toml'}:5:1: example 'velkaa on': needs ['debt'], expected ['housing']" in result.output


def test_etinen_rules_folder_overrides_the_bundled_set(app_config: dict, tmp_path: Path) -> None:
    from routing import create_app

    (tmp_path / "r.toml").write_text(
        'ruleset = { name = "local", version = "7" }\nlanguage = "fi"\n[needs.debt]\nterms = ["lasku"]\n',
        encoding="utf-8",
    )
    app = create_app({**app_config, "ETEINEN_RULES": str(tmp_path)})
    with app.app_context():
        result = current_router().route(parse_request({"question": "lasku tuli"}))
    app.extensions["eteinen.engine"].dispose()
    assert result.ruleset == "local@7" and [n.code for n in result.needs] == ["debt"]


# -- the index follows the directory -------------------------------------------------------


def test_index_is_rebuilt_when_the_directory_version_changes(
    app: Flask, engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("routing.matcher.loading.VERSION_CHECK_SECONDS", 0.0)
    cache = RouterCache()
    with app.app_context():
        first = cache.router(engine)
        assert len(first.index) == 0
        assert cache.router(engine) is first  # same version: no rebuild
        store_directory(engine, [svc("X", ["debt"], [])])
        second = cache.router(engine)
    assert second is not first and len(second.index) == 1
    assert second.vocabulary is first.vocabulary  # the rule set is not read again


def test_route_touches_no_database_between_version_checks(app: Flask, directory: Engine) -> None:
    from sqlalchemy import event

    statements: list[str] = []

    def record(_conn: object, _cursor: object, statement: str, *_args: object) -> None:
        statements.append(statement)

    with app.app_context():
        current_router()  # built once
        event.listen(directory, "before_cursor_execute", record)
        try:
            for _ in range(20):
                current_router().route(parse_request({"question": "etsin töitä", "municipality": "179"}))
        finally:
            event.remove(directory, "before_cursor_execute", record)
    assert len(statements) <= 2  # at most one version check a second, never per route or candidate


# -- API -----------------------------------------------------------------------------------


@pytest.fixture
def token(directory: Engine) -> str:
    with db.transaction(directory) as s:
        user = auth.add_user(s, "desk@example.fi", "Org A", "front-desk", "a long password 123")
        return auth.create_token(s, user, "tests")


def test_api_route(client: FlaskClient, token: str) -> None:
    headers = {"Authorization": f"Bearer {token}"}
    response = client.post(
        "/api/v1/route", json={"question": "etsin töitä, oon 24", "municipality": "179"}, headers=headers
    )
    assert response.status_code == 200, response.json
    data = response.get_json()
    assert data["candidates"][0]["service_id"] == "A" and data["municipality"]["source"] == "given"
    assert data["needs"] == [{"code": "employment", "evidence": ["etsin", "töitä"], "source": "text"}]


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ({"question": ""}, "question: the question is empty"),
        ({"question": "x" * 100_000}, "question: the question is 100000 characters long"),
        ({"question": "apua", "municipality": "Atlantis"}, "municipality: unknown municipality 'Atlantis'"),
        ({"question": "apua", "age": -5}, "age: age -5 is not a person's age"),
        ({"question": "apua", "age": 999}, "age: age 999 is not a person's age"),
        ({"question": "apua", "language": "fr"}, "language: unknown language 'fr'"),
    ],
)
def test_api_route_bad_input_is_400(client: FlaskClient, token: str, body: dict, message: str) -> None:
    response = client.post("/api/v1/route", json=body, headers={"Authorization": f"Bearer {token}"})
    assert response.status_code == 400
    assert response.get_json()["error"]["message"].startswith(message)


def test_api_route_with_the_desks_needs(client: FlaskClient, token: str) -> None:
    """The desk's needs replace the engine's: a need it read keeps its words, one it did not is `given`."""
    headers = {"Authorization": f"Bearer {token}"}
    question = {"question": "etsin töitä, oon 24", "municipality": "179"}
    read = client.post("/api/v1/route", json=question, headers=headers).get_json()
    corrected = client.post(
        "/api/v1/route", json={**question, "needs": ["employment", "mental-health"]}, headers=headers
    ).get_json()
    assert [n["code"] for n in read["needs"]] == ["employment"]
    assert corrected["needs"] == [
        {"code": "employment", "evidence": ["etsin", "töitä"], "source": "text"},
        {"code": "mental-health", "evidence": [], "source": "given"},
    ]
    unticked = client.post("/api/v1/route", json={**question, "needs": []}, headers=headers).get_json()
    assert unticked["needs"] == [] and unticked["candidates"], "no need left: general guidance, never nothing"


@pytest.mark.parametrize(
    ("needs", "message"),
    [
        ("employment", "needs: `needs` must be a list"),
        (["employment", "employment"], "needs: `needs` need code 'employment' is given twice"),
        (["työ"], "needs: `needs` unknown need code 'työ'"),
        (list(range(20)), "needs: `needs` has 20 codes"),
    ],
)
def test_api_route_bad_needs_is_400(client: FlaskClient, token: str, needs: object, message: str) -> None:
    response = client.post(
        "/api/v1/route", json={"question": "apua", "needs": needs}, headers={"Authorization": f"Bearer {token}"}
    )
    assert response.status_code == 400
    assert response.get_json()["error"]["message"].startswith(message)


def test_api_route_needs_a_token(client: FlaskClient, directory: Engine) -> None:
    response = client.post("/api/v1/route", json={"question": "apua"})
    assert response.status_code == 401
    bad = client.post("/api/v1/route", json={"question": "apua"}, headers={"Authorization": "Bearer nope"})
    assert bad.status_code == 401
    assert client.post("/api/v1/route", data="not json", headers={"Authorization": "Bearer nope"}).status_code == 401
