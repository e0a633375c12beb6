"""Hostile templates: every known sandbox escape is refused, and runaway or failing templates end
in one `error:` line naming the template file and line, exit 5, within seconds, with the
earlier brief untouched. Hostile articles: markup in any field is inert in every shipped
template and format; a template file linking outside the template folders is refused."""

from __future__ import annotations

import io
import json
import os
import pickle
import shutil
from pathlib import Path

import lxml.etree
import lxml.html
import pytest
from conftest import ROOT, run_cli, snapshot
from markdown_it import MarkdownIt
from pypdf import PdfReader

from briefing.models import Briefing
from briefing.presentation.render import ARCHIVE_TEMPLATE, Renderer, sample_briefing, saved_json
from briefing.presentation.template_sets import SETS

pytestmark = pytest.mark.timeout(20)

CONFIG = """title: Hostile
inputs: [seeds]
output: out
templates: mine
formats: [md, html, json]
limits: {template_seconds: 0.5, memory_mb: 512}
"""


class Command:
    """Unpickling this runs a shell command that leaves a marker file."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self):
        return (os.system, (f"touch {self.marker}",))


@pytest.fixture()
def desk(tmp_path: Path, earlier_day: Path) -> Path:
    """A config with its own template folder `mine/` and an earlier day's brief in `out/`."""
    shutil.copytree(ROOT / "seeds", tmp_path / "seeds")
    shutil.copytree(earlier_day, tmp_path / "out" / earlier_day.name)
    (tmp_path / "mine").mkdir()
    (tmp_path / "config.yaml").write_text(CONFIG)
    return tmp_path


def check_with(desk: Path, template: str, name: str = "briefing.md.j2"):
    (desk / "mine" / name).write_text(template)
    return run_cli("check-config", "--config", desk / "config.yaml")


def test_pickle_through_parse_raw_runs_nothing(desk):
    marker = desk / "pwned"
    payload = json.dumps(pickle.dumps(Command(marker), protocol=0).decode("ascii"))
    before = snapshot(desk / "out")
    outcome = check_with(desk, f"{{{{ briefing.parse_raw({payload}, proto='pickle', allow_pickle=True) }}}}\n")
    assert outcome.status == 5 and not marker.exists()
    assert outcome.lines == [outcome.lines[0]] and outcome.lines[0].startswith("error: ")
    assert "briefing.md.j2:1" in outcome.lines[0]
    assert snapshot(desk / "out") == before


@pytest.mark.parametrize("expression", [
    "briefing.parse_obj({})", "briefing.model_validate({})", "briefing.model_validate_json('{}')",
    "briefing.model_construct()", "briefing.model_dump()", "briefing.copy()", "briefing.json()",
    "briefing.__class__", "briefing.__class__.__mro__", "''.__class__.__mro__[1].__subclasses__()",
    "cycler.__init__.__globals__", "joiner.__init__.__globals__", "namespace.__init__.__globals__",
    "self._TemplateReference__context", "'{0.__class__}'.format(briefing)", "'{a}'.format_map({'a': 1})",
    "briefing.articles[0].article.text.format", "lipsum(5)", "briefing.date.fromordinal(1).__class__",
    "briefing.articles.append(1)", "briefing.items.__self__", "range.__self__",
])
def test_sandbox_refuses_known_escapes(desk, expression):
    outcome = check_with(desk, f"line one\n{{{{ {expression} }}}}\n")
    assert outcome.status == 5, outcome.stderr
    assert len(outcome.lines) == 1 and "briefing.md.j2:2" in outcome.lines[0]


@pytest.mark.parametrize("template, says", [
    ("{{ 1/0 }}", "ZeroDivisionError"),
    ("{{ briefing.date + 1 }}", "TypeError"),
    ("{{ 10**5000 }}", "ValueError"),
    ("{{ range(10**9) | list }}", "Range too big"),
    ("{{ 'x' * 10**10 }}", "memory"),
    ("{{ 10**(10**10) }}", "took longer than"),
    ("{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}", "longer than 0.5 s"),
    ("{% macro f() %}{{ f() }}{% endmacro %}{{ f() }}", "calls itself"),
    ("{% macro f(n) %}{% if n %}{{ f(n - 1) }}{{ f(n - 1) }}{% endif %}{% endmacro %}{{ f(60) }}", "longer than 0.5 s"),
    ("{% for i in range(100000) %}{{ 'x' * 100000 }}{% endfor %}", "output larger than"),
    ('{% extends "briefing.md.j2" %}', "name it 'default/briefing.md.j2'"),
    ('{% include "briefing.md.j2" %}', "calls itself"),
])
def test_failing_or_runaway_templates_stop_with_file_and_line(desk, template, says):
    before = snapshot(desk / "out")
    outcome = check_with(desk, "\n" + template + "\n")
    assert outcome.status == 5, outcome.stderr
    assert len(outcome.lines) == 1 and outcome.lines[0].startswith("error: ")
    assert "briefing.md.j2" in outcome.lines[0] and says in outcome.lines[0]
    assert snapshot(desk / "out") == before


def test_a_user_file_can_extend_its_packaged_namesake(desk):
    template = '{% extends "default/briefing.html.j2" %}'
    (desk / "mine" / "briefing.html.j2").write_text(template)
    (desk / "mine" / "style.css").write_text("h1 { color: rebeccapurple; }")
    assert check_with(desk, template, "briefing.html.j2").status == 0
    outcome = run_cli("run", "--config", desk / "config.yaml", "--date", "2026-11-21")
    html = (desk / "out" / "2026-11-21" / "briefing.html").read_text()
    assert outcome.status == 0 and "rebeccapurple" in html and "<h2>Bottom line</h2>" in html


def test_a_failing_template_in_a_run_keeps_the_days_earlier_brief(desk):
    before = snapshot(desk / "out")
    (desk / "mine" / "briefing.html.j2").write_text("<p>\n{{ briefing.articles[0].article.nope }}</p>\n")
    outcome = run_cli("run", "--config", desk / "config.yaml", "--date", "2026-11-20")
    assert outcome.status == 5 and "briefing.html.j2:2" in outcome.lines[0]
    assert snapshot(desk / "out") == before


#: Markup an article's fields may carry: HTML that would run or restyle, CSS that would hide the
#: brief and print a notice (`\50 WNED` is "PWNED" only where CSS runs), Markdown that would link,
#: load an image, emphasise or start a heading or a list item.
PAYLOAD = (' "\'><svg data-hostile onload=alert(1)></svg><style data-hostile>section,table{display:none}'
           ' body::before{content:"\\50 WNED"}</style><img data-hostile src=x onerror=alert(1)>'
           ' [phish](https://127.0.0.1/phish) ![pixel](https://127.0.0.1/pixel.png) *EMPH* <https://127.0.0.1/auto>'
           ' \n\n# HEADING\n- item &lt;script data-hostile&gt;')
#: A web address a reader can follow, carrying Markdown that would load an image if it broke out.
LINK = "https://example.org/story)![pixel](https://example.org/pixel.png"


def hostile_briefing() -> Briefing:
    """The sample briefing with `PAYLOAD` after every text from articles (titles, sources,
    authors, dates, addresses, sentences, actor names, roles, ...)."""
    def spiked(value, key=None):
        if isinstance(value, dict):
            return {k: spiked(v, k) for k, v in value.items()}
        if isinstance(value, list):
            return [spiked(v, key) for v in value]
        return value + PAYLOAD if isinstance(value, str) and key not in ("type", "kind", "date") else value

    data = spiked(sample_briefing().model_dump(mode="json"))
    data["articles"][0]["article"]["url"] = LINK
    return Briefing.model_validate(data)


def assert_inert(html: str) -> None:
    """No element, attribute, link or image in `html` comes from `PAYLOAD`."""
    document = lxml.html.document_fromstring(html)
    for element in document.iter(lxml.etree.Element):
        assert "data-hostile" not in element.attrib and not any(a.startswith("on") for a in element.attrib)
        assert not any(word in element.get("href", "") for word in ("phish", "auto"))
    assert not document.xpath("//img | //em[. = 'EMPH'] | //h1[. = 'HEADING'] | //li[starts-with(., 'item')]")


def test_article_markup_is_inert_in_every_template_and_format():
    briefing = hostile_briefing()
    archive = [{"date": briefing.date, "folder": "2026-01-01", "briefing": briefing, "files": {}, "problem": None}]
    for template_set in SETS:
        renderer = Renderer.for_folder(None, template_set=template_set)
        with saved_json(briefing) as saved, \
                renderer.texts_started(["md", "html", "email"], saved, len(briefing.articles)) as texts_of:
            markdown, html, email = texts_of(None)
        for page in (html, email, renderer.render(ARCHIVE_TEMPLATE, archive=archive, title=briefing.title),
                     MarkdownIt("commonmark").enable("table").render(markdown)):
            assert_inert(page)
        assert "\n# HEADING" not in markdown and "\n- item" not in markdown, template_set


@pytest.mark.timeout(120)
def test_article_markup_neither_hides_nor_adds_text_in_the_pdf():
    for template_set in SETS:
        renderer = Renderer.for_folder(None, template_set=template_set)
        pdf = renderer.pdf(hostile_briefing())
        text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
        assert "PWNED" not in text and "SOURCES" in text.upper(), template_set


@pytest.mark.parametrize("link, target, template", [
    ("briefing.md.j2", "secret.txt", None),
    ("part.j2", "secret.txt", '{% include "part.j2" %}'),
    ("sub", ".", '{% include "sub/secret.txt" %}'),
])
def test_a_template_that_links_outside_the_template_folders_is_refused(desk, tmp_path_factory, link, target,
                                                                       template):
    elsewhere = tmp_path_factory.mktemp("elsewhere")
    (elsewhere / "secret.txt").write_text("SECRET {{ briefing.title }}\n")
    (desk / "mine" / link).symlink_to(elsewhere / target)
    outcome = check_with(desk, template) if template else run_cli("check-config", "--config", desk / "config.yaml")
    assert outcome.status == 5 and len(outcome.lines) == 1, outcome.stderr
    assert "outside the template folders" in outcome.lines[0] and "SECRET" not in outcome.stdout + outcome.stderr
