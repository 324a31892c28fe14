import pytest

from pipeline.markup import MarkupError, convert_tree, parse_markup, to_brat


def test_spans_offsets_and_relations_are_computed_from_the_markup():
    markup = ("Le {RANK#r Général} {PERSON#p Amadou Diallo} a reçu {ORG CEDEAO}.\n"
              "===\nHAS_RANK p r\n")
    text, spans, relations = parse_markup(markup)
    assert text == "Le Général Amadou Diallo a reçu CEDEAO."
    assert [(s.label, text[s.start:s.end]) for s in spans] == [
        ("RANK", "Général"), ("PERSON", "Amadou Diallo"), ("ORG", "CEDEAO")]
    assert relations == [("HAS_RANK", "p", "r", "")]
    assert to_brat(spans, relations).splitlines() == [
        "T1\tRANK 3 10\tGénéral",
        "T2\tPERSON 11 24\tAmadou Diallo",
        "T3\tORG 32 38\tCEDEAO",
        "R1\tHAS_RANK Arg1:T2 Arg2:T1",
    ]


@pytest.mark.parametrize("markup, message", [
    ("Le {PERSON Diallo a reçu.", "not closed"),
    ("Le {PERSON {RANK x} y}.", "nested"),
    ("Le {PERSON#a X} et {PERSON#a Y}.\n===\nMET a a\n", "used twice"),
    ("Le {PERSON#a X}.\n===\nMET a b\n", "unknown span id"),
    ("Le {PERSON#a X}.\n===\nMET a\n", "TYPE HEAD TAIL"),
])
def test_bad_markup_is_reported(markup, message):
    with pytest.raises(MarkupError, match=message):
        text, spans, relations = parse_markup(markup, "f.txt")
        to_brat(spans, relations, "f.txt")


def test_convert_tree_writes_txt_and_ann_side_by_side(tmp_path):
    source = tmp_path / "markup" / "dev"
    source.mkdir(parents=True)
    (source / "a.txt").write_text("\n\nTitre\n\n{LOC Dakar}, {DATE 12-05-2023}\n", "utf-8")
    assert convert_tree(tmp_path / "markup", tmp_path / "corpus") == 1
    text = (tmp_path / "corpus" / "dev" / "a.txt").read_text("utf-8")
    assert text == "\n\nTitre\n\nDakar, 12-05-2023\n"
    ann = (tmp_path / "corpus" / "dev" / "a.ann").read_text("utf-8").splitlines()
    assert ann == ["T1\tLOC 9 14\tDakar", "T2\tDATE 16 26\t12-05-2023"]
