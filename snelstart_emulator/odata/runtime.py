"""Building blocks of compiled filters: closures over (record, lambda-variable environment)."""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

from snelstart_emulator.odata import ast

Env = dict[str, Any]
Fn = Callable[[Any, Env], Any]


def chain(variable: str | None, getters: list[Callable[[Any], Any]]) -> Fn:
    if variable is None and len(getters) == 1:
        only = getters[0]
        return lambda record, env: only(record)

    def get(record: Any, env: Env) -> Any:
        value = env[variable] if variable else record
        for getter in getters:
            if value is None:
                return None
            value = getter(value)
        return value

    return get


def logical(op: str, left: Fn, right: Fn) -> Fn:
    if op == "and":

        def both(record: Any, env: Env) -> Any:
            a = left(record, env)
            if a is False:
                return False
            b = right(record, env)
            if b is False:
                return False
            return None if a is None or b is None else True

        return both

    def either(record: Any, env: Env) -> Any:
        a = left(record, env)
        if a is True:
            return True
        b = right(record, env)
        if b is True:
            return True
        return None if a is None or b is None else False

    return either


def equality(op: str, left: Fn, right: Fn, guid: bool) -> Fn:
    def equal(record: Any, env: Env) -> bool:
        a, b = left(record, env), right(record, env)
        if guid and a is not None and b is not None:
            return str(a).lower() == str(b).lower()
        return a == b

    if op == "eq":
        return equal
    return lambda record, env: not equal(record, env)


def ordering(op: str, left: Fn, right: Fn) -> Fn:
    compare: Callable[[Any, Any], bool] = {
        "gt": lambda a, b: a > b,
        "ge": lambda a, b: a >= b,
        "lt": lambda a, b: a < b,
        "le": lambda a, b: a <= b,
    }[op]

    def ordered(record: Any, env: Env) -> bool:
        a, b = left(record, env), right(record, env)
        if a is None or b is None:
            return False
        return compare(a, b)

    return ordered


def widest(left: str, right: str) -> str:
    order = [ast.INT32, ast.INT64, ast.SINGLE, ast.DOUBLE, ast.DECIMAL]
    known = [edm for edm in (left, right) if edm in order]
    return max(known, key=order.index) if known else ast.INT32


def arithmetic(op: str, left: Fn, right: Fn, edm: str) -> Fn:
    integral = edm in (ast.INT32, ast.INT64)

    def compute(record: Any, env: Env) -> Any:
        a, b = left(record, env), right(record, env)
        if a is None or b is None:
            return None
        if op == "add":
            return a + b
        if op == "sub":
            return a - b
        if op == "mul":
            return a * b
        if b == 0:
            return None
        if op == "div":
            return int(a / b) if integral else a / b
        return math.fmod(a, b) if not integral else int(math.fmod(a, b))

    return compute


def apply(implementation: Callable[..., Any], fns: list[Fn]) -> Fn:
    def call(record: Any, env: Env) -> Any:
        values = [fn(record, env) for fn in fns]
        if any(value is None for value in values):
            return None
        return implementation(*values)

    return call


def quantifier(kind: str, variable: str, source: Fn, body: Fn) -> Fn:
    def evaluate(record: Any, env: Env) -> bool:
        items = source(record, env) or ()
        inner = dict(env)
        results = []
        for item in items:
            inner[variable] = item
            results.append(body(record, inner) is True)
        return any(results) if kind == "any" else all(results)

    return evaluate
