"""The class report: one self-contained HTML page of what the class got wrong.

    class_report_html(records, problems) -> str

The page needs no network: the plots (`plots`) are PNGs inlined as base64 ``data:`` URIs, the
CSS is inline, and there is no script at all. Sections: the score distribution per assignment
and per class, how many submissions failed each check, the most common diagnosed mistakes
(the phrase after "Likely mistake:" in failed checks' messages, grouped by that phrase, with a
count and one example message), the submissions that were not graded or ran out of time (with
the reason), every student's score with a link to their feedback page, and the result files
that could not be read.

Every piece of student-controlled text -- ids, messages, reasons -- is HTML-escaped
(`html.escape`, quotes included) where it is written into the page, and link targets are
percent-encoded: a submission named ``<script>`` is shown as text, never run.
"""

from __future__ import annotations

import base64
from collections import Counter
from html import escape
from urllib.parse import quote

from . import plots
from .records import GRADED, Record, mistake_of

#: diagnosed mistakes listed (the most common first)
TOP_MISTAKES = 15

_CSS = """
body { font-family: system-ui, sans-serif; margin: 2em auto; max-width: 70em; color: #222; }
h1 { font-size: 1.6em; } h2 { font-size: 1.25em; margin-top: 2em; border-bottom: 1px solid #ccc; }
table { border-collapse: collapse; margin: 0.5em 0; }
th, td { border: 1px solid #ccc; padding: 0.25em 0.6em; text-align: left; vertical-align: top; }
th { background: #f3f3f3; } td.num { text-align: right; }
td.msg { font-family: ui-monospace, monospace; font-size: 0.85em; max-width: 50em;
         white-space: pre-wrap; word-break: break-word; }
img { max-width: 100%; border: 1px solid #eee; }
.muted { color: #777; }
"""


def _e(text: object) -> str:
    return escape(str(text), quote=True)


def _img(png: bytes, alt: str) -> str:
    data = base64.b64encode(png).decode("ascii")
    return f'<img src="data:image/png;base64,{data}" alt="{_e(alt)}">'


def _table(headers: list[str], rows: list[list[str]], cls: str = "") -> str:
    """`rows` hold cells that are already HTML (escaped by the caller)."""
    head = "".join(f"<th>{_e(h)}</th>" for h in headers)
    body = "".join("<tr>" + "".join(row) + "</tr>" for row in rows)
    return f'<table class="{cls}"><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>'


def _td(text: object, cls: str = "") -> str:
    return f'<td class="{cls}">{_e(text)}</td>' if cls else f"<td>{_e(text)}</td>"


def _points(value: float | None) -> str:
    return "-" if value is None else f"{value:g}"


def common_mistakes(records: list[Record]) -> list[tuple[str, int, str, str]]:
    """(mistake, submissions, one example message, its submission's id), most common first;
    a submission counts once per mistake however many checks show it."""
    counts: Counter[str] = Counter()
    example: dict[str, tuple[str, str]] = {}
    for r in records:
        seen = set()
        for c in r.checks:
            phrase = None if c.passed else mistake_of(c.message)
            if phrase and phrase not in seen:
                seen.add(phrase)
                counts[phrase] += 1
                example.setdefault(phrase, (c.message, r.id))
    return [(m, n, *example[m]) for m, n in counts.most_common(TOP_MISTAKES)]


def not_graded(records: list[Record]) -> list[tuple[str, str, str]]:
    """(id, what happened, why) for each submission that got no grade, or a partial one
    because checks ran out of time."""
    rows = []
    for r in records:
        if r.status != GRADED:
            rows.append((r.id, r.status, r.error or "no reason recorded"))
            continue
        timeouts = [c for c in r.checks if c.status == "timeout"]
        if timeouts:
            first = timeouts[0]
            why = f"{first.unit}: {first.name}: {first.message}"
            rows.append((r.id, f"{len(timeouts)} checks timed out", why))
    return rows


def _summary(records: list[Record]) -> str:
    graded = [r for r in records if r.status == GRADED]
    assignments = sorted({r.assignment for r in records})
    parts = [f"{len(records)} submissions", f"{len(graded)} graded"]
    if graded:
        mean = sum(r.score or 0 for r in graded) / len(graded)
        parts.append(f"mean score {mean:.1f} / {graded[0].max_score:g}")
    return f"<p>{_e(', '.join(assignments) or 'no assignment')}: {_e('; '.join(parts))}.</p>"


def _sections(records: list[Record]) -> list[str]:
    failures = plots.failure_counts(records)
    out = [
        "<h2>Score distribution</h2>",
        _img(plots.score_distribution(records), "score distribution per assignment"),
        "<h2>Score distribution per class</h2>",
        _img(plots.class_distribution(records), "score distribution per graded class"),
        "<h2>Checks failed</h2>",
        _img(plots.failures_per_check(records), "submissions that failed each check"),
        _table(
            ["class", "check", "submissions that did not pass"],
            [[_td(u), _td(n), _td(k, "num")] for (u, n), k in failures.items()],
            "failures",
        ),
        "<h2>Most common diagnosed mistakes</h2>",
    ]
    mistakes = common_mistakes(records)
    out.append(
        _table(
            ["likely mistake", "submissions", "example", "from"],
            [[_td(m), _td(n, "num"), _td(msg, "msg"), _td(who)] for m, n, msg, who in mistakes],
            "mistakes",
        )
        if mistakes
        else '<p class="muted">No failure named a likely mistake.</p>'
    )
    out.append("<h2>Not graded, or out of time</h2>")
    rows = [[_td(i), _td(s), _td(why, "msg")] for i, s, why in not_graded(records)]
    out.append(
        _table(["submission", "status", "reason"], rows, "ungraded")
        if rows
        else '<p class="muted">Every submission was graded in time.</p>'
    )
    return out


def _students(records: list[Record]) -> str:
    rows = []
    for r in records:
        link = f'<a href="feedback/{_e(quote(r.id))}.html">{_e(r.id)}</a>'
        rows.append(
            [f"<td>{link}</td>", _td(r.status), _td(_points(r.score), "num"), _td(r.max_score)]
        )
    return _table(["submission", "status", "score", "out of"], rows, "students")


def class_report_html(records: list[Record], problems: list[str] = ()) -> str:
    """The whole page; `problems` are the result files that could not be read."""
    body = ["<h1>Class report</h1>", _summary(records), *_sections(records)]
    body += ["<h2>Every submission</h2>", _students(records)]
    if problems:
        items = "".join(f"<li>{_e(p)}</li>" for p in problems)
        body += ["<h2>Results that could not be read</h2>", f'<ul class="problems">{items}</ul>']
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; '
        "img-src data:; style-src 'unsafe-inline'\">\n"
        f"<title>Class report</title>\n<style>{_CSS}</style>\n</head>\n<body>\n"
        + "\n".join(body)
        + "\n</body>\n</html>\n"
    )
