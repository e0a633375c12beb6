"""Publish: the day's folder swapped in whole, the manifest, the archive and retention, the run
lock, e-mail delivery and the schedule lines."""
