"""Each boilerplate rule, with text it must catch and text it must leave alone."""

import pytest

from briefing.analysis.cleaning import BLANKED, SENTENCE_RULES, blank_boilerplate, matching_rule, sentence_kind

EXAMPLES = {
    "byline": ("By . Associated Press . Police said on Friday that the man had fled.",
               "By the end of the day police said the man had fled."),
    "time stamp": ("PUBLISHED: . 14:11 EST, 25 October 2013 . | . UPDATED: . 14:33 EST, 25 October 2013 .",
                   "The report was published on 25 October 2013 by the ministry."),
    "dateline": ("LONDON, England (CNN) -- The prime minister spoke.",
                 "The prime minister spoke to CNN on Monday."),
    "dateline before a dash": ("LAGOS, Nigeria — The first stretch of the line opened.",
                               "Dee Dee Myers — a press secretary — is leaving."),
    "video prompt": ("Scroll down for video . The storm hit the coast.",
                     "Officers reviewed the video of the storm."),
    "caption placeholder": ("Write caption here . The storm hit.", "Write to your MP, campaigners urged."),
    "caption label": ("Emotional: The victim's parents said they fled the war.",
                      "Police said: 'We are looking for two men.'"),
    "pictured": ("The two men (pictured) took an iPad from the desk.",
                 "The pictures were taken on Tuesday by a resident."),
    "agency credit": ("Flooded streets in the city centre. Photo: Reuters",
                      "A Reuters reporter saw flooded streets."),
    "spaced full stop": ("The scene of the crash on the motorway .", "The crash happened on the motorway."),
    "read more": ("Read more: How the storm formed", "Readers wrote in to say more was needed."),
    "link prompt": ("Watch Efren and his group in action with their push cart classroom » .",
                    "The cart moved slowly through the slums of Cavite."),
    "contact line": ("Follow @jdoe on Twitter for updates.", "Twitter said it would follow the ruling."),
}


def test_every_rule_has_an_example():
    assert {rule.name for rule in BLANKED + SENTENCE_RULES} == set(EXAMPLES)


@pytest.mark.parametrize("name", sorted(EXAMPLES))
def test_rule_catches_its_example_and_spares_plain_text(name):
    catches, spares = EXAMPLES[name]
    assert matching_rule(catches) == name
    assert matching_rule(spares) is None


@pytest.mark.parametrize("text, kept", [
    ("AUSTIN (KXAN) — Texas voters approved the amendment.", "Texas voters approved the amendment."),
    ("WASHINGTON (CNN)  -- Terrorists are like water.", "Terrorists are like water."),
    ("The firm (BT) — a giant — said no.", "The firm (BT) — a giant — said no."),
    ("LAGOS, Nigeria — The first stretch opened.", "The first stretch opened."),
    ("OSAKA – Tram drivers walked out.", "Tram drivers walked out."),
    ("Ferry fares\n\nKESTREL ISLAND - The harbour will close.", "Ferry fares\n\n                 The harbour will close."),
    ("The Tribune – Every pupil will get a meal.", "Every pupil will get a meal."),
    ("HARBOUR NEWS via MWA — The ferry sailed.", "The ferry sailed."),
    ("Dee Dee Myers — a press secretary — left.", "Dee Dee Myers — a press secretary — left."),
    ("UK inflation – The figures rose.", "UK inflation – The figures rose."),
    ("LONDON 1996-08-30\nBond markets were mixed.\nGERMANY - Bunds fell.", "LONDON 1996-08-30\nBond markets were mixed."
                                                                         "\nGERMANY - Bunds fell."),
])
def test_a_dateline_or_an_outlets_name_before_a_dash_is_blanked(text, kept):
    assert blank_boilerplate(text).strip() == kept


def test_blanking_keeps_offsets_and_paragraphs():
    text = "By . Daily Mail Reporter . The storm hit.\n\nPUBLISHED: . 14:11 EST, 25 October 2013 . Roads shut."
    blanked = blank_boilerplate(text)
    assert len(blanked) == len(text)
    assert blanked.index("The storm hit.") == text.index("The storm hit.")
    assert "\n\n" in blanked and "Daily Mail" not in blanked and "PUBLISHED" not in blanked


@pytest.mark.parametrize("speech", ['But she added: "Some women were treated badly."',
                                    "The minister told reporters: 'We will not close the plant.'"])
def test_speech_after_a_colon_is_not_a_caption(speech):
    assert sentence_kind(speech) == "body"


def test_caption_sentences_are_marked():
    assert sentence_kind("Scene of crime: Flowers at a memorial in South St Louis on Sunday .") == "caption"
    assert sentence_kind("The storm hit the coast at dawn on Sunday.") == "body"
