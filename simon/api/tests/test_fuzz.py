"""Whatever a client sends, the answer is JSON and never a 500 (hypothesis generates bodies)."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from simon.forms import services as forms
from simon.testing import DAY
from simon.workorders import services

ALLOWED = {200, 201, 400, 403, 404, 409, 422}
FUZZ = settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

scalars = (
    st.none()
    | st.booleans()
    | st.integers()
    | st.integers(min_value=-(10**30), max_value=10**30)
    | st.floats()
    | st.text(max_size=300)
    | st.sampled_from(["2,5", "08:00", "2026-03-16", "werktijd", "reistijd", "\x00", "1e999"])
)
values = st.recursive(
    scalars,
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3)
    ),
    max_leaves=6,
)


def bodies(fields: list[str]) -> st.SearchStrategy[Any]:
    known = st.fixed_dictionaries({}, optional=dict.fromkeys(fields, values))
    return known | st.dictionaries(st.sampled_from([*fields, "extra"]), values) | values


@pytest.fixture
def world(planned, bob, article, template):
    entry = services.add_time_entry(
        planned, by=bob, employee=bob, kind="werktijd", date=DAY, minutes=5
    )
    line = services.add_material(planned, by=bob, article=article, quantity=1)
    response = forms.attach_form(planned, template, by=bob)
    return {"wo": planned.code, "entry": entry.code, "line": line.code, "form": response.code}


def check(response: Any) -> None:
    assert response.status_code in ALLOWED, response.content
    body = response.json()
    if response.status_code >= 400:
        assert set(body) == {"message", "field", "errors"}
        assert isinstance(body["message"], str) and body["message"]


@FUZZ
@given(body=bodies(["customer", "work_address", "description", "customer_reference"]))
def test_create_work_order(bob_api, customer, body):
    check(bob_api.post("/work-orders", body))


@FUZZ
@given(body=bodies(["kind", "date", "minutes", "start", "end", "note"]))
def test_time_entries(bob_api, world, body):
    check(bob_api.post(f"/work-orders/{world['wo']}/time-entries", body))
    check(bob_api.patch(f"/work-orders/{world['wo']}/time-entries/{world['entry']}", body))


@FUZZ
@given(body=bodies(["article", "quantity", "note"]))
def test_materials(bob_api, world, body):
    check(bob_api.post(f"/work-orders/{world['wo']}/materials", body))
    check(bob_api.patch(f"/work-orders/{world['wo']}/materials/{world['line']}", body))


@FUZZ
@given(body=bodies(["template"]), answers=values, complete=values)
def test_forms(bob_api, world, template, body, answers, complete):
    check(bob_api.post(f"/work-orders/{world['wo']}/forms", body))
    keys = [str(q.code) for q in template.questions.all()]
    given_answers = dict(zip(keys, answers, strict=False)) if isinstance(answers, list) else answers
    check(
        bob_api.put(
            f"/work-orders/{world['wo']}/forms/{world['form']}",
            {"answers": given_answers, "complete": complete},
        )
    )


@FUZZ
@given(q=st.text(max_size=40), limit=st.text(max_size=25), offset=st.text(max_size=25))
def test_lists(bob_api, customer, article, q, limit, offset):
    query = {"q": q, "limit": limit, "offset": offset}
    for path in ["/customers", "/articles", "/work-orders/mine", "/form-templates"]:
        check(bob_api.client.get("/api/v1" + path, query, headers=bob_api.headers))
