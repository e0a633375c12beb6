"""Analysis: the spaCy parse, key sentences (summarise/, one scorer a module), actors (actors/) and the
extraction cache. Plain articles in, extracted records out; no file or clock is read here but the
cache, which the pipeline opens."""
