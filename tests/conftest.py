"""Shared fixtures: the spaCy pipeline (loaded once), the seed articles, and one seed run."""

from __future__ import annotations

import re
import shutil
from datetime import date
from pathlib import Path

import pytest

from briefing import nlp
from briefing.config import load_config
from briefing.models import Article
from briefing.pipeline import build

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
RUN_DAY = date(2026, 11, 21)


@pytest.fixture(scope="session")
def pipeline():
    return nlp.load("en_core_web_sm")


@pytest.fixture(scope="session")
def parse(pipeline):
    """Parse a text (with an optional headline) into a Document."""
    def parse_text(text: str, title: str | None = None, id: str = "test.txt"):
        return next(nlp.parse(pipeline, [Article(id=id, title=title, text=text)]))
    return parse_text


@pytest.fixture()
def project(tmp_path: Path) -> Path:
    """A copy of the repo's config, templates and seeds in a temporary folder."""
    shutil.copytree(SEEDS, tmp_path / "seeds")
    shutil.copytree(ROOT / "templates", tmp_path / "templates")
    shutil.copy(ROOT / "config.yaml", tmp_path / "config.yaml")
    return tmp_path


@pytest.fixture(scope="session")
def seed_run(tmp_path_factory):
    """One real run over seeds/ with the repo's config, written to a temporary folder."""
    out = tmp_path_factory.mktemp("briefings")
    return build(load_config(ROOT / "config.yaml"), RUN_DAY, output=out)


def squash(text: str) -> str:
    """Text with all white space removed, to compare against text extracted from a PDF."""
    return re.sub(r"\s+", "", text).replace("\u00ad", "")


def pdf_text(path: Path) -> str:
    from pypdf import PdfReader

    return "".join(page.extract_text() for page in PdfReader(str(path)).pages)
