"""briefing: daily briefing notes from news articles, as Markdown, HTML and PDF.

The public API (everything else is private):

    from briefing import brief, build, load_config, Briefing
    result = build(load_config("config.yaml"), date.today())
    result.briefing   # a Briefing: bottom line, stories, articles, actors, ...
    result.written    # the paths written
    briefing = brief(["Headline\\n\\nFirst paragraph. ...", ...])   # in memory: writes nothing

and, to extract on a cluster (README, "Past one machine"): `read_articles`, `extract_records`
(the map step) and `parse_records`.
"""

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # what the names below are, for the type checker; at run time __getattr__ imports them
    from .config import load_config
    from .models import Article, Briefing
    from .pipeline import brief, build, extract_records, parse_records, read_articles

__version__ = "0.1.0"
__all__ = ["Article", "Briefing", "brief", "build", "extract_records", "load_config", "parse_records", "read_articles"]
#: The names `briefing.pipeline` gives the API.
PIPELINE = {"brief", "build", "extract_records", "parse_records", "read_articles"}


def __getattr__(name: str) -> object:
    """Import the API on first use, so that `briefing --help` does not load spaCy."""
    if name in PIPELINE:
        from . import pipeline

        return getattr(pipeline, name)
    if name == "load_config":
        from .config import load_config

        return load_config
    if name in ("Briefing", "Article"):
        from . import models

        return getattr(models, name)
    raise AttributeError(f"module 'briefing' has no attribute {name!r}")
