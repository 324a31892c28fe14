"""Scale (issue #5): --jobs 2 and the dask engine give the tables of --jobs 1; incremental runs
parse only what changed. No timing is asserted here (see `make bench`)."""

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


def test_worker_processes_see_the_segment_boundaries(nlp):
    """`doc._.sentence_starts` travels in `user_data` to the `n_process` workers."""
    text = "Le ministre a reçu le général à Dakar puis le colonel a parlé aux journalistes"
    cut = text.index("puis")

    def docs():
        for number in range(4):
            doc = nlp.make_doc(text)
            doc._.sentence_starts = [0, cut]
            doc.user_data["doc_id"] = str(number)
            yield doc

    parsed = list(nlp.pipe(docs(), n_process=2, batch_size=1))
    assert [doc.user_data["doc_id"] for doc in parsed] == ["0", "1", "2", "3"]
    for doc in parsed:
        assert cut in [sentence.start_char for sentence in doc.sents]


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
