"""A tiny HTML reader for view tests: exact assertions on what a page shows, not on markup.

No parser library is installed; the standard library's HTMLParser is enough for our own
well-formed templates.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import Any

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"}


@dataclass
class Element:
    tag: str
    attrs: dict[str, str]
    children: list[Element | str] = field(default_factory=list)

    @property
    def text(self) -> str:
        """The visible text, whitespace collapsed as a browser would."""
        parts: list[str] = []
        for child in self.children:
            parts.append(child if isinstance(child, str) else child.text)
        return " ".join("".join(parts).split())

    def find_all(self, tag: str = "", **attrs: str) -> list[Element]:
        found = []
        for child in self.children:
            if isinstance(child, Element):
                if child.matches(tag, attrs):
                    found.append(child)
                found.extend(child.find_all(tag, **attrs))
        return found

    def find(self, tag: str = "", **attrs: str) -> Element:
        found = self.find_all(tag, **attrs)
        assert found, f"no <{tag or '*'}> with {attrs}"
        return found[0]

    def matches(self, tag: str, attrs: dict[str, str]) -> bool:
        if tag and self.tag != tag:
            return False
        for name, value in attrs.items():
            name = name.rstrip("_").replace("_", "-")
            if name == "class":
                if value not in self.attrs.get("class", "").split():
                    return False
            elif self.attrs.get(name) != value:
                return False
        return True


class _Builder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Element("#root", {})
        self.stack = [self.root]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        element = Element(tag, {k: v or "" for k, v in attrs})
        self.stack[-1].children.append(element)
        if tag not in VOID:
            self.stack.append(element)

    def handle_endtag(self, tag: str) -> None:
        for index in range(len(self.stack) - 1, 0, -1):
            if self.stack[index].tag == tag:
                del self.stack[index:]
                return

    def handle_data(self, data: str) -> None:
        self.stack[-1].children.append(data)


def parse(content: Any) -> Element:
    if hasattr(content, "content"):
        content = content.content
    if isinstance(content, bytes):
        content = content.decode()
    builder = _Builder()
    builder.feed(content)
    builder.close()
    return builder.root


def table_rows(content: Any, **attrs: str) -> list[list[str]]:
    """The body rows of the (first) table matching ``attrs``, as lists of cell texts."""
    table = parse(content).find("table", **attrs)
    body = table.find("tbody")
    return [[cell.text for cell in row.find_all("td")] for row in body.find_all("tr")]


def options(content: Any) -> list[tuple[str, str]]:
    """(value, text) of every <option> in a fragment."""
    return [(o.attrs.get("value", ""), o.text) for o in parse(content).find_all("option")]
