"""Input edges (issue 11): inputs that look like texts but cannot be read are listed in
errors.csv and counted; --recursive reads subfolders (doc_id = relative path with `/`);
without it the summary counts the subfolders not read."""

import os
from pathlib import Path

import pandas as pd
import pytest

from pipeline.cli import main
from pipeline.inputs import list_inputs
from pipeline.runner import run

GOOD = ("Le ministre reçoit le général\n\nDakar, 12-05-2023\n\nLe ministre de la Défense, "
        "M. Sidiki Kaba, a reçu le Général Mbaye Cissé, chef d'état-major général des armées.\n")


@pytest.fixture
def tree(tmp_path):
    root = tmp_path / "in"
    (root / "2024" / "mai").mkdir(parents=True)
    (root / "folder.txt").mkdir()
    (root / ".hidden").mkdir()
    (root / "top.txt").write_text(GOOD, encoding="utf-8")
    (root / "2024" / "one.txt").write_text(GOOD, encoding="utf-8")
    (root / "2024" / "mai" / "two.txt").write_text(GOOD, encoding="utf-8")
    (root / "folder.txt" / "inside.txt").write_text(GOOD, encoding="utf-8")
    (root / ".hidden" / "secret.txt").write_text(GOOD, encoding="utf-8")
    (root / "notes.md").write_text("other file", encoding="utf-8")
    (root / "broken.txt").symlink_to(tmp_path / "gone.txt")
    (root / "loop.txt").symlink_to(root / "loop.txt")
    (root / "2024" / "back").symlink_to(root)  # a loop of folders
    os.mkfifo(root / "pipe.txt")  # reading it would block the run forever
    (root / "TOP.TXT").write_text(GOOD, encoding="utf-8")  # doc_id "TOP": another document
    (root / "top.TXT").write_text(GOOD, encoding="utf-8")  # doc_id "top" too, read first
    return root


def reasons(rows) -> dict[str, str]:
    return {Path(row["path"]).name: row["reason"] for row in rows}


def test_listing_reports_every_input_that_cannot_be_a_text(tree):
    listing = list_inputs(tree)
    assert [doc_id for _, doc_id in listing.texts] == ["TOP", "top"]
    found = reasons(listing.errors)
    assert set(found) == {"broken.txt", "folder.txt", "loop.txt", "pipe.txt", "top.txt"}
    assert "broken symbolic link" in found["broken.txt"]
    assert "--recursive" in found["folder.txt"]
    assert "symbolic links" in found["loop.txt"]  # the system's words: too many levels
    assert "not a regular file" in found["pipe.txt"]
    assert "same document id 'top'" in found["top.txt"]
    assert {row["stage"] for row in listing.errors} == {"input"}
    assert (listing.ignored, listing.subfolders) == (1, 1)  # notes.md; 2024 (.hidden unseen)


def test_recursive_listing_reads_subfolders_with_relative_ids(tree):
    listing = list_inputs(tree, recursive=True)
    assert [doc_id for _, doc_id in listing.texts] == [
        "2024/mai/two", "2024/one", "TOP", "folder.txt/inside", "top"]
    found = reasons(listing.errors)
    assert set(found) == {"back", "broken.txt", "loop.txt", "pipe.txt", "top.txt"}
    assert "loop" in found["back"]
    assert listing.subfolders == 0


def test_the_output_folder_inside_the_input_is_not_read(tree):
    output = tree / "2024" / "tables"
    output.mkdir()
    (output / "old.txt").write_text(GOOD, encoding="utf-8")
    listing = list_inputs(tree, recursive=True, leave_out=(output,))
    assert "2024/tables/old" not in [doc_id for _, doc_id in listing.texts]


@pytest.mark.slow
def test_a_run_lists_and_counts_them(tree, tmp_path, nlp, capsys):
    output = tmp_path / "out"
    summary = run(tree, output, progress=False, report=False, nlp=nlp)
    errors = pd.read_csv(output / "errors.csv", keep_default_na=False).to_dict("records")
    assert set(reasons(errors)) == {"broken.txt", "folder.txt", "loop.txt", "pipe.txt",
                                    "top.txt"}
    assert (summary.documents, summary.processed, summary.skipped) == (7, 2, 5)
    assert summary.subfolders == 1
    assert "5 skipped with errors" in summary.line()
    assert "1 subfolder not read (--recursive reads them)" in summary.line()

    deep = tmp_path / "deep"
    code = main(["run", "--input", str(tree), "--output", str(deep), "--recursive", "--quiet",
                 "--no-report"])
    assert code == 0
    out, err = capsys.readouterr()
    assert "not read" not in out.splitlines()[-1]
    assert "skipped " + str(tree / "pipe.txt") in err
    mentions = pd.read_csv(deep / "mentions.csv", keep_default_na=False)
    assert {"2024/mai/two", "2024/one", "folder.txt/inside", "top", "TOP"} == set(
        mentions["doc_id"])
    assert (deep / "stages" / "ner" / "2024" / "mai" / "two.json").is_file()
    again = run(tree, deep, progress=False, report=False, nlp=nlp, recursive=True)
    assert (again.processed, again.reused) == (0, 5)  # keys found under the relative ids
