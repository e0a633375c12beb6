"""The template sandbox: templates get read-only plain data and may call only an allow-list.

`template_data` turns the `Briefing` into read-only mappings and tuples (no model methods to
reach), and `BriefingSandbox` refuses every attribute that is a callable other than a few pure
methods (`date.isoformat`, `str.upper`, ...) and every call of anything else but Jinja's own
macros, blocks, loops and helpers. Time and memory are bounded by `isolation`, not here.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from functools import cache
from types import MappingProxyType
from typing import Any

from jinja2.runtime import BlockReference, LoopContext, Macro, Undefined
from jinja2.sandbox import ImmutableSandboxedEnvironment
from jinja2.utils import Cycler, Joiner, Namespace
from markupsafe import Markup
from pydantic import BaseModel

_TEXT_METHODS = frozenset({
    "capitalize", "casefold", "count", "endswith", "find", "isalnum", "isalpha", "isdigit", "islower",
    "isspace", "istitle", "isupper", "join", "lower", "lstrip", "partition", "removeprefix",
    "removesuffix", "replace", "rfind", "rpartition", "rsplit", "rstrip", "split", "splitlines",
    "startswith", "strip", "swapcase", "title", "upper"})
#: The methods a template may call, by the type they belong to; nothing else is callable.
SAFE_METHODS: dict[type, frozenset[str]] = {
    str: _TEXT_METHODS,
    Markup: _TEXT_METHODS | {"striptags", "unescape"},
    date: frozenset({"isoformat", "strftime", "weekday", "isoweekday"}),
    datetime: frozenset({"isoformat", "strftime", "weekday", "isoweekday", "date"}),
    MappingProxyType: frozenset({"get", "items", "keys", "values"}),
    dict: frozenset({"get", "items", "keys", "values"}),
    tuple: frozenset({"count", "index"}),
    list: frozenset({"count", "index"}),
    LoopContext: frozenset({"cycle", "changed"}),
    Cycler: frozenset({"next", "reset"}),
}
#: Jinja's own callables: macros, `super()`/`self.block()`, recursive loops and the helpers.
SAFE_CALLABLE_TYPES = (Macro, BlockReference, LoopContext, Cycler, Joiner)
SAFE_CONSTRUCTORS = (Namespace, Cycler, Joiner)
SAFE_GLOBALS = ("range", "namespace", "cycler", "joiner")


def template_data(value: Any, text: Callable[[str], str] | None = None) -> Any:
    """`value` as read-only plain data: models and dicts become mappings (properties included),
    lists become tuples; numbers and dates stay as they are, and strings too, or go through
    `text` (which escapes them for the template's format)."""
    if isinstance(value, BaseModel):
        return MappingProxyType({name: template_data(getattr(value, name), text) for name in _names(type(value))})
    if isinstance(value, dict):
        return MappingProxyType({str(k): template_data(v, text) for k, v in value.items()})
    if isinstance(value, (list, tuple)):
        return tuple(template_data(v, text) for v in value)
    return text(value) if text and isinstance(value, str) else value


@cache
def _names(model: type[BaseModel]) -> tuple[str, ...]:
    """The fields of a model, then its properties (looked up once a class, not once an object)."""
    return (*model.model_fields, *(name for name, member in vars(model).items()
                                   if isinstance(member, property) and name not in model.model_fields))


class BriefingSandbox(ImmutableSandboxedEnvironment):
    """Jinja's immutable sandbox with callables reduced to an allow-list."""

    def __init__(self, **options: Any) -> None:
        super().__init__(**options)
        self.globals = {name: self.globals[name] for name in SAFE_GLOBALS}
        self.globals["dict"] = _mapping

    def is_safe_attribute(self, obj: Any, attr: str, value: Any) -> bool:
        if not super().is_safe_attribute(obj, attr, value):
            return False
        # Jinja's own callables (a macro of an imported template) and the allow-listed methods
        return not callable(value) or isinstance(value, SAFE_CALLABLE_TYPES) or attr in _methods_of(obj)

    def is_safe_callable(self, obj: Any) -> bool:
        if isinstance(obj, Undefined):
            return True  # calling it raises its own error, naming what is undefined
        if isinstance(obj, SAFE_CALLABLE_TYPES) or any(obj is safe for safe in SAFE_CONSTRUCTORS) \
                or any(obj is self.globals.get(name) for name in ("range", "dict")):
            return True
        owner = getattr(obj, "__self__", None)
        return owner is not None and getattr(obj, "__name__", "") in _methods_of(owner)

    def wrap_str_format(self, value: Any) -> None:
        """`str.format` and `format_map` are not reachable at all (the `format` filter is)."""
        return None


def _mapping(**items: Any) -> MappingProxyType[str, Any]:
    """`dict(a=1)` in a template: a read-only mapping."""
    return MappingProxyType(items)


def _methods_of(obj: Any) -> frozenset[str]:
    return SAFE_METHODS.get(type(obj), frozenset())
