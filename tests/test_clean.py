import pytest

from pipeline.clean import DocumentError, clean, continues_sentence, decode


def test_utf8_bom_is_dropped_and_offsets_point_into_the_decoded_text():
    raw = "\ufeffTitre\n\nLe Général  Diallo a reçu\nM. Traoré.".encode()
    document = clean("x", raw)
    assert document.encoding == "utf-8-sig"
    assert document.original.startswith("Titre")
    start = document.text.index("Diallo")
    original_start, original_end = document.to_original(start, start + len("Diallo"))
    assert document.original[original_start:original_end] == "Diallo"


def test_utf16_with_bom_decodes():
    text, encoding, note = decode("Le ministre a reçu l'ambassadeur.".encode("utf-16"))
    assert text == "Le ministre a reçu l'ambassadeur." and encoding == "utf-16" and note == ""


def test_cp1252_fallback_is_noted():
    text, encoding, note = decode("Le Général a reçu le délégué.".encode("cp1252"))
    assert text == "Le Général a reçu le délégué."
    assert encoding == "cp1252" and "cp1252" in note


@pytest.mark.parametrize("raw, reason", [
    (b"", "empty"),
    (b"   \n\n ", "empty"),
    (b"\x00\x01\x02binary\x00", "binary"),
    (b"1234 5678 ....", "no letters"),
])
def test_unusable_input_raises_a_document_error_with_a_reason(raw, reason):
    with pytest.raises(DocumentError) as caught:
        clean("x", raw)
    assert caught.value.stage == "clean" and reason in caught.value.reason


def test_nfc_whitespace_and_apostrophes_are_normalised():
    decomposed = "Le Ge\u0301ne\u0301ral\u00a0l\u2019a   dit.\n\nFin."
    document = clean("x", decomposed.encode())
    assert document.text == "Le Général l'a dit.\n\nFin."
    index = document.text.index("l'a")
    assert document.original[document.offsets[index]] == "l"


def test_boilerplate_lines_are_dropped(tmp_path):
    document = clean("x", "Titre\n\nConnexion\n\nCliquez ici pour télécharger le fichier PDF\n\n"
                          "Le ministre a reçu le général.\n".encode())
    assert "Connexion" not in document.text
    assert "Cliquez" not in document.text
    assert document.text == "Titre\n\nLe ministre a reçu le général."


def test_paragraph_split_mid_sentence_is_rejoined():
    raw = "Titre\n\nLe ministre a salué les efforts déployés pour\n\nla sécurité du pays.\n\nFin."
    document = clean("x", raw.encode())
    assert "déployés pour la sécurité du pays." in document.text
    assert document.text.count("\n\n") == 2


def test_continues_sentence_needs_no_final_punctuation_and_a_lowercase_start():
    assert continues_sentence("il a salué les", "efforts")
    assert not continues_sentence("Il a salué les efforts.", "et puis")
    assert not continues_sentence("Titre sans point", "Le texte")
    assert not continues_sentence("Il s'agit de", "a) la France")
    assert not continues_sentence("Titre sans point", "vendredi 12 décembre 2025")
    assert not continues_sentence("vendredi 12 décembre 2025", "le ministre a reçu")
