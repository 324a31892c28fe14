"""The BRAT gold loader: every validation error, and a valid round trip."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.brat import GoldDocument, GoldError, Relation, Span, load_corpus, load_document

TEXT = "Le Général Amadou Diallo a reçu Zaid Wadi à Riyad."
# offsets: Général 3-10, Amadou Diallo 11-24, Zaid Wadi 32-41, Riyad 44-49
VALID_ANN = (
    "T1\tRANK 3 10\tGénéral\n"
    "T2\tPERSON 11 24\tAmadou Diallo\n"
    "T3\tPERSON 32 41\tZaid Wadi\n"
    "T4\tLOC 44 49\tRiyad\n"
    "R1\tHAS_RANK Arg1:T2 Arg2:T1\n"
    "R2\tRECEIVED Arg1:T2 Arg2:T3\n"
)


def write_pair(directory: Path, ann: str, text: str = TEXT, name: str = "doc",
               text_bytes: bytes | None = None) -> Path:
    directory.mkdir(parents=True, exist_ok=True)
    (directory / f"{name}.txt").write_bytes(text_bytes if text_bytes is not None
                                            else text.encode("utf-8"))
    ann_path = directory / f"{name}.ann"
    ann_path.write_text(ann, encoding="utf-8")
    return ann_path


def error_for(tmp_path: Path, ann: str, **kwargs) -> GoldError:
    ann_path = write_pair(tmp_path, ann, **kwargs)
    with pytest.raises(GoldError) as caught:
        load_document(ann_path)
    return caught.value


def test_valid_round_trip(tmp_path):
    ann_path = write_pair(tmp_path, VALID_ANN)
    document = load_document(ann_path)
    assert document == GoldDocument(
        doc_id="doc",
        text=TEXT,
        spans=[Span("T1", "RANK", 3, 10, "Général"), Span("T2", "PERSON", 11, 24, "Amadou Diallo"),
               Span("T3", "PERSON", 32, 41, "Zaid Wadi"), Span("T4", "LOC", 44, 49, "Riyad")],
        relations=[Relation("R1", "HAS_RANK", "T2", "T1"),
                   Relation("R2", "RECEIVED", "T2", "T3")],
    )
    for span in document.spans:
        assert document.text[span.start:span.end] == span.text
    # Writing the spans back gives the same standoff lines.
    lines = [f"{s.id}\t{s.label} {s.start} {s.end}\t{s.text}" for s in document.spans]
    lines += [f"{r.id}\t{r.type} Arg1:{r.head_id} Arg2:{r.tail_id}" for r in document.relations]
    assert "\n".join(lines) + "\n" == VALID_ANN


def test_blank_lines_notes_crlf_and_relation_before_span_are_accepted(tmp_path):
    ann = ("R1\tHAS_RANK Arg1:T2 Arg2:T1\t\r\n\n#1\tAnnotatorNotes T2\tle chef\r\n"
           "T1\tRANK 3 10\tGénéral\r\nT2\tPERSON 11 24\tAmadou Diallo\r\n")
    document = load_document(write_pair(tmp_path, ann))
    assert [span.id for span in document.spans] == ["T1", "T2"]
    assert document.relations == [Relation("R1", "HAS_RANK", "T2", "T1")]


def test_empty_ann_is_a_document_without_annotations(tmp_path):
    document = load_document(write_pair(tmp_path, ""))
    assert (document.spans, document.relations) == ([], [])


def test_bom_is_stripped_and_offsets_count_characters_after_it(tmp_path):
    raw = b"\xef\xbb\xbf" + "Zaid Wadi à Riyad".encode()
    ann_path = write_pair(tmp_path, "T1\tLOC 12 17\tRiyad\n", text_bytes=raw)
    document = load_document(ann_path)
    assert document.text == "Zaid Wadi à Riyad"
    assert document.spans[0].text == "Riyad"


def test_crlf_in_text_is_kept(tmp_path):
    raw = b"Titre\r\nRiyad"
    document = load_document(write_pair(tmp_path, "T1\tLOC 7 12\tRiyad\n", text_bytes=raw))
    assert document.text == "Titre\r\nRiyad"


def test_unknown_entity_label(tmp_path):
    error = error_for(tmp_path, "T1\tRANK 3 10\tGénéral\nT2\tPER 11 24\tAmadou Diallo\n")
    assert str(error) == (f"{tmp_path / 'doc.ann'}:2: unknown entity label 'PER' "
                          "(allowed: PERSON RANK TITLE ORG GPE LOC DATE)")
    assert isinstance(error, ValueError)
    assert (error.line, error.path) == (2, str(tmp_path / "doc.ann"))


def test_unknown_relation(tmp_path):
    error = error_for(tmp_path, VALID_ANN + "R3\tVISITED Arg1:T3 Arg2:T2\n")
    assert str(error).startswith(f"{tmp_path / 'doc.ann'}:7: unknown relation 'VISITED'")


@pytest.mark.parametrize("line", [
    "T1 RANK 3 10 Général",          # spaces instead of tabs
    "T1\tRANK 3 10",                 # no text field
    "T1\tRANK three 10\tGénéral",    # non-numeric offset
    "T1\tRANK 3\tGénéral",           # one offset
    "Tx\tRANK 3 10\tGénéral",        # bad id
    "R1\tHAS_RANK T2 T1",            # no Arg1:/Arg2:
    "R1\tHAS_RANK Arg1:T2",          # one argument
    "E1\tRECEIVED:T2 Guest:T3",      # events are not supported
    "A1\tNegated T1",                # attributes are not supported
    "garbage",
])
def test_malformed_line(tmp_path, line):
    error = error_for(tmp_path, "T2\tPERSON 11 24\tAmadou Diallo\n" + line + "\n")
    assert str(error).startswith(f"{tmp_path / 'doc.ann'}:2: malformed")


def test_discontinuous_span_is_not_supported(tmp_path):
    error = error_for(tmp_path, "T1\tPERSON 11 17;18 24\tAmadou Diallo\n")
    assert str(error) == (f"{tmp_path / 'doc.ann'}:1: discontinuous span '11 17;18 24' "
                          "is not supported")


@pytest.mark.parametrize("offsets", ["44 60", "-1 4", "52 53"])
def test_offsets_outside_the_text(tmp_path, offsets):
    error = error_for(tmp_path, f"T1\tLOC {offsets}\tRiyad\n")
    assert "outside the text (length 50)" in str(error)
    assert str(error).startswith(f"{tmp_path / 'doc.ann'}:1: ")


@pytest.mark.parametrize("offsets", ["49 44", "44 44"])
def test_start_not_before_end(tmp_path, offsets):
    error = error_for(tmp_path, f"T1\tLOC {offsets}\tRiyad\n")
    assert "is not before its end" in str(error)


def test_span_text_mismatch(tmp_path):
    error = error_for(tmp_path, "T1\tRANK 3 10\tGénéral\nT2\tPERSON 12 25\tAmadou Diallo\n")
    assert str(error) == (f"{tmp_path / 'doc.ann'}:2: span text 'Amadou Diallo' does not match "
                          "the text at 12-25: 'madou Diallo '")


def test_relation_to_missing_span(tmp_path):
    error = error_for(tmp_path, VALID_ANN + "R3\tMET Arg1:T2 Arg2:T9\n")
    assert str(error) == (f"{tmp_path / 'doc.ann'}:7: relation R3 Arg2 refers to missing span "
                          "id 'T9'")


def test_duplicate_span_id(tmp_path):
    error = error_for(tmp_path, "T1\tRANK 3 10\tGénéral\nT1\tPERSON 11 24\tAmadou Diallo\n")
    assert str(error) == f"{tmp_path / 'doc.ann'}:2: duplicate id T1 (first used on line 1)"


def test_duplicate_relation_id(tmp_path):
    error = error_for(tmp_path, VALID_ANN + "R2\tMET Arg1:T2 Arg2:T3\n")
    assert str(error) == f"{tmp_path / 'doc.ann'}:7: duplicate id R2 (first used on line 6)"


def test_missing_txt(tmp_path):
    ann_path = tmp_path / "lonely.ann"
    ann_path.write_text("T1\tLOC 0 5\tRiyad\n", encoding="utf-8")
    with pytest.raises(GoldError, match=r"lonely\.ann: missing text file lonely\.txt"):
        load_document(ann_path)
    with pytest.raises(GoldError, match="missing text file"):
        load_corpus(tmp_path)


def test_text_that_is_not_utf8(tmp_path):
    error = error_for(tmp_path, "", text_bytes="Général".encode("cp1252"))
    assert str(error) == f"{tmp_path / 'doc.txt'}: not valid UTF-8 (byte 1)"


def test_load_corpus_sorted_and_txt_without_ann_ignored(tmp_path):
    write_pair(tmp_path, "T1\tLOC 44 49\tRiyad\n", name="b")
    write_pair(tmp_path, "", name="a")
    (tmp_path / "c.txt").write_text("pas d'annotation", encoding="utf-8")
    documents = load_corpus(tmp_path)
    assert [document.doc_id for document in documents] == ["a", "b"]
    assert documents[1].spans == [Span("T1", "LOC", 44, 49, "Riyad")]


def test_load_corpus_missing_folder(tmp_path):
    with pytest.raises(GoldError, match="gold folder not found"):
        load_corpus(tmp_path / "nope")


def test_seed_gold_files_are_valid():
    seeds = Path(__file__).resolve().parent.parent / "seeds"
    if not list(seeds.glob("*.ann")):
        pytest.skip("no seed gold")
    documents = load_corpus(seeds)
    assert len(documents) == len(list(seeds.glob("*.ann")))
    assert all(document.spans for document in documents)


def test_equiv_lines_are_read_and_checked(tmp_path):
    from pipeline.brat import GoldError, load_document

    (tmp_path / "d.txt").write_text("CIMCT et Coalition", encoding="utf-8")
    ann = tmp_path / "d.ann"
    ann.write_text("T1\tORG 0 5\tCIMCT\nT2\tORG 9 18\tCoalition\n*\tEquiv T1 T2\n",
                   encoding="utf-8")
    assert load_document(ann).equivalences == [("T1", "T2")]
    ann.write_text("T1\tORG 0 5\tCIMCT\n*\tEquiv T1 T7\n", encoding="utf-8")
    with pytest.raises(GoldError, match="missing span id"):
        load_document(ann)
