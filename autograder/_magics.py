"""Drop IPython magics and shell lines (``%matplotlib inline``, ``!pip install x``, ``?obj``).

IPython treats a line as a magic only where a new statement starts: never inside brackets,
after a backslash continuation, or inside a multi-line string. So ``x = (a\\n    % b)`` and a
docstring line starting with ``!`` are Python and stay. The scan below tracks exactly those
three states, line by line; it does not use the tokenizer, because the magic lines themselves
(``!echo "it's``) are not Python and would stop it. Lines are blanked, never removed, so the
loader keeps every line number.

This module only reads text. Input lines are already split on \\n only (see `split_lines`).
"""

from __future__ import annotations

import re

_MAGIC_STARTS = ("%", "!", "?")
_NEWLINES = re.compile(r"\r\n|\r|\n")
_OPEN, _CLOSE = "([{", ")]}"


def split_lines(text: str) -> list[str]:
    """Lines as Python counts them: split on \\n, \\r\\n and \\r only (never on a form feed,
    U+2028 or the other separators `str.splitlines` also splits on)."""
    return _NEWLINES.split(text)


class _Scan:
    """Where the text so far leaves the next line: in brackets, in a string, continued."""

    def __init__(self) -> None:
        self.depth = 0
        #: the quote that opened the string we are in ('"', "'''", ...), or ""
        self.quote = ""
        self.continued = False

    def at_statement_start(self) -> bool:
        return self.depth == 0 and not self.quote and not self.continued

    def feed(self, line: str) -> None:
        i, n = 0, len(line)
        self.continued = escaped_newline = False
        while i < n:
            ch = line[i]
            if self.quote:
                if ch == "\\":
                    escaped_newline = i == n - 1
                    i += 2  # an escaped character never ends a string (raw strings too)
                elif line.startswith(self.quote, i):
                    i += len(self.quote)
                    self.quote = ""
                else:
                    i += 1
            elif ch == "#":
                break
            elif ch in "'\"":
                triple = line[i : i + 3]
                self.quote = triple if triple in ("'''", '"""') else ch
                i += len(self.quote)
            else:
                if ch in _OPEN:
                    self.depth += 1
                elif ch in _CLOSE:
                    self.depth = max(0, self.depth - 1)
                self.continued = ch == "\\" and i == n - 1
                i += 1
        if len(self.quote) == 1 and not escaped_newline:
            self.quote = ""  # a one-quote string ends with its line (else: a syntax error)


def strip_magics(lines: list[str]) -> list[str]:
    """`lines` with every magic or shell line that starts a statement blanked."""
    scan, out = _Scan(), []
    for line in lines:
        if scan.at_statement_start() and line.lstrip()[:1] in _MAGIC_STARTS:
            out.append("")
            continue
        scan.feed(line)
        out.append(line)
    return out
