"""Scale (issue #5): --jobs 2 and the dask engine give the tables of --jobs 1; incremental runs
parse only what changed. No timing is asserted here (see `make bench`)."""

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from pipeline.runner import run

pytestmark = pytest.mark.slow
ROOT = Path(__file__).resolve().parent.parent
TABLES = ("mentions", "entities", "relations", "events", "errors")


@pytest.fixture
def seeds(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    for path in sorted((ROOT / "seeds").glob("*.txt")):
        shutil.copyfile(path, folder / path.name)
    (folder / "empty.txt").write_bytes(b"")  # one error row, the same for every engine
    return folder


def tables(output: Path) -> dict[str, bytes]:
    return {name: (output / f"{name}.csv").read_bytes() for name in TABLES}


def stage_files(output: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(output)): p.read_bytes() for p in sorted((output / "stages").rglob("*"))
        if p.is_file()
    }


def cli_run(*args: str) -> str:
    completed = subprocess.run(
        [sys.executable, "-m", "pipeline", "run", "--quiet", "--no-report", *args],
        cwd=ROOT, capture_output=True, text=True, timeout=600, check=False,
    )
    assert completed.returncode == 0, completed.stderr
    return completed.stdout


def test_jobs_2_and_dask_give_the_tables_of_jobs_1(seeds, tmp_path, nlp):
    one, two, dask = tmp_path / "jobs1", tmp_path / "jobs2", tmp_path / "dask"
    summary = run(seeds, one, jobs=1, progress=False, report=False, nlp=nlp)
    assert summary.processed == 3 and summary.skipped == 1
    run(seeds, two, jobs=2, batch_size=1, progress=False, report=False, nlp=nlp)
    line = cli_run("--input", str(seeds), "--output", str(dask), "--engine", "dask", "--jobs", "2")
    assert "3 parsed" in line
    expected = tables(one)
    assert b"Mohammed bin Saeed Al-Moghidi" in expected["mentions"]
    assert tables(two) == expected
    assert tables(dask) == expected
    assert stage_files(two) == stage_files(one)
    assert stage_files(dask) == stage_files(one)


def test_a_dying_worker_costs_only_its_documents(seeds, tmp_path, nlp, monkeypatch):
    """A worker killed mid-batch: its documents are reported, the others are parsed by a
    fresh set of workers, and a second run picks the lost ones up again."""
    import os

    from pipeline import pool

    for number in range(10):
        shutil.copyfile(sorted(seeds.glob("0*.txt"))[0], seeds / f"copy{number}.txt")
    real = pool.parse_batch

    def dies_on_copy1(nlp_, items, *args):
        if any(Path(path).name == "copy1.txt" for path, _ in items) and "crash" not in os.environ:
            os._exit(3)  # a worker killed by the system: no exception, no cleanup
        return real(nlp_, items, *args)

    monkeypatch.setattr(pool, "parse_batch", dies_on_copy1)  # inherited by forked workers
    output = tmp_path / "out"
    summary = run(seeds, output, jobs=2, progress=False, report=False, nlp=nlp, batch_size=1)
    lost = {e["path"] for e in summary.errors if e["stage"] == "worker"}
    assert str(seeds / "copy1.txt") in lost
    assert len(lost) <= 4  # the batches in flight when the worker died (2 per worker)
    assert all("worker process died" in e["reason"] for e in summary.errors if e["path"] in lost)
    assert summary.processed == 14 - len(summary.errors)
    assert (output / "stages" / "ner" / "copy9.json").exists()  # after the crash: fresh workers
    assert b"worker process died" in (output / "errors.csv").read_bytes()

    monkeypatch.setenv("crash", "no")
    again = run(seeds, output, jobs=2, progress=False, report=False, nlp=nlp)
    assert again.processed == len(lost - {str(seeds / "empty.txt")})
    assert again.skipped == 1 and again.errors[0]["stage"] != "worker"


def test_incremental_runs_parse_only_what_changed(seeds, tmp_path, nlp):
    output = tmp_path / "out"
    first = run(seeds, output, progress=False, report=False, nlp=nlp)
    assert (first.processed, first.reused) == (3, 0)

    again = run(seeds, output, progress=False, report=False, nlp=nlp)
    assert (again.processed, again.reused, again.skipped) == (0, 3, 1)
    assert again.line().startswith("outputs up to date: no document parsed")
    line = cli_run("--input", str(seeds), "--output", str(output), "--engine", "dask")
    assert line.startswith("outputs up to date: no document parsed")  # no cluster started

    changed = sorted(seeds.glob("0*.txt"))[1]
    changed.write_text(
        changed.read_text(encoding="utf-8").replace("Al-Sabah", "Al-Jaber", 1), encoding="utf-8"
    )
    after = run(seeds, output, progress=False, report=False, nlp=nlp)
    assert (after.processed, after.reused) == (1, 2)
    assert "outputs up to date" not in after.line()

    fresh = tmp_path / "fresh"
    run(seeds, fresh, progress=False, report=False, nlp=nlp)
    assert tables(output) == tables(fresh)
    assert b"Al-Jaber" in tables(output)["mentions"]


def test_a_document_whose_artefacts_are_incomplete_is_parsed_again(seeds, tmp_path, nlp):
    """The key file is written last and removed first: a run killed half-way through a
    document, or a stage artefact deleted by hand, leaves that document stale."""
    output = tmp_path / "out"
    run(seeds, output, progress=False, report=False, nlp=nlp)
    first, second, third = sorted(p.stem for p in seeds.glob("0*.txt"))
    (output / "stages" / "keys" / f"{first}.txt").unlink()  # killed before the key file
    (output / "stages" / "ner" / f"{second}.json").unlink()  # an artefact lost
    again = run(seeds, output, progress=False, report=False, nlp=nlp)
    assert (again.processed, again.reused) == (2, 1)
    assert (output / "stages" / "ner" / f"{second}.json").is_file()
    key = (output / "stages" / "keys" / f"{third}.txt").read_text(encoding="utf-8").strip()
    assert key == json.loads(
        (output / "stages" / "clean" / f"{third}.json").read_text(encoding="utf-8")
    )["key"]


def test_without_fork_spawned_workers_build_their_own_pipeline(seeds, tmp_path, nlp, monkeypatch):
    """Where `fork` does not exist (Windows), `--jobs 2` spawns workers that each build the
    pipeline: the same tables, only slower."""
    import multiprocessing

    one = tmp_path / "one"
    run(seeds, one, progress=False, report=False, nlp=nlp)
    monkeypatch.setattr(multiprocessing, "get_all_start_methods", lambda: ["spawn"])
    two = tmp_path / "two"
    summary = run(seeds, two, jobs=2, progress=False, report=False, nlp=nlp)
    assert (summary.processed, summary.skipped) == (3, 1)
    assert tables(two) == tables(one)
