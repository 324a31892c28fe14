"""The Python API (issue 11): `import pipeline` stays cheap, the README example runs, and
`pipeline.extract` gives the command line's tables without writing a file."""

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

import pipeline
from pipeline import artefacts
from pipeline.runner import run

ROOT = Path(__file__).resolve().parent.parent
TABLES = ("mentions", "entities", "relations", "events", "errors", "visits", "person_history",
          "merges")
GOOD = ("Le ministre reçoit le général\n\nDakar, 12-05-2023\n\nLe ministre de la Défense, "
        "M. Sidiki Kaba, a reçu le Général Mbaye Cissé, chef d'état-major général des armées.\n")


def readme_example() -> str:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## From Python, brat and event-data tools", 1)[1].split("\n## ", 1)[0]
    blocks = re.findall(r"```python\n(.*?)```", section, flags=re.S)
    assert len(blocks) == 1, "the README section should hold one Python example"
    return blocks[0]


def csv_bytes(frame: pd.DataFrame) -> bytes:
    return frame.to_csv(index=False, lineterminator="\n", float_format="%.2f").encode("utf-8")


def test_import_pipeline_loads_neither_spacy_nor_pandas():
    code = ("import sys, pipeline; print(sorted(m for m in ('spacy', 'pandas', 'numpy', 'torch')"
            " if m in sys.modules)); print(callable(pipeline.extract), callable(pipeline.load))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True, cwd=ROOT).stdout.split()
    assert out == ["[]", "True", "True"]
    with pytest.raises(AttributeError):
        pipeline.no_such_thing  # noqa: B018


@pytest.mark.slow
def test_the_readme_example_runs_and_shows_what_it_says(capsys):
    namespace: dict = {}
    exec(compile(readme_example(), "README.md", "exec"), namespace)  # noqa: S102
    doc, tables, nlp = namespace["doc"], namespace["tables"], namespace["nlp"]
    assert "communique_relations" in nlp.pipe_names  # the runner's pipeline, relations included
    assert ("Sidiki Kaba", "PERSON") in [(e.text, e.label_) for e in doc.ents]
    assert {"honorifics", "demonyms"} <= set(doc.spans)
    assert any(s.text == "M." for s in doc.spans["honorifics"])
    assert ("RECEIVED", "Sidiki Kaba", "Mbaye Cissé") in [
        (r["relation"], r["head"]["text"], r["tail"]["text"]) for r in doc._.relations]
    [event] = pipeline.doc_events(doc)
    assert (event["type"], event["hosts"], event["guests"]) == (
        "RECEIVED", ["Sidiki Kaba"], ["Mbaye Cissé"])
    assert set(tables) == set(TABLES)
    row = tables["events"].iloc[0]
    assert (row["event_id"], row["date"], row["hosts"], row["guests"]) == (
        "kaba#1", "2023-05-12", "Sidiki Kaba", "Mbaye Cissé")
    assert namespace["events"][0]["actor"][0]["identifier_text"] == "Mbaye Cissé"
    assert "Mbaye Cissé" in capsys.readouterr().out


@pytest.mark.slow
def test_extract_gives_the_tables_of_a_run_and_writes_nothing(tmp_path, nlp):
    inputs = tmp_path / "in"
    inputs.mkdir()
    for path in sorted((ROOT / "seeds").glob("*.txt")):
        shutil.copyfile(path, inputs / path.name)
    (inputs / "sub").mkdir()
    (inputs / "sub" / "good.txt").write_text(GOOD, encoding="utf-8")
    (inputs / "empty.txt").write_bytes(b"")
    (inputs / "broken.txt").symlink_to(tmp_path / "missing.txt")
    output = tmp_path / "out"
    run(inputs, output, progress=False, report=False, nlp=nlp, recursive=True)
    before = sorted(p.name for p in tmp_path.rglob("*"))

    tables = pipeline.extract(inputs, nlp=nlp, recursive=True)
    assert sorted(p.name for p in tmp_path.rglob("*")) == before  # nothing written
    for name in TABLES:
        assert csv_bytes(tables[name]) == (output / f"{name}.csv").read_bytes(), name
    assert "sub/good" in set(tables["mentions"]["doc_id"])
    assert {"empty.txt", "broken.txt"} == {Path(p).name for p in tables["errors"]["path"]}

    as_str = pipeline.extract(str(inputs), nlp=nlp)  # a str naming a folder is a folder
    assert "sub/good" not in set(as_str["mentions"]["doc_id"])
    assert set(as_str["mentions"]["doc_id"]) == set(tables["mentions"]["doc_id"]) - {"sub/good"}


@pytest.mark.slow
def test_extract_on_texts_names_them_and_reports_the_bad_ones(nlp):
    tables = pipeline.extract([GOOD, "", Path(ROOT / "seeds" / "nope.txt")], nlp=nlp)
    assert set(tables["mentions"]["doc_id"]) == {"text1"}
    errors = {(row.path, row.stage) for row in tables["errors"].itertuples()}
    assert ("text2", "clean") in errors
    assert (str(ROOT / "seeds" / "nope.txt"), "read") in errors
    named = pipeline.extract({"dakar": GOOD}, nlp=nlp)
    assert list(named["events"]["event_id"]) == ["dakar#1"]
    assert named["events"].iloc[0]["guests"] == "Mbaye Cissé"
    with pytest.raises(ValueError, match="path separator"):
        pipeline.extract({"a/b": GOOD}, nlp=nlp)
    assert list(named["relations"].columns) == artefacts.TABLE_COLUMNS["relations"]
