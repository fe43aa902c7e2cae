"""Grade a whole class: every submission in a folder, in parallel, resumable.

    grade_all(folder, out, config, jobs) -> BatchSummary

Each entry directly inside `folder` is one submission: a sub-folder, a notebook or a .py file
(its id is the name without suffix). Results go to ``out/results/<id>.json`` (the CLI's JSON
report plus ``id``, ``status`` and ``fingerprint``) and the class gradebook to
``out/gradebook.csv``; ``out/batch.json`` records the settings (seed, assignment, limits), so a
second run with the same ``out`` grades only what is missing -- or what changed since (the
fingerprint is a hash of the submission's files), or what the grader failed on (status
"grader error": its own data broke mid-run; no score is recorded, not even 0). Every file is
written atomically (a temporary file, then a rename), so a run killed at any moment loses at
most the submissions being graded, and never leaves a half-written result.

After the run it writes the class report, each student's feedback and the Canvas / Moodle
exports from the records (`classreport`); ``BatchConfig.only`` grades one submission again,
``BatchConfig.scheduler`` grades on a Dask cluster (`_batch_dask`) instead of local processes.

Submissions are graded by `jobs` processes (default: one per core, see `_batch_pool`: they
die with the grader, even by SIGKILL, and leave nothing in /dev/shm), each with one BLAS
thread so they do not fight over cores; each runs student code in its own sandbox, which
cannot see `out`. Each result is signed (HMAC, key in ``out/.key``); resuming keeps only
results whose signature holds. Without any sandbox (no bubblewrap, not root) `grade_all`
refuses unless `unsafe`.
A single-file submission is graded from a private copy (in ``out/.staging``), so its sandbox
never sees the other students' files next to it.

This module does not parse arguments or print (the CLI does, through `progress`).
"""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import json
import os
import secrets
import shutil
import signal
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass, replace
from pathlib import Path

from . import _batch_pool, assignments
from .atomic import write_atomic
from .config import BatchConfig, GradeConfig
from .errors import GraderFault, SubmissionUnreadable
from .reading import link_problem
from .reporters import gradebook_csv, safe_result

_CODE_SUFFIXES = (".ipynb", ".py")
_SKIPPED = {"__pycache__", ".ipynb_checkpoints", "node_modules"}
#: the settings that must not change between a run and its resumption
_SETTINGS = ("seed", "assignment", "check_timeout", "memory_mb", "reveal")
#: a record's status when the grader itself failed (`GraderFault`): score None, never 0, and
#: the submission is graded again by the next run
GRADER_ERROR = "grader error"


@dataclass(frozen=True)
class Entry:
    id: str
    path: Path


@dataclass(frozen=True)
class BatchSummary:
    total: int
    #: graded by this run
    graded: int
    #: already graded by an earlier run (same settings, unchanged files)
    skipped: int
    gradebook: Path
    #: the class report (``out/report.html``; None when not written)
    report: Path | None = None


def find_submissions(folder: Path, exclude: Path | None = None) -> list[Entry]:
    """The submissions directly inside `folder`, sorted by id."""
    if not folder.is_dir():
        raise SubmissionUnreadable(f"no such folder: {folder}")
    found: list[tuple[str, Path]] = []
    for p in sorted(folder.iterdir()):
        if p.name.startswith(".") or p.name in _SKIPPED:
            continue
        if exclude is not None and p.resolve() == exclude.resolve():
            continue
        if p.is_dir() or p.suffix in _CODE_SUFFIXES:
            found.append((p.stem if p.is_file() else p.name, p))
    stems = [stem for stem, _ in found]
    # alice.py next to alice.ipynb (or a folder alice/): keep the full names apart
    return [Entry(stem if stems.count(stem) == 1 else p.name, p) for stem, p in found]


def fingerprint(path: Path) -> str:
    """A hash of the submission's files (names and contents). Links and special files count
    by name only: they are never read (a FIFO would block the whole class, see `_reading`)."""
    digest = hashlib.sha256()
    files = [path] if not path.is_dir() else sorted(p for p in path.rglob("*") if not p.is_dir())
    for f in files:
        rel = f.relative_to(path) if path.is_dir() else Path(f.name)
        if any(part.startswith(".") or part in _SKIPPED for part in rel.parts):
            continue
        digest.update(rel.as_posix().encode() + b"\0")
        if not link_problem(f):
            content = hashlib.sha256()
            with open(f, "rb") as stream:
                for block in iter(lambda: stream.read(1 << 20), b""):  # noqa: B023
                    content.update(block)
            digest.update(content.digest())
    return digest.hexdigest()


def _settings(out: Path, config: GradeConfig, folder: Path, explicit_seed: bool) -> GradeConfig:
    """The run's settings: fixed on the first run (seed drawn once), reused when resuming."""
    manifest = out / "batch.json"
    assignment = config.assignment or assignments.infer(folder) or _class_assignment(folder)
    config = replace(config, assignment=assignment)
    if manifest.exists():
        saved = json.loads(manifest.read_text())
        if not explicit_seed:
            config = replace(config, seed=saved["seed"])
        current = {k: asdict(config)[k] for k in _SETTINGS}
        changed = [k for k in _SETTINGS if saved.get(k) != current[k]]
        if changed:
            what = ", ".join(f"{k} {saved.get(k)!r} (now {current[k]!r})" for k in changed)
            raise SubmissionUnreadable(
                f"{out} holds results graded with other settings: {what}; "
                "use the same settings or another --out"
            )
        return config
    config = replace(config, seed=config.resolved_seed())
    write_atomic(manifest, json.dumps({k: asdict(config)[k] for k in _SETTINGS}, indent=2) + "\n")
    return config


def _class_assignment(folder: Path) -> str:
    """The assignment most of the class's submissions answer (recognised from their content);
    one grading run gives every student the same rubric."""
    from collections import Counter

    from .choose import choose

    votes: Counter[str] = Counter()
    entries = find_submissions(folder)
    if not entries:  # nobody to grade: any rubric will do
        return assignments.DEFAULT
    for entry in entries:
        with contextlib.suppress(SubmissionUnreadable):
            votes[choose(entry.path).assignment] += 1
    ranked = votes.most_common(2)
    if not ranked or (len(ranked) == 2 and ranked[0][1] == ranked[1][1]):
        raise SubmissionUnreadable(
            f"cannot tell which assignment the submissions in {folder} answer; "
            "pass --assignment NAME"
        )
    return ranked[0][0]


def _assignment_total(name: str) -> float:
    a = assignments.get(name)
    return sum(d.points for unit in a.units for d in a.rubric(unit))


def _ungraded(
    base: dict, status: str, error: str, score: float | None, config: GradeConfig, path: str
) -> dict:
    """The record of a submission that got no grade: `status`, why, and `score` (None: none)."""
    return {
        **base,
        "status": status,
        "error": error,
        "score": score,
        "max_score": _assignment_total(config.assignment),
        "checks": [],
        "assignment": config.assignment,
        "submission": path,
        "seed": config.seed,
        "diagnostics": [],
        "output": "",
        "isolation": [],
    }


def grade_entry(entry_id: str, path: str, print_: str, config: GradeConfig, staging: str) -> dict:
    """One submission's record (runs in a pool process). Never raises for a bad submission.

    A single file is graded from a copy alone in ``staging/<id>/``, so nothing next to it
    (other students' files) is visible to its sandbox."""
    from .grading import grade
    from .progress import quiet

    source = Path(path)
    base: dict = {"id": entry_id, "fingerprint": print_}
    private = Path(staging) / entry_id
    try:
        if source.is_file():
            private.mkdir(parents=True, exist_ok=True)
            copy = private / source.name
            try:
                shutil.copyfile(source, copy, follow_symlinks=False)  # a link stays a link
            except OSError as exc:  # a FIFO, a device, a vanished file
                raise SubmissionUnreadable(f"{source} cannot be copied ({exc})") from None
            with quiet():  # grade-all shows one bar; a check's own would garble it
                result = grade(copy, config)
        else:
            with quiet():
                result = grade(source, config)
    except SubmissionUnreadable as exc:
        reason = str(exc).replace(str(private), str(source.parent))
        return _ungraded(base, "unreadable", reason, 0, config, path)
    except GraderFault as exc:  # the grader's own data failed: no score, graded again on resume
        return _ungraded(base, GRADER_ERROR, str(exc), None, config, path)
    finally:
        shutil.rmtree(private, ignore_errors=True)
    # the record is every later report's source: student text in it is made safe here
    return {**base, "status": "graded", **safe_result(result).to_dict(), "submission": path}


def _key(out: Path) -> bytes:
    """The run's signing key (``out/.key``, readable by the grader only). No sandbox sees `out`;
    the key still makes a result file written by anyone else fail verification on resume."""
    path = out / ".key"
    try:
        return bytes.fromhex(path.read_text().strip())
    except (OSError, ValueError):
        key = secrets.token_bytes(32)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w") as f:
            f.write(key.hex() + "\n")
        return key


def _signature(key: bytes, record: dict) -> str:
    body = {k: v for k, v in record.items() if k != "signature"}
    return hmac.new(key, json.dumps(body, sort_keys=True).encode(), hashlib.sha256).hexdigest()


def _load_done(
    out: Path, entries: list[Entry], prints: dict[str, str], key: bytes
) -> dict[str, dict]:
    """Records of an earlier run that are still valid: same files, complete JSON, and signed
    with this run's key (a forged or edited result is graded again)."""
    done = {}
    for e in entries:
        path = out / "results" / f"{e.id}.json"
        try:
            record = json.loads(path.read_text())
        except (OSError, ValueError):
            continue
        if not isinstance(record, dict) or record.get("id") != e.id:
            continue
        signed = hmac.compare_digest(str(record.get("signature", "")), _signature(key, record))
        graded = record.get("status") not in (None, GRADER_ERROR)  # a grader error: again
        if signed and record.get("fingerprint") == prints[e.id] and graded:
            done[e.id] = record
    return done


def _raise_interrupt(signum, frame):  # noqa: ANN001 - signal handler protocol
    raise KeyboardInterrupt


@contextlib.contextmanager
def _term_as_interrupt() -> Iterator[None]:
    """`kill PID` stops the run like Ctrl-C: pool processes and their workers are cleaned up."""

    try:
        previous = signal.signal(signal.SIGTERM, _raise_interrupt)
    except ValueError:  # not the main thread
        yield
        return
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def _refuse_without_sandbox(unsafe: bool) -> None:
    """Without a sandbox and without root, every submission would run as the grader's user in
    one process tree: each could read, kill or overwrite the others. Refuse unless told."""
    from .runner import sandbox_available

    usable, why = sandbox_available()
    if usable or unsafe or os.geteuid() == 0:
        return
    raise SubmissionUnreadable(
        f"no sandbox on this machine ({why}): grading a class would let each submission reach "
        "the others and the results; install bubblewrap, or pass --unsafe to grade anyway"
    )


def grade_all(
    folder: str | Path,
    out: str | Path,
    config: GradeConfig | None = None,
    jobs: int | None = None,
    progress: Callable[[int, int, dict], None] | None = None,
    unsafe: bool = False,
    run: BatchConfig | None = None,
) -> BatchSummary:
    """Grade every submission in `folder` into `out`; see the module docstring."""
    _refuse_without_sandbox(unsafe)
    folder, out = Path(folder), Path(out)
    config, run = config or GradeConfig(), run or BatchConfig()
    if config.assignment:
        assignments.get(config.assignment)  # an unknown name: one line, before anything is written
    entries = find_submissions(folder, exclude=out)
    if run.only is not None and run.only not in {e.id for e in entries}:
        raise SubmissionUnreadable(f"no submission with id {run.only!r} in {folder}")
    settings = _settings(out, config, folder, explicit_seed=config.seed is not None)
    os.chmod(out, 0o700)  # results, key and staging copies: the grader's alone
    key = _key(out)
    results = out / "results"
    results.mkdir(parents=True, exist_ok=True)
    for stray in results.glob(".*.tmp"):  # left by a run killed mid-write
        stray.unlink(missing_ok=True)
    staging = out / ".staging"
    shutil.rmtree(staging, ignore_errors=True)
    prints = {e.id: fingerprint(e.path) for e in entries}
    records = _load_done(out, entries, prints, key)
    todo = [e for e in entries if e.id not in records]
    if run.only is not None:  # regrade that one, whatever an earlier run left
        todo = [e for e in entries if e.id == run.only]
    gradebook = out / "gradebook.csv"
    graded = 0

    def finish(record: dict) -> None:
        nonlocal graded
        record = {**record, "signature": _signature(key, record)}
        write_atomic(results / f"{record['id']}.json", json.dumps(record, indent=2) + "\n")
        records[record["id"]] = record
        write_atomic(gradebook, gradebook_csv(list(records.values())))
        graded += 1
        if progress:
            progress(len(records), len(entries), record)

    write_atomic(gradebook, gradebook_csv(list(records.values())))
    workers = max(1, min(jobs or os.cpu_count() or 1, len(todo) or 1))
    with _term_as_interrupt():
        if run.scheduler:  # another machine's workers, through Dask (`_batch_dask`)
            from . import _batch_dask

            _batch_dask.run(_jobs(todo, prints, settings, str(staging)), run.scheduler, finish)
        elif workers == 1:
            for e in todo:
                finish(grade_entry(e.id, str(e.path), prints[e.id], settings, str(staging)))
        else:
            _batch_pool.run(_jobs(todo, prints, settings, str(staging)), workers, finish)
    shutil.rmtree(staging, ignore_errors=True)
    report = None
    if run.report:  # the report, feedback and exports are derived from the records, as the CSV
        from .classreport import write_outputs

        sources = {e.id: e.path for e in entries}
        fresh = {e.id for e in todo}
        report = write_outputs(out, list(records.values()), sources, fresh).report
    return BatchSummary(len(entries), graded, len(entries) - len(todo), gradebook, report)


def _jobs(todo, prints, settings, staging) -> list[dict]:  # noqa: ANN001
    """The arguments of `grade_entry` for each submission, as plain data (JSON for the pool
    processes, pickled for Dask workers)."""
    config = asdict(settings)
    return [
        {
            "entry_id": e.id,
            "path": str(e.path),
            "print_": prints[e.id],
            "config": config,
            "staging": staging,
        }
        for e in todo
    ]
