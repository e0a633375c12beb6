"""Imported by the parse workers' fork server (`isolation.start_server`): the model that
`MODEL_VARIABLE` names, loaded once there, so each worker forked from the server has it."""

import os
from contextlib import suppress

from . import nlp

#: The environment variable naming the model, set only while the server starts.
MODEL_VARIABLE = "BRIEFING_WORKER_MODEL"

if name := os.environ.get(MODEL_VARIABLE):
    with suppress(Exception):  # a model that does not load is the run's error, told by the main process
        nlp.load(name)
