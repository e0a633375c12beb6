"""`python -m briefing` runs the command line."""

from .cli import entry

entry()
