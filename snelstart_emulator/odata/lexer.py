"""Tokenizer for OData v3 `$filter` text."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from snelstart_emulator.odata.errors import ODataError, syntax_error

IDENT = "ident"
STRING = "string"
NUMBER = "number"
TYPED = "typed"  # prefixed literal: datetime'…', guid'…', datetimeoffset'…', time'…'
PUNCT = "punct"  # ( ) , / :
END = "end"

_IDENT = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_NUMBER = re.compile(r"-?(\d+\.\d+|\d+)([eE][+-]?\d+)?([mMdDfFlL])?")
_PUNCT = "(),/:"


@dataclass(frozen=True)
class Token:
    kind: str
    text: str
    position: int
    value: Any = None


def _read_quoted(text: str, start: int) -> tuple[str, int]:
    """Read a single-quoted literal starting at `start` (the quote); '' is one quote."""
    pieces: list[str] = []
    index = start + 1
    while True:
        end = text.find("'", index)
        if end < 0:
            raise ODataError(
                f"There is an unterminated string literal at position {start} in '{text}'."
            )
        pieces.append(text[index:end])
        if end + 1 < len(text) and text[end + 1] == "'":
            pieces.append("'")
            index = end + 2
            continue
        return "".join(pieces), end + 1


def tokenize(text: str) -> list[Token]:
    tokens: list[Token] = []
    index = 0
    while index < len(text):
        char = text[index]
        if char.isspace():
            index += 1
            continue
        if char == "'":
            value, after = _read_quoted(text, index)
            tokens.append(Token(STRING, text[index:after], index, value))
            index = after
            continue
        if char in _PUNCT:
            tokens.append(Token(PUNCT, char, index))
            index += 1
            continue
        number = _NUMBER.match(text, index)
        if number and (char.isdigit() or char == "-"):
            tokens.append(Token(NUMBER, number.group(0), index, number.group(0)))
            index = number.end()
            continue
        ident = _IDENT.match(text, index)
        if ident:
            word = ident.group(0)
            after = ident.end()
            if after < len(text) and text[after] == "'":
                value, end = _read_quoted(text, after)
                tokens.append(Token(TYPED, text[index:end], index, (word, value)))
                index = end
                continue
            tokens.append(Token(IDENT, word, index))
            index = after
            continue
        raise syntax_error(index, text)
    tokens.append(Token(END, "", len(text)))
    return tokens
