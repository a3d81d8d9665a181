"""The figures over the API and the command line: roles, bad input, the same numbers everywhere."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from routing.cli import cli

from .jan2026 import January

QUERY = "?from=2026-01-05&to=2026-01-18"


def get(client, path: str, token: str):  # type: ignore[no-untyped-def]
    return client.get(path, headers={"Authorization": f"Bearer {token}"})


@pytest.mark.parametrize("role", ["coordinator", "admin"])
def test_coordinators_and_admins_see_the_network(client, january: January, role: str) -> None:
    response = get(client, f"/api/v1/figures{QUERY}", january.tokens[role])
    assert response.status_code == 200
    body = response.json
    assert body["opened_total"] == 13 and body["owned_total"] == 9
    assert body["organization_id"] is None
    assert body["weeks"][0] == {"week": "2026-W02", "opened": 9, "owned": 7, "median_hours_to_owner": 24.0}
    assert body["by_front_door"] == {"Ohjaamo Kerava": 8, "Kirjasto Vantaa": 5}
    assert set(body) >= {
        "from",
        "to",
        "region",
        "opened_total",
        "owned_total",
        "time_to_owner_hours",
        "declines_by_reason",
        "outcomes",
        "needs",
        "unmet_needs",
        "weeks",
        "unowned_older_than_14_days",
        "by_front_door",
        "by_channel",
        "time_to_owner_by_organisation",
        "declines_by_organisation",
        "returned_to_open",
    }


def test_an_org_admin_sees_their_own_organisation(client, january: January) -> None:
    body = get(client, f"/api/v1/figures{QUERY}", january.tokens["org-admin"]).json
    assert body["organization_id"] == january.r2.id
    assert body["opened_total"] == "<5"  # r2 took part in 3, 5, 6 and 10
    assert [o["name"] for o in body["time_to_owner_by_organisation"]] == ["Velkaneuvonta"]
    assert [o["name"] for o in body["declines_by_organisation"]] == ["Velkaneuvonta"]


@pytest.mark.parametrize("role", ["front-desk", "counsellor"])
def test_other_roles_may_not(client, january: January, role: str) -> None:
    response = get(client, f"/api/v1/figures{QUERY}", january.tokens[role])
    assert response.status_code == 403
    assert response.json["error"]["code"] == "forbidden"
    assert get(client, "/api/v1/directory/overlaps", january.tokens[role]).status_code == 403


def test_no_token(client, january: January) -> None:
    assert client.get("/api/v1/figures").status_code == 401


@pytest.mark.parametrize(
    ("query", "words"),
    [
        ("?from=2026-02-30", "from: '2026-02-30' is not a date"),
        ("?to=today", "to: 'today' is not a date"),
        ("?from=2026-03-01&to=2026-02-01", "to (2026-02-01) is before from (2026-03-01)"),
        ("?region=42", "region: no region '42'"),
    ],
)
def test_bad_input_is_a_400_with_the_reason(client, january: January, query: str, words: str) -> None:
    for path in ("/api/v1/figures", "/api/v1/directory/overlaps"):
        response = get(client, path + query, january.tokens["coordinator"])
        assert response.status_code == 400
        assert response.json["error"]["message"] == words or words in response.json["error"]["message"]


def test_command_formats(runner, january: January) -> None:
    args = ["figures", "--from", "2026-01-05", "--to", "2026-01-18"]
    as_json = runner.invoke(cli, [*args, "--format", "json"])
    assert as_json.exit_code == 0, as_json.output
    body = json.loads(as_json.output)
    assert body["opened_total"] == 13 and body["by_channel"] == {
        "desk": 10,
        "ring": "<5",
        "api": "<5",
        "online": 0,
        "email": 0,
    }

    as_csv = runner.invoke(cli, [*args, "--format", "csv"])
    assert as_csv.exit_code == 0
    assert as_csv.output.startswith("table,row,column,value\n")
    assert "weeks,2026-W02,opened,9\n" in as_csv.output

    table = runner.invoke(cli, args)
    assert table.exit_code == 0
    assert "Referrals opened per week" in table.output
    assert "2026-W02  9       7      24.0" in table.output
    assert "2026-W03  <5      <5     –" in table.output


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["--from", "5.1.2026"], "is not a date"),
        (["--from", "2026-02-01", "--to", "2026-01-01"], "is before"),
        (["--region", "99"], "no region"),
        (["--format", "xml"], "xml"),
    ],
)
def test_command_bad_input_exits_2(runner, january: January, args: list[str], words: str) -> None:
    result = runner.invoke(cli, ["figures", *args])
    assert result.exit_code == 2
    assert words in result.output


def test_command_as_a_real_process(cli_env, january: January) -> None:
    """``eteinen figures --format csv`` as a user runs it, against the same database."""
    done = subprocess.run(
        [sys.executable, "-m", "routing", "figures", "--from", "2026-01-05", "--to", "2026-01-18", "--format", "csv"],
        env=cli_env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    assert "summary,opened,value,13\n" in done.stdout
