"""Every assignment's corpus, through one harness (`_corpus.py`): a broken entry loses points
in its own unit only, with a message that names the mistake; an unusual but correct entry
keeps full marks; every entry is well formed."""

from __future__ import annotations

import ast

import pytest

from tests.assignments._corpus import Corpus, checks_named, expectation
from tests.assignments.conv.corpus_spec import CORPUS as CONV
from tests.assignments.graph.corpus_spec import CORPUS as GRAPH
from tests.assignments.layers.corpus_spec import CORPUS as LAYERS
from tests.assignments.layers.corpus_spec import NOT_CAUGHT
from tests.assignments.mlp.corpus_spec import CORPUS as MLP
from tests.assignments.norm.corpus_spec import CORPUS as NORM

CORPORA: tuple[Corpus, ...] = (LAYERS, MLP, GRAPH, NORM, CONV)


def _params(kind: str):
    for corpus in CORPORA:
        for entry in corpus.entries(kind):
            marks = ()
            if entry.stem in NOT_CAUGHT:
                marks = (pytest.mark.xfail(strict=True, reason=NOT_CAUGHT[entry.stem]),)
            yield pytest.param(corpus, entry, id=f"{corpus.assignment}/{entry.stem}", marks=marks)


def _failed(results, unit: str | None = None) -> list[str]:
    return [
        f"{c.unit} [{c.name}] {c.status}: {c.message}"
        for c in results
        if not c.passed and (unit is None or c.unit == unit)
    ]


@pytest.mark.parametrize(("corpus", "entry"), list(_params("broken")))
def test_a_broken_entry_loses_points_in_its_unit_only_and_is_named(tmp_path, corpus, entry):
    unit = corpus.target(entry)
    results = corpus.run(tmp_path, entry)
    mine = [c for c in results if c.unit == unit]
    earned, available = sum(c.score for c in mine), sum(c.max_score for c in mine)
    assert earned < available, f"{entry.name}: not caught, {unit} kept {earned}/{available}"
    others = [f for f in _failed(results) if not f.startswith(f"{unit} ")]
    assert not others, f"{entry.name} changed only {unit}, yet:\n" + "\n".join(others)
    messages = [c.message for c in mine if not c.passed]
    assert all("Traceback" not in m for m in messages), messages
    for check in checks_named(entry):  # the checks the entry is written to fail
        assert any(c.name == check and not c.passed for c in mine), f"{entry.name}: {check!r}"
    expect = expectation(entry)
    if expect != "-":
        assert any(expect.lower() in m.lower() for m in messages), (
            f"{entry.name}: no failing {unit} message contains {expect!r}:\n" + "\n".join(messages)
        )


@pytest.mark.parametrize(("corpus", "entry"), list(_params("unusual")))
def test_an_unusual_but_correct_entry_keeps_full_marks(tmp_path, corpus, entry):
    results = corpus.run(tmp_path, entry)
    assert not _failed(results), f"{entry.name} is correct but lost points:\n" + "\n".join(
        _failed(results)
    )


@pytest.mark.parametrize(("corpus", "entry"), [*_params("broken"), *_params("unusual")])
def test_a_corpus_entry_is_well_formed(corpus, entry):
    prefix, sep, what = entry.stem.partition("__")
    units = corpus.units()
    assert sep and what and prefix in units, (
        f"{entry.name}: name it <unit_snake>__<what>.py with unit_snake in {sorted(units)}"
    )
    tree = ast.parse(entry.read_text(encoding="utf-8"))
    if corpus.strict:
        docstring = ast.get_docstring(tree)
        assert docstring and "\n" not in docstring.strip(), f"{entry.name}: one-line docstring"
        classes = [n.name for n in tree.body if isinstance(n, ast.ClassDef)]
        functions = [n.name for n in tree.body if isinstance(n, ast.FunctionDef)]
        unit = units[prefix]
        assert unit in classes + functions and classes in ([unit], []), (
            f"{entry.name} must define {unit} and no other class; it defines {classes}"
        )
    if entry.parent.name == "broken":
        assert expectation(entry), f"{entry.name}: no '# expect: ...' line (use '-' for none)"


@pytest.mark.parametrize("corpus", CORPORA, ids=[c.assignment for c in CORPORA])
def test_every_unit_has_a_broken_entry(corpus):
    assert {corpus.target(p) for p in corpus.entries("broken")} == set(corpus.units().values())
