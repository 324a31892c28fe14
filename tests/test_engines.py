"""One-way structure (issue 11): the engines receive what they run (`work.BatchWork`) and
import nothing of the runner; the runner imports no engine by name; an engine added to the
registry runs without any other change."""

import ast
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from pipeline import engines
from pipeline.cli import build_parser
from pipeline.runner import run

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "pipeline"
TABLES = ("mentions", "entities", "relations", "events", "errors")


def imported(module: str) -> set[str]:
    """The pipeline modules `pipeline/MODULE.py` imports, at any depth of its code."""
    tree = ast.parse((PACKAGE / f"{module}.py").read_text(encoding="utf-8"))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.level == 1:
            names |= {node.module} if node.module else {a.name for a in node.names}
        elif isinstance(node, ast.ImportFrom) and (node.module or "").startswith("pipeline"):
            names.add(node.module.split(".", 1)[1] if "." in node.module else node.module)
        elif isinstance(node, ast.Import):
            names |= {a.name.split(".", 1)[1] for a in node.names if a.name.startswith("pipeline.")}
    return names


def test_dependencies_run_one_way():
    for engine in ("pool", "distributed"):
        assert imported(engine) <= {"work", "resources"}, engine
    assert imported("work") <= {"ner", "parse"}  # what the work runs, not who runs it
    for lower in ("work", "parse", "documents", "inputs", "lock", "engines"):
        assert not imported(lower) & {"runner", "cli", "pool", "distributed"}, lower
    assert not imported("runner") & {"pool", "distributed", "cli"}
    assert set(engines.ENGINES) == {"local", "dask"}
    assert all(not imported(m) & {"runner"} for m in ("pool", "distributed"))


def test_importing_an_engine_does_not_import_the_runner():
    code = ("import sys, pipeline.pool, pipeline.distributed; "
            "print('pipeline.runner' in sys.modules, 'dask' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True,
                         text=True, check=True).stdout.split()
    assert out == ["False", "False"]


def serial(stale, work, settings, errors, on_done) -> None:
    """An engine of a few lines: one document at a time, in this process."""
    nlp = settings.nlp if settings.nlp is not None else work.build_nlp()
    for path, raw in stale:
        errors.extend(work.write(work.parse(nlp, [(str(path), raw)])))
        on_done(1)


@pytest.mark.slow
def test_an_engine_added_to_the_registry_runs_with_no_other_change(tmp_path, nlp, monkeypatch):
    inputs = tmp_path / "in"
    inputs.mkdir()
    for path in sorted((ROOT / "seeds").glob("*.txt")):
        shutil.copyfile(path, inputs / path.name)
    (inputs / "empty.txt").write_bytes(b"")
    monkeypatch.setitem(engines.ENGINES, "serial", f"{__name__}:serial")
    assert build_parser().parse_args(["run", "--input", "a", "--output", "b", "--engine",
                                      "serial"]).engine == "serial"
    local, added = tmp_path / "local", tmp_path / "serial"
    run(inputs, local, progress=False, report=False, nlp=nlp)
    summary = run(inputs, added, progress=False, report=False, nlp=nlp, engine="serial")
    assert (summary.processed, summary.skipped) == (3, 1)
    for name in TABLES:
        assert (added / f"{name}.csv").read_bytes() == (local / f"{name}.csv").read_bytes()
    with pytest.raises(ValueError, match="unknown engine: 'nope'"):
        run(inputs, tmp_path / "x", engine="nope")
