"""The error every OData stage raises; resources turn it into a 400."""

from __future__ import annotations


class ODataError(Exception):
    """A query option that the server refuses, with ODataLib-like wording."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def syntax_error(position: int, text: str) -> ODataError:
    return ODataError(f"Syntax error at position {position} in '{text}'.")
