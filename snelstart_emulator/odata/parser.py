"""Recursive-descent parser for OData v3 `$filter` (precedence as in ODataLib).

    expr   := or
    or     := and ('or' and)*
    and    := cmp ('and' cmp)*
    cmp    := add (('eq'|'ne'|'gt'|'ge'|'lt'|'le') add)*
    add    := mul (('add'|'sub') mul)*
    mul    := unary (('mul'|'div'|'mod') unary)*
    unary  := 'not' unary | primary        (a leading '-' is part of a number literal)
    primary:= '(' expr ')' | literal | ident '(' args ')' | path [lambda]
    lambda := '/' ('any'|'all') '(' [var ':' expr] ')'

Keywords, function names and `true/false/null` are case-sensitive, as on the real server.
"""

from __future__ import annotations

from snelstart_emulator.binding import parse_guid
from snelstart_emulator.clock import parse_wall
from snelstart_emulator.odata import ast
from snelstart_emulator.odata.errors import ODataError, syntax_error
from snelstart_emulator.odata.lexer import END, IDENT, NUMBER, PUNCT, STRING, TYPED, Token, tokenize

COMPARISON = ("eq", "ne", "gt", "ge", "lt", "le")
ADDITIVE = ("add", "sub")
MULTIPLICATIVE = ("mul", "div", "mod")
KEYWORDS = frozenset(("and", "or", "not", *COMPARISON, *ADDITIVE, *MULTIPLICATIVE))
INT32_RANGE = range(-(2**31), 2**31)


def parse(text: str) -> ast.Node:
    """Parse a `$filter` value; raises ODataError with the position of the first problem."""
    return _Parser(text).parse()


class _Parser:
    def __init__(self, text: str) -> None:
        self.text = text
        self.tokens = tokenize(text)
        self.index = 0

    # -- token helpers --------------------------------------------------------------------------
    @property
    def token(self) -> Token:
        return self.tokens[self.index]

    def advance(self) -> Token:
        token = self.tokens[self.index]
        self.index += 1
        return token

    def at_word(self, *words: str) -> bool:
        return self.token.kind == IDENT and self.token.text in words

    def at_punct(self, char: str) -> bool:
        return self.token.kind == PUNCT and self.token.text == char

    def expect_punct(self, char: str, message: str) -> Token:
        if not self.at_punct(char):
            raise ODataError(f"{message} at position {self.token.position} in '{self.text}'.")
        return self.advance()

    # -- grammar --------------------------------------------------------------------------------
    def parse(self) -> ast.Node:
        if self.token.kind == END:
            raise ODataError(f"Expression expected at position 0 in '{self.text}'.")
        node = self.expression()
        if self.token.kind != END:
            raise syntax_error(self.token.position, self.text)
        return node

    def expression(self) -> ast.Node:
        return self.logical_or()

    def logical_or(self) -> ast.Node:
        node = self.logical_and()
        while self.at_word("or"):
            position = self.advance().position
            node = ast.Binary("or", node, self.logical_and(), position)
        return node

    def logical_and(self) -> ast.Node:
        node = self.comparison()
        while self.at_word("and"):
            position = self.advance().position
            node = ast.Binary("and", node, self.comparison(), position)
        return node

    def comparison(self) -> ast.Node:
        node = self.additive()
        while self.at_word(*COMPARISON):
            operator = self.advance()
            node = ast.Binary(operator.text, node, self.additive(), operator.position)
        return node

    def additive(self) -> ast.Node:
        node = self.multiplicative()
        while self.at_word(*ADDITIVE):
            operator = self.advance()
            node = ast.Binary(operator.text, node, self.multiplicative(), operator.position)
        return node

    def multiplicative(self) -> ast.Node:
        node = self.unary()
        while self.at_word(*MULTIPLICATIVE):
            operator = self.advance()
            node = ast.Binary(operator.text, node, self.unary(), operator.position)
        return node

    def unary(self) -> ast.Node:
        if self.at_word("not"):
            position = self.advance().position
            return ast.Unary("not", self.unary(), position)
        return self.primary()

    def primary(self) -> ast.Node:
        token = self.token
        if token.kind == PUNCT and token.text == "(":
            self.advance()
            node = self.expression()
            self.expect_punct(")", "')' or operator expected")
            return node
        if token.kind == STRING:
            self.advance()
            return ast.Literal(token.value, ast.STRING, token.position)
        if token.kind == NUMBER:
            self.advance()
            return self.number(token)
        if token.kind == TYPED:
            self.advance()
            return self.typed(token)
        if token.kind == IDENT and token.text not in KEYWORDS:
            return self.identifier()
        raise ODataError(f"Expression expected at position {token.position} in '{self.text}'.")

    def identifier(self) -> ast.Node:
        token = self.advance()
        word = token.text
        if word in ("true", "false"):
            return ast.Literal(word == "true", ast.BOOLEAN, token.position)
        if word == "null":
            return ast.Literal(None, ast.NULL, token.position)
        if self.at_punct("("):
            return self.call(token)
        segments = [word]
        while self.at_punct("/"):
            self.advance()
            segment = self.token
            if segment.kind != IDENT:
                raise ODataError(
                    f"Identifier expected at position {segment.position} in '{self.text}'."
                )
            self.advance()
            if segment.text in ("any", "all") and self.at_punct("("):
                collection = ast.Path(tuple(segments), token.position)
                return self.lambda_(segment.text, collection, segment.position)
            segments.append(segment.text)
        return ast.Path(tuple(segments), token.position)

    def call(self, name: Token) -> ast.Node:
        self.expect_punct("(", "'(' expected")
        args: list[ast.Node] = []
        if not self.at_punct(")"):
            args.append(self.expression())
            while self.at_punct(","):
                self.advance()
                args.append(self.expression())
        self.expect_punct(")", "')' or ',' expected")
        return ast.Call(name.text, tuple(args), name.position)

    def lambda_(self, kind: str, collection: ast.Path, position: int) -> ast.Node:
        self.expect_punct("(", "'(' expected")
        if self.at_punct(")"):
            self.advance()
            if kind == "all":
                raise ODataError(f"Expression expected at position {position} in '{self.text}'.")
            return ast.Lambda(kind, collection, None, None, position)
        variable = self.token
        if variable.kind != IDENT or variable.text in KEYWORDS:
            raise ODataError(
                f"Identifier expected at position {variable.position} in '{self.text}'."
            )
        self.advance()
        self.expect_punct(":", "':' expected")
        body = self.expression()
        self.expect_punct(")", "')' or operator expected")
        return ast.Lambda(kind, collection, variable.text, body, position)

    # -- literals -------------------------------------------------------------------------------
    def number(self, token: Token) -> ast.Literal:
        text = token.text
        suffix = text[-1].lower() if text[-1].isalpha() and text[-1].lower() != "e" else ""
        digits = text[:-1] if suffix else text
        try:
            if suffix == "l":
                return ast.Literal(int(digits), ast.INT64, token.position)
            if suffix in ("m", "d", "f") or "." in digits or "e" in digits.lower():
                edm = {"m": ast.DECIMAL, "f": ast.SINGLE}.get(suffix, ast.DOUBLE)
                return ast.Literal(float(digits), edm, token.position)
            value = int(digits)
        except ValueError:
            raise syntax_error(token.position, self.text) from None
        edm = ast.INT32 if value in INT32_RANGE else ast.INT64
        return ast.Literal(value, edm, token.position)

    def typed(self, token: Token) -> ast.Literal:
        prefix, body = token.value
        kind = prefix.lower()
        try:
            if kind == "datetime":
                value = parse_wall(body)
                return ast.Literal(value, ast.DATETIME, token.position)
            if kind == "guid":
                guid = parse_guid(body)
                if guid is None or len(body.strip()) != 36:
                    raise ValueError(body)
                return ast.Literal(guid, ast.GUID, token.position)
            if kind == "datetimeoffset":
                return ast.Literal(parse_wall(body), ast.DATETIMEOFFSET, token.position)
            if kind == "time":
                return ast.Literal(body, ast.TIME, token.position)
        except ValueError:
            edm = {"datetime": ast.DATETIME, "guid": ast.GUID}.get(kind, ast.DATETIMEOFFSET)
            raise ODataError(
                f"Unrecognized '{edm}' literal '{token.text}' "
                f"at '{token.position}' in '{self.text}'."
            ) from None
        raise syntax_error(token.position, self.text)
