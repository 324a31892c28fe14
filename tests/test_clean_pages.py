"""Web pages saved as .txt: HTML, list lines, page noise and the page date (invented texts)."""

import pytest

from pipeline.clean import boilerplate_filter, clean, is_list_item, strip_markup
from pipeline.segment import is_page_date, segment


def cleaned(text: str):
    return clean("page", text.encode())


def original_of(document, needle: str, occurrence: int = 0) -> str:
    """The original characters that the cleaned `needle` maps back to."""
    start = -1
    for _ in range(occurrence + 1):
        start = document.text.index(needle, start + 1)
    original_start, original_end = document.to_original(start, start + len(needle))
    return document.original[original_start:original_end]


# -- 1. HTML left in the text


def test_person_written_with_tags_and_nbsp_maps_back_to_the_whole_original_span():
    raw = "<p>Le ministre a reçu <b>Rosa&nbsp;Vidal</b> hier.</p>"
    document = cleaned(raw)
    assert document.text == "Le ministre a reçu Rosa Vidal hier."
    start = document.text.index("Rosa Vidal")
    assert document.to_original(start, start + len("Rosa Vidal")) == (25, 40)
    assert raw[25:40] == "Rosa&nbsp;Vidal"


@pytest.mark.parametrize("written", ["Caf&eacute;", "Caf&#233;", "Caf&#xE9;", "Caf&#XE9;"])
def test_a_span_ending_in_an_entity_covers_the_whole_entity(written):
    document = cleaned(f"<p>Le colonel {written} a reçu le général.</p>")
    assert document.text == "Le colonel Café a reçu le général."
    assert original_of(document, "Café") == written
    assert original_of(document, "é") == written[3:]
    start = document.text.index("é")
    assert document.offsets[start] == document.original.index("&")


def test_entities_become_their_character_and_typography_is_normalised():
    raw = "<p>L&rsquo;ambassadeur a dit &laquo;&nbsp;merci&nbsp;&raquo; &amp; 3 &lt; 5.</p>"
    document = cleaned(raw)
    assert document.text == "L'ambassadeur a dit « merci » & 3 < 5."


def test_inline_tags_vanish_without_joining_words_and_block_tags_break_paragraphs():
    raw = (
        "<h2>Le ministre reçoit l'ambassadeur</h2><div>Le <b>ministre</b> a reçu "
        '<a href="/p?id=3">M. <span class="nom">Paul</span></a> <b>Biya</b>.'
        '<img src="a.jpg" alt="photo"/></div><p>Deuxième<br/>ligne du paragraphe.</p>'
    )
    assert cleaned(raw).text == (
        "Le ministre reçoit l'ambassadeur\n\n"
        "Le ministre a reçu M. Paul Biya.\n\n"
        "Deuxième ligne du paragraphe."
    )


def test_a_tag_between_two_letters_does_not_add_a_space():
    assert cleaned("<p>Le Gén<b>é</b>ral a reçu.</p>").text == "Le Général a reçu."


def test_comments_scripts_and_styles_go_with_their_content():
    raw = (
        "<!-- menu <p>Accueil</p> --><style>p { color: red; }</style>"
        '<script type="text/javascript">var s = "<p>Texte caché</p>";</script>'
        "<p>Le ministre a reçu le général.</p><noscript>Activez JavaScript</noscript>"
    )
    assert cleaned(raw).text == "Le ministre a reçu le général."


def test_a_less_than_sign_used_as_text_stays():
    raw = "Le budget <Paul> passe de 3 < 5 millions si x<y et R&D &inconnu; restent.\n\nFin."
    document = cleaned(raw)
    assert document.text == raw
    plain = cleaned(raw.replace("<", "(").replace("&", "+"))
    assert document.offsets == plain.offsets and document.source_ends == {}


def test_list_items_start_a_bullet_line_unless_they_carry_a_marker():
    raw = (
        "<p>Ont été reçus :</p><ul><li>le colonel <b>Ba</b> ;</li>"
        "<li> - le général Sow ;</li><li>&bull; M. Diop.</li></ul>"
    )
    document = cleaned(raw)
    assert document.text == (
        "Ont été reçus :\n\n• le colonel Ba ;\n\n- le général Sow ;\n\n• M. Diop."
    )
    assert original_of(document, "• le colonel") == "<li>le colonel"
    assert original_of(document, "- le général") == "- le général"


def test_every_cleaned_character_maps_to_the_character_it_came_from():
    raw = (
        "<html><head><title>Page</title></head><body>\n"
        "<h1>Visite du général</h1>\n<p>Yaound&eacute;, le 3 mai 2024&nbsp;&ndash; "
        "Le g&eacute;n&eacute;ral <b>Ngono</b> a re&ccedil;u l&rsquo;attaché.</p>\n</body></html>"
    )
    document = cleaned(raw)
    assert document.text == (
        "Page\n\nVisite du général\n\nYaoundé, le 3 mai 2024 – Le général Ngono a reçu "
        "l'attaché."
    )
    assert len(document.offsets) == len(document.text) + 1
    for index, ch in enumerate(document.text):
        if ch == "\n":
            continue
        source = original_of(document, ch, document.text[:index].count(ch))
        if source.startswith("&"):
            assert source.endswith(";") and len(source) > 2
        elif ch == " ":
            assert source in (" ", "\n")
        else:
            assert source == {"'": "\u2019"}.get(ch, ch) or source == ch
    assert original_of(document, "Ngono") == "Ngono"
    assert original_of(document, "Yaoundé, le 3 mai 2024") == "Yaound&eacute;, le 3 mai 2024"


def test_text_without_markup_takes_the_fast_path_unchanged():
    text = "Titre\r\n\r\nLe Général  Diallo a reçu\nM. Traoré.\n"
    assert strip_markup(text) == (text, None, {})
    document = cleaned(text)
    assert document.text == "Titre\n\nLe Général Diallo a reçu M. Traoré."
    assert document.source_ends == {}
    assert document.offsets[-1] == document.offsets[-2] + 1


# -- 2. list lines


def test_list_lines_are_paragraphs_of_their_own_and_keep_their_marker():
    raw = (
        "Le ministre a reçu successivement\n"
        "- le colonel Ba, attaché de défense\n"
        "du Sénégal ;\n"
        "• le général Sow ;\n"
        "* M. Diop.\n"
        "Les entretiens ont porté sur la sécurité."
    )
    assert cleaned(raw).text == (
        "Le ministre a reçu successivement\n\n"
        "- le colonel Ba, attaché de défense du Sénégal ;\n\n"
        "• le général Sow ;\n\n"
        "* M. Diop.\n\n"
        "Les entretiens ont porté sur la sécurité."
    )


@pytest.mark.parametrize("marker", ["1.", "1)", "a)", "i.", "iv)", "–", "—", "·", "▪", "►", "➢"])
def test_numbered_and_lettered_items_are_never_joined(marker):
    raw = f"Il s'agit de\n{marker} la coopération\n{marker} la formation"
    assert cleaned(raw).text == (
        f"Il s'agit de\n\n{marker} la coopération\n\n{marker} la formation"
    )


def test_a_list_paragraph_is_not_rejoined_to_a_paragraph_without_final_punctuation():
    raw = "Les deux parties ont évoqué\n\na) la sécurité maritime\n\nb) la formation"
    assert cleaned(raw).text == raw


def test_a_lowercase_paragraph_still_continues_a_list_item():
    raw = "- le renforcement de la coopération\n\nentre les deux armées ;\n\nFin."
    assert cleaned(raw).text == (
        "- le renforcement de la coopération entre les deux armées ;\n\nFin."
    )


@pytest.mark.parametrize("line", ["-12 % en un an", "M. Traoré a reçu", "J. Dupont a reçu",
                                  "2024. Le ministre", "Le 1. mars", "V. Poutine a reçu"])
def test_lines_that_are_not_list_items(line):
    assert not is_list_item(line)


# -- 3. page noise


@pytest.mark.parametrize("line", [
    "Partager :",
    "Partager : Facebook Twitter",
    "Partagez cet article",
    "Facebook Twitter WhatsApp LinkedIn",
    "Facebook | X | LinkedIn | Courriel",
    "Accueil › Actualités › Défense",
    "Accueil » Actualités",
    "Accueil > Actualités > Défense",
    "Accueil / Actualités / Défense",
    "Accueil | Le Ministère | Communiqués",
    "Actualités › Défense › Coopération militaire",
    "Ce site utilise des cookies pour améliorer votre expérience.",
    "En poursuivant votre navigation, vous acceptez nos conditions d'utilisation.",
    "Accepter",
    "Refuser",
    "Tout accepter",
    "Par Jean K. Mbida",
    "PAR JEAN K. MBIDA",
    "Par Awa Ndiaye | Le Soleil",
    "Par la rédaction",
    "Par La Rédaction / AIP",
    "Par notre correspondant à Dakar, Moussa Fall",
    "Par Service communication / MDN",
    "Service communication",
    "Cellule de communication du ministère de la Défense",
    "Rédaction : Jean Mbida",
    "Texte : Sgt Lien Maes – Photos : 1Chef Dries Vermeulen",
    "Texte et photos : Awa Ndiaye",
    "Lire aussi : Le ministre reçoit l'ambassadeur du Japon",
    "© 2025 Ministère de la Défense",
])
def test_page_noise_lines_are_dropped(line):
    text = f"Le ministre reçoit l'ambassadeur\n\n{line}\n\nLe ministre a reçu le général."
    document = cleaned(text)
    assert document.text == "Le ministre reçoit l'ambassadeur\n\nLe ministre a reçu le général."
    assert document.dropped_lines == [line]


@pytest.mark.parametrize("line", [
    "Par ailleurs, le ministre a reçu le général.",
    "Par Décret, le Général Diallo est nommé chef.",
    "Par la suite, la délégation a visité le port.",
    "Par Jean Mbida | 12 décembre 2025",
    "Service communication du ministère : le général Diallo a été reçu hier par le ministre.",
    "Photo : le ministre Paul Biya et le général Ngono",
    "(Photo DR)",
    "Crédit photo : Awa Ndiaye",
    "© Awa Ndiaye / MDN",
    "Mali / Niger / Burkina Faso : les chefs d'état-major se réunissent",
    "Le « G5 » et la « FMM » en réunion",
    "Dakar, 04/02/2025",
])
def test_lines_that_look_like_noise_but_carry_text_are_kept(line):
    assert not boilerplate_filter().is_boilerplate(line)
    assert not boilerplate_filter().opens_links(line)


@pytest.mark.parametrize("heading", [
    "Lire aussi", "Lire aussi :", "À lire aussi :", "A LIRE AUSSI", "Voir aussi",
    "Sur le même sujet",
])
def test_a_read_also_heading_drops_the_linked_headlines_after_it(heading):
    raw = (
        "Le ministre a reçu le général.\n\n"
        f"{heading}\n"
        "Le chef d'état-major reçoit l'attaché de défense du Japon\n\n"
        "- Coopération : une délégation malienne à Dakar\n"
        "Le ministre a aussi reçu le préfet de la région, qui lui a présenté le bilan.\n"
    )
    document = cleaned(raw)
    assert document.text == (
        "Le ministre a reçu le général.\n\n"
        "Le ministre a aussi reçu le préfet de la région, qui lui a présenté le bilan."
    )
    assert document.dropped_lines == [
        heading,
        "Le chef d'état-major reçoit l'attaché de défense du Japon",
        "- Coopération : une délégation malienne à Dakar",
    ]


def test_at_most_three_linked_headlines_and_never_a_line_with_a_final_period():
    raw = "Lire aussi :\nUn\nDeux\nTrois\nQuatre\n\nLire aussi\nLe ministre a reçu.\n\nFin."
    document = cleaned(raw)
    assert document.text == "Quatre\n\nLe ministre a reçu.\n\nFin."
    assert document.dropped_lines == ["Lire aussi :", "Un", "Deux", "Trois", "Lire aussi"]


def test_a_read_also_line_with_its_headline_after_the_colon_drops_only_itself():
    raw = "Texte.\n\nLire aussi : Le ministre reçoit\nLe chef d'état-major reçoit\n\nFin."
    assert cleaned(raw).text == "Texte.\n\nLe chef d'état-major reçoit\n\nFin."


# -- 4. the page date


@pytest.mark.parametrize("line, iso", [
    ("vendredi 12 décembre 2025", "2025-12-12"),
    ("12/12/2025", "2025-12-12"),
    ("Publié le 12 décembre 2025 à 10h32", "2025-12-12"),
    ("Publié le : 12/12/2025 - 10:32", "2025-12-12"),
    ("Mis à jour le vendredi 12 décembre 2025", "2025-12-12"),
    ("Date de publication : 2025-12-12", "2025-12-12"),
    ("Publié le 12/12/2025 | Mis à jour le 13/12/2025", "2025-12-12"),
])
def test_a_date_line_above_the_story_is_the_publication_date_not_the_dateline(line, iso):
    headline = "Le ministre reçoit l'ambassadeur"
    text = f"{line}\n\n{headline}\n\nYaoundé, le 3 mai 2024 – Le ministre a reçu."
    segments = segment(text)
    assert is_page_date(line)
    assert segments.publication_date == iso
    assert segments.headline == (len(line) + 2, len(line) + 2 + len(headline))
    assert segments.dateline.place == "Yaoundé" and segments.dateline.date == "2024-05-03"


@pytest.mark.parametrize("story, place, iso", [
    ("Yaoundé, le 3 mai 2024 – Le ministre a reçu le général.", "Yaoundé", "2024-05-03"),
    ("NOUAKCHOTT, 12 mars (AMI) - Le ministre a reçu le général.", "NOUAKCHOTT", "2025-03-12"),
    ("Dakar, 04/02/2025\n\nLe ministre a reçu le général.", "Dakar", "2025-02-04"),
    ("Rabat – Le ministre a reçu le général.", "Rabat", None),
])
def test_the_real_dateline_is_found_on_either_side_of_the_page_date(story, place, iso):
    for text in (
        f"Titre de la page\n\n12/12/2025\n\n{story}",
        f"Titre de la page\n\n{story}\n\nPublié le 12 décembre 2025 à 10h32",
        f"Mis à jour le 12/12/2025\n\nTitre de la page\n\n{story}",
    ):
        segments = segment(text)
        assert segments.headline == (text.index("Titre"), text.index("Titre") + 16)
        assert segments.dateline.place == place and segments.dateline.date == iso
        assert segments.publication_date == "2025-12-12"
        assert segments.reference_date == (iso or "2025-12-12")


def test_a_year_less_dateline_without_a_publication_date_has_no_date():
    segments = segment("Titre\n\nNOUAKCHOTT, 12 mars (AMI) - Le ministre a reçu.")
    assert segments.dateline.place == "NOUAKCHOTT" and segments.dateline.date is None
    assert segments.dateline.end == len("Titre\n\nNOUAKCHOTT, 12 mars (AMI)")


@pytest.mark.parametrize("paragraph", [
    "Le 12 mai 2024, le ministre a reçu le général.",
    "Vendredi 12 mai 2024, le ministre a reçu le général.",
    "Publié le 12 mai 2024 par la rédaction",
])
def test_a_date_at_the_start_of_a_paragraph_is_not_a_place(paragraph):
    assert segment(f"Titre\n\n{paragraph}\n\nFin.").dateline is None


def test_an_undated_dateline_needs_a_capitalised_place_in_the_first_paragraph():
    assert segment("Titre\n\nLe Général Diallo – Le chef a reçu.\n\nFin.").dateline is None
    assert segment("Titre\n\nTexte.\n\nRabat – Le ministre a reçu.").dateline is None


def test_clean_keeps_a_date_line_apart_so_that_it_is_read_as_the_page_date():
    raw = (
        "vendredi 12 décembre 2025\n"
        "Le ministre reçoit l'ambassadeur\n\n"
        "mardi 9 décembre 2025\n\n"
        "Coopération militaire\n"
        "12/12/2025\n"
        "Dakar, 04/02/2025 – Le ministre a reçu."
    )
    document = cleaned(raw)
    assert document.text == (
        "vendredi 12 décembre 2025\n\n"
        "Le ministre reçoit l'ambassadeur\n\n"
        "mardi 9 décembre 2025\n\n"
        "Coopération militaire\n\n"
        "12/12/2025\n\n"
        "Dakar, 04/02/2025 – Le ministre a reçu."
    )


def test_a_whole_page_gives_headline_dateline_publication_date_and_exact_offsets():
    raw = (
        "Accueil › Actualités › Défense\n\n"
        "Partager : Facebook Twitter WhatsApp\n\n"
        "vendredi 12 décembre 2025\n\n"
        "<h1>Le ministre reçoit la nouvelle ambassadrice</h1>\n"
        "Par Jean K. Mbida\n"
        "<p>Yaoundé, le 3 mai 2024&nbsp;– Le ministre a reçu <b>Rosa&nbsp;Vidal</b>, "
        "ambassadrice d&#8217;Espagne.</p>\n"
        "<p>Ont pris part :</p><ul><li>le colonel Ba ;</li><li>le général Sow.</li></ul>\n"
        "Photo : Rosa Vidal et le ministre\n"
        "Ce site utilise des cookies. En poursuivant votre navigation, vous les acceptez.\n"
        "Accepter\nRefuser\n"
    )
    document = cleaned(raw)
    assert document.text == (
        "vendredi 12 décembre 2025\n\n"
        "Le ministre reçoit la nouvelle ambassadrice\n\n"
        "Yaoundé, le 3 mai 2024 – Le ministre a reçu Rosa Vidal, ambassadrice d'Espagne.\n\n"
        "Ont pris part :\n\n"
        "• le colonel Ba ;\n\n"
        "• le général Sow.\n\n"
        "Photo : Rosa Vidal et le ministre"
    )
    segments = segment(document.text)
    assert document.text[slice(*segments.headline)] == "Le ministre reçoit la nouvelle ambassadrice"
    assert segments.dateline.place == "Yaoundé" and segments.dateline.date == "2024-05-03"
    assert segments.publication_date == "2025-12-12"
    start = document.text.index("Rosa Vidal")
    original_start, original_end = document.to_original(start, start + len("Rosa Vidal"))
    assert (original_start, original_end) == (raw.index("Rosa&nbsp;"), raw.index("</b>"))
    assert original_of(document, "d'Espagne") == "d&#8217;Espagne"
