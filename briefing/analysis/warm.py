"""Imported by the parse workers' fork server (`isolation.start_server`): the model that
`MODEL_VARIABLE` names, loaded once there, so each worker forked from the server has it."""

import os

from . import nlp

#: The environment variable naming the model, set only while the server starts.
MODEL_VARIABLE = "BRIEFING_WORKER_MODEL"

if name := os.environ.get(MODEL_VARIABLE):
    try:
        nlp.load(name)
    except Exception:  # noqa: BLE001 - a model that does not load fails in the worker, one line an article
        pass
