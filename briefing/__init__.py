"""briefing: daily briefing notes from news articles, as Markdown, HTML and PDF."""

__version__ = "0.1.0"
