"""Articles not in the model's language are told by their stop words (spaCy's lists, no model)
and left out with a note, in a run and in `brief`."""

from __future__ import annotations

from datetime import date

from conftest import SEEDS, run_cli

from briefing import brief
from briefing.analysis.language import language_of

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


def test_the_language_is_told_by_stop_words_and_a_few_foreign_words_do_not_change_it():
    assert language_of(FRENCH) == "fr" and language_of(GERMAN) == "de"
    assert language_of(ENGLISH_WITH_FRENCH) == "en"
    assert language_of("Le pont est ouvert.") == "en"  # too few words to tell: the expected language
    assert language_of(FRENCH, expected="fr") == "fr" and language_of(ENGLISH_WITH_FRENCH, expected="fr") == "en"


def test_brief_leaves_out_articles_in_another_language_with_a_note():
    result = brief([ENGLISH_WITH_FRENCH, FRENCH, GERMAN], day=date(2026, 11, 21))
    assert [b.article.id for b in result.articles] == ["text 1"]
    assert [(n.origin, n.text.split(",")[0]) for n in result.notes] == [
        ("text 2", "left out: written in 'fr'"), ("text 3", "left out: written in 'de'")]


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
