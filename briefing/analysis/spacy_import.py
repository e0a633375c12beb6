"""spaCy, imported without the command-line package its `__init__` imports only to export
`spacy.info` (typer, weasel, httpx and requests: a third of spaCy's import time). Stand-ins take
its place while spaCy is imported and are removed after, so a later `import spacy.cli` loads the
real one, and `spacy.info` loads it when called. Imported before anything else imports spaCy."""

from __future__ import annotations

import sys
import types
from typing import TYPE_CHECKING, Any


def _import_spacy() -> types.ModuleType:
    if "spacy" in sys.modules:
        return sys.modules["spacy"]
    stand_ins = {"spacy.cli": types.ModuleType("spacy.cli"), "spacy.cli.info": types.ModuleType("spacy.cli.info")}
    stand_ins["spacy.cli"].__path__ = []
    vars(stand_ins["spacy.cli.info"])["info"] = _info
    sys.modules.update(stand_ins)
    try:
        import spacy
    finally:
        for name, module in stand_ins.items():
            if sys.modules.get(name) is module:
                del sys.modules[name]
    if getattr(spacy, "cli", None) is stand_ins["spacy.cli"]:
        del vars(spacy)["cli"]
    return spacy


def _info(*args: Any, **kwargs: Any) -> str | dict[Any, Any]:
    """`spacy.info`, importing spaCy's command-line package when it is first used."""
    from spacy.cli.info import info

    return info(*args, **kwargs)


if TYPE_CHECKING:  # the same module, as the type checker knows it
    import spacy as spacy
else:
    spacy = _import_spacy()
