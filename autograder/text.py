"""Make text that came from a submission safe to show: bounded, and unable to draw anything.

Student text reaches every report: exception messages and class names in check messages,
what the submission printed, file names in diagnostics. In a terminal a raw ESC, CR or
backspace could redraw a line ("total 100/100"); in XML a control character or a lone
surrogate breaks the document; a 2 MB class name repeated in 50 messages makes an 18 MB report.
So every such string goes through `shown` before it is stored or written:

- control characters (C0, DEL, C1), lone surrogates, U+FFFE/U+FFFF, line and paragraph
  separators and bidirectional overrides become visible escapes (``\\x1b``, ``\\u202e``);
  newlines and tabs are kept only where the layout has room for them (``lines=True``), else
  they become spaces;
- at most `limit` characters are kept, then ``... (N characters cut)``.

Markup (XML, Markdown, HTML) is the reporters' own business: they build documents with real
serialisers (ElementTree, json), which escape ``<``, ``&`` and ``]]>`` themselves.
"""

from __future__ import annotations

import re

#: characters kept of one message, name or diagnostic
MAX_TEXT = 2000
#: characters kept of what the submission printed (the runner keeps 64 KiB; so do we)
MAX_OUTPUT = 64 * 1024
#: diagnostics kept per report (one per broken cell: a notebook may have thousands)
MAX_DIAGNOSTICS = 50

_UNSAFE = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff\u2028\u2029"
    "\u200e\u200f\u202a-\u202e\u2066-\u2069]"
)
_UNSAFE_OR_BREAK = re.compile(_UNSAFE.pattern[:-1] + "\t\n]")


def _escape(match: re.Match[str]) -> str:
    ch = match.group()
    if ch in "\t\n":
        return " "
    code = ord(ch)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def cut(text: str, limit: int) -> str:
    """`text`, at most `limit` characters of it and a marker saying how many were cut."""
    if len(text) <= limit:
        return text
    return f"{text[:limit]}... ({len(text) - limit} characters cut)"


def shown(text: object, limit: int = MAX_TEXT, lines: bool = False) -> str:
    """`text` (any object: its str) made safe to show; see the module docstring."""
    text = text if isinstance(text, str) else str(text)
    text = cut(text, limit)  # first: escaping never runs over megabytes
    if lines:
        text = text.replace("\r\n", "\n")
    return (_UNSAFE if lines else _UNSAFE_OR_BREAK).sub(_escape, text)


def shown_lines(items: list[str] | tuple[str, ...], limit: int = MAX_DIAGNOSTICS) -> list[str]:
    """At most `limit` one-line items, and a last line saying how many more there were."""
    kept = [shown(item) for item in items[:limit]]
    if len(items) > limit:
        kept.append(f"... and {len(items) - limit} more")
    return kept
