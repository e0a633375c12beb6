"""Where sources differ, as a reader sees it: the seeds give Keir Starmer incompatible positions
(Prime Minister in one, Labour leader and opposition leader in the other), and every template set
shows it in Markdown, HTML and PDF; the same office in other words is no disagreement."""

from __future__ import annotations

import io

import pypdf
import pytest
from conftest import squash

from briefing.editorial.compose import role_disagreements
from briefing.models import ActorRow, RoleCitation
from briefing.pipeline import render_files
from briefing.presentation.render import Renderer


def row(*roles: tuple[str, list[int]]) -> ActorRow:
    return ActorRow(name="Ann Lee", type="person", roles=[RoleCitation(title=t, sources=s) for t, s in roles],
                    mentions=[2, 2], key=True, roles_differ=True)


def test_an_office_against_a_party_or_opposition_leadership_is_a_disagreement_by_source():
    (found,) = role_disagreements([row(("Prime Minister", [1]), ("PM", [1]), ("Labour leader", [2]),
                                       ("opposition leader", [2]))])
    assert [(c.value, c.sources) for c in found.claims] == [("Prime Minister", [1]),
                                                            ("Labour leader, opposition leader", [2])]


def test_descriptions_are_not_positions():
    assert role_disagreements([row(("student", [1]), ("campaigner", [2]))]) == []


@pytest.mark.parametrize("template_set", ["default", "one-page", "note"])
def test_every_set_shows_the_seeds_disagreement_in_every_format(seed_run, template_set):
    (item,) = [d for d in seed_run.briefing.disagreements if "Starmer" in d.subject]
    files = render_files(seed_run.briefing, Renderer.for_folder(None, template_set=template_set), ["md", "html", "pdf"])
    pdf = squash("".join(p.extract_text() for p in pypdf.PdfReader(io.BytesIO(files["briefing.pdf"])).pages))
    for text in (files["briefing.md"].decode(), files["briefing.html"].decode(), pdf):
        shown = squash(text)
        assert squash("Keir Starmer") in shown and squash("Prime Minister") in shown
        assert squash("Labour leader, opposition leader") in shown
    assert [c.sources for c in item.claims] == [[1], [2]]
