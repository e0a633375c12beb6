"""A daily schedule for this install: a crontab line and a systemd service and timer, with
absolute paths, so the run works from cron's bare environment. Each line is quoted for what reads
it: the shell and cron (`%` is `\\%`), or systemd (`%%` and `$$`, a word with spaces, quotes or
backslashes in double quotes).

The units are named from the config (its title and a hash of its path), so two desks on one
machine never share a unit; they run as the user who printed them, once the network is up, and
read secrets (`deliver.email.password_env`) from an environment file beside the config, which
the crontab line sources too."""

from __future__ import annotations

import getpass
import hashlib
import os
import re
import shlex
import sys
from pathlib import Path

import click

from ..config import Config

TIME = re.compile(r"([01]?\d|2[0-3]):([0-5]\d)")
CONTROL = re.compile(r"[\x00-\x1f\x7f]")
#: A word systemd reads as it is, needing no quotes.
PLAIN_WORD = re.compile(r"[\w@%+=:,./$-]+")
#: What a unit name keeps of the title: runs of other characters become one hyphen.
NOT_IN_NAME = re.compile(r"[^a-z0-9]+")


def command_line(config: Path) -> list[str]:
    """The absolute command that runs today's brief with `config`."""
    script = Path(sys.executable).parent / "briefing"
    program = [str(script)] if script.exists() else [sys.executable, "-m", "briefing"]
    return [*program, "--quiet", "run", "--config", str(config)]


def unit_name(config: Config, path: Path) -> str:
    """`briefing-<title>-<hash of the config's path>`: readable, and different for every config."""
    title = NOT_IN_NAME.sub("-", config.title[:40].lower()).strip("-")
    digest = hashlib.sha256(str(path).encode()).hexdigest()[:6]
    return "-".join(part for part in ("briefing", title, digest) if part)


def user() -> str:
    """The user running this: the service runs as them (their id where it has no name)."""
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return str(os.getuid())


def cron_text(text: str) -> str:
    """Shell text as cron passes it on: a `%` would end the command, so it is escaped."""
    return text.replace("%", "\\%")


def systemd_word(word: str) -> str:
    """One word of an `Exec` line: `%` (specifiers) as `%%` and `$` (variables) as `$$`, and
    double-quoted, with backslashes and quotes escaped, unless it is plain."""
    escaped = word.replace("%", "%%").replace("$", "$$")
    if PLAIN_WORD.fullmatch(word):
        return escaped
    return '"' + escaped.replace("\\", "\\\\").replace('"', '\\"') + '"'


def systemd_path(path: Path) -> str:
    """A path as a unit file's setting takes it (`%` is a specifier)."""
    return str(path).replace("%", "%%")


def schedules(at: str, config: Config, path: Path) -> str:
    """The crontab line and systemd units for a daily run at `at` (HH:MM) with the config at `path`."""
    match = TIME.fullmatch(at.strip())
    if not match:
        raise click.BadParameter(f"expected HH:MM (24-hour), got {at!r}", param_hint="--at")
    hour, minute = int(match[1]), int(match[2])
    if CONTROL.search(str(path)):
        raise click.BadParameter(f"{str(path)!r}: a line break or other control character cannot go into a "
                                 "crontab line or a unit file", param_hint="--config")
    name, command = unit_name(config, path), command_line(path)
    title = " ".join(config.title.split()).replace("%", "%%")
    secret = config.deliver.email.password_env if config.deliver.email else None
    env = path.with_suffix(".env")
    cron = f"cd {shlex.quote(str(path.parent))} && {shlex.join(command)}"
    if secret:
        cron = f"set -a && . {shlex.quote(str(env))} && set +a && {cron}"
    environment = f"EnvironmentFile={systemd_path(env)}\n" if secret else ""
    secrets = (f"# First put the mail password in {env} as the line {secret}=... (chmod 600 {shlex.quote(str(env))});\n"
               "# both the crontab line and the service read it from there.\n") if secret else ""
    return f"""{secrets}# crontab -e, then add this line (cron mails whatever a job prints; with --quiet a run prints
# only problems: errors, skipped sources, warnings):
{minute} {hour} * * * {cron_text(cron)}

# /etc/systemd/system/{name}.service
[Unit]
Description=Daily briefing: {title}
Wants=network-online.target
After=network-online.target

[Service]
Type=oneshot
User={user()}
WorkingDirectory={systemd_path(path.parent)}
{environment}ExecStart={" ".join(systemd_word(word) for word in command)}

# /etc/systemd/system/{name}.timer
[Unit]
Description=Daily briefing at {hour:02d}:{minute:02d}: {title}

[Timer]
OnCalendar=*-*-* {hour:02d}:{minute:02d}:00
Persistent=true

[Install]
WantedBy=timers.target

# then: systemctl daemon-reload && systemctl enable --now {name}.timer; journalctl -u {name} shows what it printed"""
