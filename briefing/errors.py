"""The errors a user can see: each prints as one line and maps to an exit code."""


class BriefingError(Exception):
    """An expected failure, reported as one line without a traceback."""

    exit_code = 1


class ConfigError(BriefingError):
    """config.yaml is unreadable or invalid; the message lists every problem."""

    exit_code = 2


class SourceError(BriefingError):
    """An input could not be read as an article."""

    exit_code = 3


class ModelError(BriefingError):
    """The spaCy model named in the config is not installed."""

    exit_code = 4


class TemplateError(BriefingError):
    """A template is missing or fails, named with its file and line."""

    exit_code = 5


class RenderError(BriefingError):
    """The briefing could not be rendered or written."""

    exit_code = 6


class StateError(BriefingError):
    """The state folder cannot be used: the state file or the run lock."""

    exit_code = 8
