"""Editorial: stories from the day's extracted articles, sections, the bottom line, the actor table
and where sources differ. Pure functions of their inputs."""
