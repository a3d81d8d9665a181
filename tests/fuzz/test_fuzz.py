"""Generated and hostile requests to every API operation (from the OpenAPI document), every staff form
and every staff page, on SQLite and PostgreSQL: never a 500, a traceback, a slow answer or a logged marker."""

from __future__ import annotations

import json
import re
from typing import Any
from urllib.parse import quote

import pytest
from hypothesis import given
from hypothesis import strategies as st

from routing.api.openapi import document
from tests.fuzz.conftest import (
    FUZZ_SETTINGS,
    MARKER,
    build_fuzzed,
    check_answer,
    json_values,
    no_marker_logged,
    numbers,
    page_client,
    personal_texts,
    texts,
    timed,
)

DOC = document()
PERSONAL_FIELDS = {"question", "client_contact", "note", "text"}
OPERATIONS = sorted(
    (method.upper(), path, op)
    for path, item in DOC["paths"].items()
    for method, op in item.items()
    if method in ("get", "post", "put", "patch", "delete")
)
# who calls: one person of each role, of organisations with and without a part in the cases
CALLERS = ["desk", "b1", "b_admin", "c1", "x1", "coordinator"]


def _resolve(schema: dict[str, Any]) -> dict[str, Any]:
    while "$ref" in schema:
        schema = DOC["components"]["schemas"][schema["$ref"].rsplit("/", 1)[1]]
    return schema


def _value(name: str, schema: dict[str, Any]) -> st.SearchStrategy[Any]:
    """Something of the schema's kind now and then, anything hostile otherwise."""
    schema = _resolve(schema)
    kinds = schema.get("type")
    kinds = kinds if isinstance(kinds, list) else [kinds]
    options: list[st.SearchStrategy[Any]] = [json_values]
    if "enum" in schema:
        options.append(st.sampled_from([v for v in schema["enum"] if v is not None] or [None]))
    if "string" in kinds:
        options.append(personal_texts if name in PERSONAL_FIELDS else texts)
    if "integer" in kinds or "number" in kinds:
        options.append(numbers)
    if "boolean" in kinds:
        options.append(st.booleans())
    if "array" in kinds:
        options.append(st.lists(_value(name, schema.get("items", {})), max_size=3))
    return st.one_of(*options)


def _ids(fz: Any, name: str) -> st.SearchStrategy[str]:
    real = fz.some(name) or fz.some(name.removesuffix("_id"))
    junk = st.one_of(texts, numbers.map(str))
    return st.one_of(st.sampled_from(real), junk) if real else junk


def _body(op: dict[str, Any]) -> st.SearchStrategy[Any]:
    """A JSON body shaped like the operation's schema with hostile values, or anything at all."""
    content = op.get("requestBody", {}).get("content", {}).get("application/json")
    shaped: list[st.SearchStrategy[Any]] = []
    if content:
        schema = _resolve(content["schema"])
        props = schema.get("properties", {})
        if props:
            shaped.append(
                st.fixed_dictionaries({}, optional={k: _value(k, v) for k, v in props.items()}).flatmap(
                    lambda d: st.dictionaries(texts, json_values, max_size=2).map(lambda extra: {**extra, **d})
                )
            )
    raw = st.one_of(
        st.binary(max_size=64).map(lambda b: ("raw", b)),
        st.integers(min_value=30, max_value=3000).map(lambda n: ("raw", b'{"a":' + b"[" * n + b"]" * n + b"}")),
        st.sampled_from([b'{"question": "\\ud800"}', b"{", b"[]", b"null", b'{"age": NaN}', b'"x"']).map(
            lambda b: ("raw", b)
        ),
    )
    return st.one_of(*shaped, json_values, raw) if shaped else st.one_of(st.none(), json_values, raw)


@st.composite
def api_requests(draw: Any, fz: Any) -> tuple[str, str, str, str, Any]:
    method, template, op = draw(st.sampled_from(OPERATIONS))
    caller = draw(st.sampled_from(CALLERS))
    path = template
    for name in re.findall(r"{(\w+)}", template):
        path = path.replace("{" + name + "}", quote(str(draw(_ids(fz, name))), safe="") or "x")
    query = {}
    for param in op.get("parameters", []):
        if param.get("in") == "query" and draw(st.booleans()):
            value = draw(st.one_of(_value(param["name"], param.get("schema", {})), _ids(fz, param["name"])))
            query[param["name"]] = value if isinstance(value, str) else json.dumps(value)
    body = draw(_body(op)) if method in ("POST", "PUT", "PATCH") else None
    return caller, method, template, path, (query, body)


def _send(client: Any, token: str, method: str, path: str, query: dict[str, str], body: Any) -> Any:
    headers = {"Authorization": f"Bearer {token}"}
    kwargs: dict[str, Any] = {"headers": headers, "query_string": query}
    if isinstance(body, tuple) and body[0] == "raw":
        kwargs["data"] = body[1]
        headers["Content-Type"] = "application/json"
    elif body is not None:
        kwargs["data"] = json.dumps(body)  # NaN and Infinity too, as a careless client sends them
        headers["Content-Type"] = "application/json"
    return client.open(path, method=method, **kwargs)


def test_every_api_operation_survives_generated_requests(app, client, world, capture_all) -> None:
    fz = build_fuzzed(app, client, world)

    @FUZZ_SETTINGS
    @given(st.data())
    def run(data: Any) -> None:
        caller, method, template, path, (query, body) = data.draw(api_requests(fz))
        response, elapsed = timed(lambda: _send(client, world.tokens[caller], method, path, query, body))
        documented = {int(code) for code in DOC["paths"][template][method.lower()]["responses"] if code.isdigit()}
        check_answer(response, elapsed, f"api {method} {template}", documented)

    run()
    no_marker_logged(capture_all)


# --- staff forms and pages -----------------------------------------------------------------

FORM_FIELDS = {
    "question": personal_texts,
    "client_contact": personal_texts,
    "note": personal_texts,
    "text": personal_texts,
    "municipality": texts,
    "age": st.one_of(texts, numbers.map(str)),
    "language": texts,
    "consent": st.sampled_from(["y", "", "on", "\x00"]),
    "target": texts,
    "reason": texts,
    "outcome": texts,
    "to": texts,
    "next": texts,
}
# the forms a fuzzer may post (not /logout, /login: they end or start sessions; not the directory upload,
# which runs an import job of its own and has its own bad-input tests in tests/hsds)
SKIPPED_FORMS = {"web.logout", "web.login", "web.directory_import"}
PAGE_ARGS = [
    "page",
    "offers",
    "mine",
    "returned",
    "search",
    "need",
    "municipality",
    "lang",
    "next",
    "period",
    "from",
    "to",
]
PEOPLE = ["desk@example.fi", "b1@example.fi", "b_admin@example.fi", "coordinator@example.fi"]


def _web_rules(app: Any, method: str) -> list[tuple[str, str]]:
    return sorted(
        (rule.rule, rule.endpoint)
        for rule in app.url_map.iter_rules()
        if method in (rule.methods or ()) and rule.endpoint.startswith("web.") and rule.endpoint not in SKIPPED_FORMS
    )


def _fill(draw: Any, fz: Any, rule: str) -> str:
    path = rule
    for name in re.findall(r"<(?:\w+:)?(\w+)>", rule):
        value = draw(_ids(fz, name))
        path = re.sub(rf"<(?:\w+:)?{name}>", quote(str(value), safe="") or "x", path)
    return path


def test_every_staff_form_survives_generated_posts(app, client, world, capture_all) -> None:
    fz = build_fuzzed(app, client, world)
    people = [page_client(app, email) for email in PEOPLE]
    forms = _web_rules(app, "POST")
    assert len(forms) >= 8

    @FUZZ_SETTINGS
    @given(st.data())
    def run(data: Any) -> None:
        page, token = data.draw(st.sampled_from(people))
        rule, endpoint = data.draw(st.sampled_from(forms))
        path = _fill(data.draw, fz, rule)
        fields = data.draw(st.fixed_dictionaries({}, optional=FORM_FIELDS))
        fields["csrf_token"] = token
        response, elapsed = timed(lambda: page.post(path, data=fields))
        check_answer(response, elapsed, f"form {endpoint}")

    run()
    no_marker_logged(capture_all)


def test_every_staff_page_survives_generated_addresses(app, client, world, capture_all) -> None:
    fz = build_fuzzed(app, client, world)
    people = [page_client(app, email)[0] for email in PEOPLE] + [app.test_client()]
    pages = _web_rules(app, "GET")

    @FUZZ_SETTINGS
    @given(st.data())
    def run(data: Any) -> None:
        page = data.draw(st.sampled_from(people))
        rule, endpoint = data.draw(st.sampled_from(pages))
        path = _fill(data.draw, fz, rule)
        args = data.draw(st.dictionaries(st.sampled_from(PAGE_ARGS), st.one_of(texts, numbers.map(str)), max_size=3))
        response, elapsed = timed(lambda: page.get(path, query_string=args))
        check_answer(response, elapsed, f"page {endpoint}")

    run()
    no_marker_logged(capture_all)


@pytest.mark.parametrize("email", ["b1@example.fi", "nobody@example.fi"])
def test_the_login_form_survives_generated_posts(app, world, capture_all, email) -> None:
    from tests.web.conftest import csrf_token

    client = app.test_client()

    @FUZZ_SETTINGS
    @given(st.fixed_dictionaries({}, optional={"email": st.one_of(texts, st.just(email)), "password": texts}), texts)
    def run(fields: dict[str, str], next_: str) -> None:
        fields["csrf_token"] = csrf_token(client, "/login")
        response, elapsed = timed(lambda: client.post("/login", query_string={"next": next_}, data=fields))
        check_answer(response, elapsed, "form web.login")
        if response.status_code == 302:
            assert response.headers["Location"].startswith(("/", "http://localhost/"))

    run()
    no_marker_logged(capture_all)
    assert MARKER
