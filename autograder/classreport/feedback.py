"""Each student's own feedback, as Markdown and as a self-contained HTML page.

    feedback_markdown(record, locations) -> str
    feedback_html(record, locations) -> str

Both say the same: the score; a table with, per check, its class, its name and the points
earned; then every check that did not pass, with its message and where to look (the cell of
the notebook, or the line of the .py file, that defines the class: `locate.class_locations`).
Hidden checks (graded with ``--hide-values``) carry the grader's message, which for them holds
no values, and say they are hidden. A submission that was not graded gets the reason.

Student text (ids, messages, file names) is escaped for each format: HTML-escaped in the page;
in Markdown, ``<``, ``>`` and ``&`` become entities (Markdown viewers render raw HTML) and
Markdown's own punctuation is backslash-escaped, so a message can neither inject markup nor
break the table.
"""

from __future__ import annotations

import re
from html import escape

from .records import GRADED, Check, Record

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]#|~])")
_NOT_GRADED = {
    "unreadable": "Your submission could not be graded",
    "grader error": "The grader failed on your submission, through no fault of yours "
    "(your instructor will grade it again)",
}
_HIDDEN = "hidden test: graded on inputs you do not see; values are not shown"


def md(text: object) -> str:
    """`text` as literal Markdown: no markup, no HTML, safe inside a table cell."""
    return _MD_SPECIAL.sub(r"\\\1", escape(str(text), quote=False))


def _points(c: Check) -> str:
    return f"{c.score:g} / {c.max_score:g}"


def _score_line(r: Record) -> str:
    earned = "no score" if r.score is None else f"{r.score:g}"
    return f"Assignment {r.assignment}: {earned} out of {r.max_score:g} points."


def _failed(r: Record) -> list[Check]:
    return [c for c in r.checks if not c.passed]


def _look(c: Check, locations: dict[str, str]) -> str:
    return locations.get(c.unit, f"{c.unit} is not defined in your submission")


def feedback_markdown(r: Record, locations: dict[str, str]) -> str:
    lines = [f"# Feedback for {md(r.id)}", "", md(_score_line(r)), ""]
    if r.status != GRADED:
        lines += [f"{md(_NOT_GRADED.get(r.status, r.status))}: {md(r.error)}", ""]
    if r.checks:
        lines += ["| class | check | points |", "|---|---|---|"]
        lines += [f"| {md(c.unit)} | {md(c.name)} | {_points(c)} |" for c in r.checks]
        lines.append("")
    failed = _failed(r)
    if failed:
        lines += ["## What to fix", ""]
    for c in failed:
        lines += [
            f"### {md(c.unit)}: {md(c.name)} ({_points(c)})",
            "",
            f"Where to look: {md(_look(c, locations))}",
            "",
        ]
        if c.hidden:
            lines += [f"*{md(_HIDDEN)}*", ""]
        lines += [md(c.message or c.status), ""]
    if r.checks and not failed:
        lines += ["Every check passed.", ""]
    return "\n".join(lines)


_CSS = """
body { font-family: system-ui, sans-serif; margin: 2em auto; max-width: 60em; color: #222; }
table { border-collapse: collapse; } th, td { border: 1px solid #ccc; padding: 0.2em 0.6em; }
tr.failed td { background: #fdecea; } td.num { text-align: right; }
pre { white-space: pre-wrap; word-break: break-word; background: #f6f6f6; padding: 0.6em; }
"""


def _e(text: object) -> str:
    return escape(str(text), quote=True)


def feedback_html(r: Record, locations: dict[str, str]) -> str:
    body = [f"<h1>Feedback for {_e(r.id)}</h1>", f"<p>{_e(_score_line(r))}</p>"]
    if r.status != GRADED:
        body.append(f"<p>{_e(_NOT_GRADED.get(r.status, r.status))}: {_e(r.error)}</p>")
    if r.checks:
        rows = "".join(
            f'<tr class="{"passed" if c.passed else "failed"}"><td>{_e(c.unit)}</td>'
            f'<td>{_e(c.name)}</td><td class="num">{_e(_points(c))}</td></tr>'
            for c in r.checks
        )
        body.append(
            "<table><thead><tr><th>class</th><th>check</th><th>points</th></tr></thead>"
            f"<tbody>{rows}</tbody></table>"
        )
    failed = _failed(r)
    if failed:
        body.append("<h2>What to fix</h2>")
    for c in failed:
        body.append(f"<h3>{_e(c.unit)}: {_e(c.name)} ({_e(_points(c))})</h3>")
        body.append(f"<p>Where to look: <b>{_e(_look(c, locations))}</b></p>")
        if c.hidden:
            body.append(f"<p><i>{_e(_HIDDEN)}</i></p>")
        body.append(f"<pre>{_e(c.message or c.status)}</pre>")
    if r.checks and not failed:
        body.append("<p>Every check passed.</p>")
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; '
        "style-src 'unsafe-inline'\">\n"
        f"<title>Feedback for {_e(r.id)}</title>\n<style>{_CSS}</style>\n</head>\n<body>\n"
        + "\n".join(body)
        + "\n</body>\n</html>\n"
    )
