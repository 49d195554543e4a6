"""Type-check a `$filter` tree against an entity type and turn it into a Python predicate.

Semantics (those of LINQ over nullable values, as the server's query provider applies them):
* `x eq null` is true only when x is null; `gt/ge/lt/le` with a null operand are false;
* a function with a null argument yields null, and null counts as false where a boolean is needed;
* `and`/`or`/`not` use three-valued logic; only a final `true` selects a row;
* strings compare ordinally (case-sensitive); GUIDs compare case-insensitively.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from snelstart_emulator.odata import ast
from snelstart_emulator.odata.errors import ODataError
from snelstart_emulator.odata.functions import FUNCTIONS
from snelstart_emulator.odata.parser import parse
from snelstart_emulator.odata.runtime import (
    Env,
    Fn,
    apply,
    arithmetic,
    chain,
    equality,
    logical,
    ordering,
    quantifier,
    widest,
)
from snelstart_emulator.odata.schema import Property, StructuredType

_OPERATOR_KIND = {
    "eq": "Equal",
    "ne": "NotEqual",
    "gt": "GreaterThan",
    "ge": "GreaterThanOrEqual",
    "lt": "LessThan",
    "le": "LessThanOrEqual",
    "and": "And",
    "or": "Or",
    "add": "Add",
    "sub": "Subtract",
    "mul": "Multiply",
    "div": "Divide",
    "mod": "Modulo",
}
_ORDERED = ("string", "numeric", "datetime", "datetimeoffset", "guid", "time")


def category(edm: str) -> str:
    if edm in ast.NUMERIC:
        return "numeric"
    return {
        ast.STRING: "string",
        ast.BOOLEAN: "boolean",
        ast.DATETIME: "datetime",
        ast.DATETIMEOFFSET: "datetimeoffset",
        ast.GUID: "guid",
        ast.TIME: "time",
        ast.NULL: "null",
    }.get(edm, edm)


@dataclass(frozen=True)
class Typed:
    fn: Fn
    edm: str  # "" when not a single primitive value
    prop: Property | None = None  # set for property paths
    element: StructuredType | str | None = None  # collection element type


@dataclass(frozen=True)
class Bounds:
    """A range on ModifiedOn implied by the top-level `and` chain."""

    low: datetime | None = None
    low_inclusive: bool = True
    high: datetime | None = None
    high_inclusive: bool = True


@dataclass(frozen=True)
class CompiledFilter:
    predicate: Callable[[Any], bool]
    bounds: Bounds | None


def compile_filter(
    text: str,
    root: StructuredType,
    case_insensitive: bool = False,
    unfilterable: frozenset[str] = frozenset(),
) -> CompiledFilter:
    """Parse and compile; raises ODataError for syntax, unknown properties and type errors, and
    for the root type's properties named in ``unfilterable``."""
    tree = parse(text)
    compiler = _Compiler(root, case_insensitive, unfilterable)
    typed = compiler.compile(tree, {})
    if typed.edm != ast.BOOLEAN:
        raise ODataError("The $filter expression must evaluate to a single boolean value.")
    fn = typed.fn
    empty: Env = {}

    def predicate(record: Any) -> bool:
        return fn(record, empty) is True

    return CompiledFilter(predicate, compiler.bounds(tree))


class _Compiler:
    def __init__(
        self,
        root: StructuredType,
        case_insensitive: bool,
        unfilterable: frozenset[str] = frozenset(),
    ) -> None:
        self.root = root
        self.case_insensitive = case_insensitive
        self.unfilterable = unfilterable

    # -- paths ----------------------------------------------------------------------------------
    def resolve(self, path: ast.Path, scope: dict[str, StructuredType | str]) -> Typed:
        segments = list(path.segments)
        variable = segments[0] if segments[0] in scope else None
        current: StructuredType | str = scope[variable] if variable else self.root
        if variable:
            segments.pop(0)
        getters: list[Callable[[Any], Any]] = []
        prop: Property | None = None
        for index, name in enumerate(segments):
            if not isinstance(current, StructuredType) or (prop is not None and prop.collection):
                owner = current if isinstance(current, str) else f"Collection({current.clr_name})"
                raise ODataError(f"Could not find a property named '{name}' on type '{owner}'.")
            prop = current.find(name, self.case_insensitive)
            if prop is None:
                raise ODataError(
                    f"Could not find a property named '{name}' on type '{current.clr_name}'."
                )
            if current is self.root and prop.name in self.unfilterable:
                raise ODataError(
                    "The query specified in the URI is not valid. The property "
                    f"'{prop.name}' cannot be used in the $filter query option."
                )
            getters.append(prop.getter)
            if prop.collection:
                current = prop.complex or prop.element_edm
                if index != len(segments) - 1:
                    raise ODataError(
                        "The parent value for a property access of a property "
                        f"'{segments[index + 1]}' is not a single value. "
                        "Property access can only be applied to a single value."
                    )
            else:
                current = prop.complex or prop.edm
        fn = chain(variable, getters)
        if prop is None:  # the bare range variable
            edm = current if isinstance(current, str) else ""
            return Typed(fn, edm)
        if prop.collection:
            return Typed(fn, "", prop, current)
        return Typed(fn, prop.edm, prop)

    # -- expressions ----------------------------------------------------------------------------
    def compile(self, node: ast.Node, scope: dict[str, StructuredType | str]) -> Typed:
        if isinstance(node, ast.Literal):
            value = node.value
            return Typed(lambda record, env: value, node.edm)
        if isinstance(node, ast.Path):
            return self.resolve(node, scope)
        if isinstance(node, ast.Unary):
            return self.unary(node, scope)
        if isinstance(node, ast.Binary):
            return self.binary(node, scope)
        if isinstance(node, ast.Call):
            return self.call(node, scope)
        return self.lambda_(node, scope)

    def unary(self, node: ast.Unary, scope: dict[str, StructuredType | str]) -> Typed:
        operand = self.compile(node.operand, scope)
        if operand.edm != ast.BOOLEAN:
            raise ODataError(
                "A unary operator with an incompatible type was detected. Found operand type "
                f"'{operand.edm or 'Collection'}' for operator kind 'Not'."
            )
        inner = operand.fn

        def negate(record: Any, env: Env) -> Any:
            value = inner(record, env)
            return None if value is None else not value

        return Typed(negate, ast.BOOLEAN)

    def binary(self, node: ast.Binary, scope: dict[str, StructuredType | str]) -> Typed:
        left = self.compile(node.left, scope)
        right = self.compile(node.right, scope)
        kind = _OPERATOR_KIND[node.op]
        for side in (left, right):
            if not side.edm:
                raise ODataError(
                    f"The operand for a binary operator '{kind}' is not a single value. "
                    "Binary operators require both operands to be single values."
                )
        lc, rc = category(left.edm), category(right.edm)

        def incompatible() -> ODataError:
            return ODataError(
                "A binary operator with incompatible types was detected. Found operand types "
                f"'{left.edm}' and '{right.edm}' for operator kind '{kind}'."
            )

        if node.op in ("and", "or"):
            if lc not in ("boolean", "null") or rc not in ("boolean", "null"):
                raise incompatible()
            return Typed(logical(node.op, left.fn, right.fn), ast.BOOLEAN)
        if node.op in ("eq", "ne"):
            if lc != rc and "null" not in (lc, rc):
                raise incompatible()
            return Typed(equality(node.op, left.fn, right.fn, "guid" in (lc, rc)), ast.BOOLEAN)
        if node.op in ("gt", "ge", "lt", "le"):
            if (lc != rc and "null" not in (lc, rc)) or (lc == rc and lc not in _ORDERED):
                raise incompatible()
            return Typed(ordering(node.op, left.fn, right.fn), ast.BOOLEAN)
        if lc not in ("numeric", "null") or rc not in ("numeric", "null") or lc == rc == "null":
            raise incompatible()
        edm = widest(left.edm, right.edm)
        return Typed(arithmetic(node.op, left.fn, right.fn, edm), edm)

    def call(self, node: ast.Call, scope: dict[str, StructuredType | str]) -> Typed:
        signatures = FUNCTIONS.get(node.name)
        if signatures is None:
            raise ODataError(f"Unknown function '{node.name}'.")
        args = [self.compile(arg, scope) for arg in node.args]
        found = [a.edm for a in args]
        for parameters, result, implementation in signatures:
            if len(parameters) == len(args) and all(
                category(edm) in ("null", category(want))
                or (want == "numeric" and category(edm) == "numeric")
                for edm, want in zip(found, parameters, strict=True)
            ):
                fns = [a.fn for a in args]
                out = found[0] if result == "same" else result
                return Typed(apply(implementation, fns), out)
        considered = ", ".join(f"{node.name}({', '.join(p)})" for p, _, _ in signatures)
        raise ODataError(
            f"No function signature for the function with name '{node.name}' matches the specified "
            f"arguments. The function signatures considered are: {considered}."
        )

    def lambda_(self, node: ast.Lambda, scope: dict[str, StructuredType | str]) -> Typed:
        collection = self.resolve(node.collection, scope)
        if collection.prop is None or not collection.prop.collection:
            raise ODataError(
                f"The '{node.kind}' query option can only be applied to a collection; "
                f"'{'/'.join(node.collection.segments)}' is not a collection."
            )
        source = collection.fn
        if node.body is None:
            return Typed(lambda record, env: bool(source(record, env)), ast.BOOLEAN)
        assert node.variable is not None
        element = collection.element
        assert element is not None
        body = self.compile(node.body, {**scope, node.variable: element})
        if body.edm != ast.BOOLEAN:
            raise ODataError(f"The body of the '{node.kind}' expression must be a boolean.")
        return Typed(quantifier(node.kind, node.variable, source, body.fn), ast.BOOLEAN)

    # -- ModifiedOn range for the index ---------------------------------------------------------
    def bounds(self, tree: ast.Node) -> Bounds | None:
        conjuncts: list[ast.Node] = []
        stack = [tree]
        while stack:
            node = stack.pop()
            if isinstance(node, ast.Binary) and node.op == "and":
                stack.extend((node.left, node.right))
            else:
                conjuncts.append(node)
        result: Bounds | None = None
        for node in conjuncts:
            found = self._bound(node)
            if found is not None:
                result = _tighter(result, found)
        return result

    def _bound(self, node: ast.Node) -> Bounds | None:
        if not isinstance(node, ast.Binary) or node.op not in ("gt", "ge", "lt", "le", "eq"):
            return None
        op, left, right = node.op, node.left, node.right
        if isinstance(left, ast.Literal):
            left, right = right, left
            op = {"gt": "lt", "ge": "le", "lt": "gt", "le": "ge", "eq": "eq"}[op]
        if not (isinstance(left, ast.Path) and isinstance(right, ast.Literal)):
            return None
        if right.edm != ast.DATETIME or len(left.segments) != 1:
            return None
        prop = self.root.find(left.segments[0], self.case_insensitive)
        if prop is None or prop.json_key != "modifiedOn":
            return None
        value = right.value
        return {
            "gt": Bounds(low=value, low_inclusive=False),
            "ge": Bounds(low=value),
            "lt": Bounds(high=value, high_inclusive=False),
            "le": Bounds(high=value),
            "eq": Bounds(low=value, high=value),
        }[op]


def _tighter(current: Bounds | None, new: Bounds) -> Bounds:
    if current is None:
        return new
    low, low_inc = current.low, current.low_inclusive
    if new.low is not None and (
        low is None or new.low > low or (new.low == low and not new.low_inclusive)
    ):
        low, low_inc = new.low, new.low_inclusive
    high, high_inc = current.high, current.high_inclusive
    if new.high is not None and (
        high is None or new.high < high or (new.high == high and not new.high_inclusive)
    ):
        high, high_inc = new.high, new.high_inclusive
    return Bounds(low, low_inc, high, high_inc)
