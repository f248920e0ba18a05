"""The two output formats of brief and diff: plain text and Markdown, same calls (UI-free).

    w = writer("md" | "text")
    w.marking(s); w.title(s); w.heading(s); w.subheading(s); w.para(s)
    w.field(key, value, level); w.bullet(s, level, mark); w.item(s); w.flag(key, value); w.table(...)
    w.text() -> str

Callers pass text already visible (`values.one_line`) and escaped with `w.esc`: in
Markdown, `md_escape()` makes sure data cannot inject emphasis, links, images, headings,
HTML, tables or list items. The Markdown reads well as plain text too.
"""

from __future__ import annotations

import re
import textwrap
from collections.abc import Callable

__all__ = ["md_escape", "writer", "Writer", "TextWriter", "MarkdownWriter", "FORMATS", "WIDTH"]

FORMATS = ("md", "text")
WIDTH = 78

_MD_INLINE = re.compile(r"([\\`*_\[\]<>#|~])")
_MD_ENTITY = re.compile(r"&(?=#?[A-Za-z0-9]+;)")
_MD_AUTOLINK = re.compile(r"(?i)(?<=[a-z0-9])(:)(//)|\b(www)(\.)")
_MD_LEAD = re.compile(r"^(\s*)(?:([-+=])|(\d+)([.)]))")


def md_escape(s: str) -> str:
    """`s` (already one visible line) as literal Markdown text: no markup can form."""
    s = _MD_INLINE.sub(r"\\\1", s)
    s = _MD_ENTITY.sub(r"\\&", s)
    s = _MD_AUTOLINK.sub(lambda m: f"{m.group(1)}\\/\\/" if m.group(1) else f"{m.group(3)}\\.", s)
    m = _MD_LEAD.match(s)
    if m:
        if m.group(2):
            s = f"{m.group(1)}\\{m.group(2)}{s[m.end() :]}"
        else:
            s = f"{m.group(1)}{m.group(3)}\\{m.group(4)}{s[m.end() :]}"
    return s


def _same(s: str) -> str:
    return s


class Writer:
    """Lines of a document; blank lines never doubled, never trailing."""

    esc: Callable[[str], str] = staticmethod(_same)
    # `item` fields are indented one level under the item in text, flat in Markdown
    item_level = 0
    removed_section = False  # Markdown says "(removed)" on bullets while set

    def __init__(self) -> None:
        self.lines: list[str] = []

    def blank(self) -> None:
        if self.lines and self.lines[-1] != "":
            self.lines.append("")

    def text(self) -> str:
        while self.lines and self.lines[-1] == "":
            self.lines.pop()
        return "\n".join(self.lines) + "\n"

    def line(self, s: str) -> None:
        """One line as it is (never wrapped), set apart by blank lines."""
        self.blank()
        self.lines.append(s)
        self.blank()

    # the calls every format answers
    def marking(self, s: str) -> None:
        raise NotImplementedError

    def title(self, s: str) -> None:
        raise NotImplementedError

    def heading(self, s: str) -> None:
        raise NotImplementedError

    def subheading(self, s: str) -> None:
        raise NotImplementedError

    def para(self, s: str) -> None:
        raise NotImplementedError

    def field(self, key: str, value: str, level: int = 0) -> None:
        raise NotImplementedError

    def bullet(self, s: str, level: int = 0, mark: str = "-") -> None:
        raise NotImplementedError

    def item(self, s: str) -> None:
        raise NotImplementedError

    def flag(self, key: str, value: str, level: int = 0) -> None:
        raise NotImplementedError

    def list_head(self, key: str, level: int = 0) -> None:
        """A field whose values follow as bullets one level down ("Sources:")."""
        raise NotImplementedError

    def table(self, header: list[str], rows: list[list[str]]) -> None:
        raise NotImplementedError


class TextWriter(Writer):
    item_level = 1

    def marking(self, s: str) -> None:
        self.lines.append(s)
        self.blank()

    def title(self, s: str) -> None:
        self.lines.append(s)
        self.lines.append("=" * min(WIDTH, max(3, len(s))))

    def heading(self, s: str) -> None:
        self.blank()
        self.lines.append(s)
        self.lines.append("-" * min(WIDTH, max(3, len(s))))

    def subheading(self, s: str) -> None:
        self.blank()
        self.lines.append(s)

    def para(self, s: str) -> None:
        self.blank()
        self.lines.extend(textwrap.wrap(s, WIDTH, break_long_words=False, break_on_hyphens=False) or [""])
        self.blank()

    def field(self, key: str, value: str, level: int = 0) -> None:
        lead = "  " * level + f"{key}: "
        self._wrap(lead, value, " " * (len("  " * level) + 4))

    def bullet(self, s: str, level: int = 0, mark: str = "-") -> None:
        lead = "  " * level + f"{mark} "
        self._wrap(lead, s, " " * len(lead))

    def item(self, s: str) -> None:
        self.blank()
        self._wrap("* ", s, "  ")

    def flag(self, key: str, value: str, level: int = 0) -> None:
        self.field(f"! {key}", value, level)

    def list_head(self, key: str, level: int = 0) -> None:
        self.lines.append("  " * level + f"{key}:")

    def table(self, header: list[str], rows: list[list[str]]) -> None:
        for row in rows:
            first, *rest = row
            self.item(first)
            for k, v in zip(header[1:], rest):
                if v:
                    self.field(k, v, 1)

    def _wrap(self, lead: str, s: str, indent: str) -> None:
        self.lines.extend(
            textwrap.wrap(
                s, WIDTH, initial_indent=lead, subsequent_indent=indent, break_long_words=False,
                break_on_hyphens=False,
            ) or [lead.rstrip()]
        )  # fmt: skip


class MarkdownWriter(Writer):
    esc = staticmethod(md_escape)

    def marking(self, s: str) -> None:
        self.lines.append(f"**{s}**")
        self.blank()

    def title(self, s: str) -> None:
        self.lines.append(f"# {s}")
        self.blank()

    def heading(self, s: str) -> None:
        self.blank()
        self.lines.append(f"## {s}")
        self.blank()

    def subheading(self, s: str) -> None:
        self.blank()
        self.lines.append(f"#### {s}")
        self.blank()

    def para(self, s: str) -> None:
        self.blank()
        self.lines.append(s)
        self.blank()

    def field(self, key: str, value: str, level: int = 0) -> None:
        self.lines.append(("  " * level + f"- **{key}:** {value}").rstrip())

    def bullet(self, s: str, level: int = 0, mark: str = "-") -> None:
        prefix = {"+": "(new) ", "~": "(changed) ", "-": ""}.get(mark, "")
        if mark == "-" and level == 0 and self.removed_section:
            prefix = "(removed) "
        self.lines.append("  " * level + f"- {prefix}{s}")

    def item(self, s: str) -> None:
        self.blank()
        self.lines.append(f"### {s}")
        self.blank()

    def flag(self, key: str, value: str, level: int = 0) -> None:
        self.lines.append("  " * level + f"- ⚠ **{key}:** {value}")

    def list_head(self, key: str, level: int = 0) -> None:
        self.field(key, "", level)

    def table(self, header: list[str], rows: list[list[str]]) -> None:
        self.blank()
        self.lines.append("| " + " | ".join(header) + " |")
        self.lines.append("|" + "|".join("---" for _ in header) + "|")
        for row in rows:
            self.lines.append("| " + " | ".join(c or " " for c in row) + " |")
        self.blank()


def writer(fmt: str) -> Writer:
    if fmt == "md":
        return MarkdownWriter()
    if fmt == "text":
        return TextWriter()
    raise ValueError(f"unknown format {fmt!r}; one of: md, text")
