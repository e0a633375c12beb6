"""The typed schema of config.yaml, loaded safely; every problem is reported at once."""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, Literal

import yaml
from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Discriminator,
    Field,
    StringConstraints,
    Tag,
    ValidationError,
    model_validator,
)
from pydantic_core import ErrorDetails

if TYPE_CHECKING:
    import httpx

from . import safe_yaml
from .errors import ConfigError

#: The largest config file read.
MAX_CONFIG_BYTES = 1_000_000


def _no_nul(value: str | Path) -> str | Path:
    if "\x00" in str(value):
        raise ValueError("contains a NUL byte")
    return value


PathValue = Annotated[Path, AfterValidator(_no_nul)]
"""A path from the config: any text but a NUL byte."""
PathText = Annotated[str, StringConstraints(max_length=4096), AfterValidator(_no_nul)]


def _stylesheet_name(value: str) -> str:
    parts = value.split("/")
    if not value.endswith(".css") or value.startswith("/") or any(part in ("", ".", "..") for part in parts):
        raise ValueError("expected a .css file inside the templates folder (a relative path, no '..')")
    return value


StylesheetName = Annotated[str, StringConstraints(max_length=200), AfterValidator(_no_nul),
                           AfterValidator(_stylesheet_name)]
"""A stylesheet named by its path inside the `templates` folder."""


class Settings(BaseModel):
    """A block of settings in the config (the base of every config model; not a section of the
    brief): unknown keys and infinite or NaN numbers are refused."""

    model_config = ConfigDict(extra="forbid", frozen=True, allow_inf_nan=False)


class SummaryConfig(Settings):
    """How many key sentences each article gets: a count, a word budget or a share."""

    sentences: Annotated[int, Field(ge=1, le=50)] = 3
    """Key sentences per article (used when neither `words` nor `ratio` is set)."""
    words: Annotated[int, Field(ge=10)] | None = None
    """Word budget per article: sentences are added while they fit."""
    ratio: Annotated[float, Field(gt=0, le=1)] | None = None
    """Share of the article's sentences to keep."""

    @model_validator(mode="after")
    def _one_length(self) -> SummaryConfig:
        if self.words is not None and self.ratio is not None:
            raise ValueError("set either words or ratio, not both")
        return self


class ActorsConfig(Settings):
    """How many actors the briefing shows."""

    per_article: Annotated[int, Field(ge=0, le=50)] = 6
    """Actors listed under each article, key ones first."""
    table: Annotated[int, Field(ge=0, le=200)] = 12
    """Rows of the actor table across articles."""


ShortText = Annotated[str, StringConstraints(min_length=1, max_length=200)]


class PinnedSection(Settings):
    """A section the brief opens with: stories that name one of `actors` or use one of `keywords`."""

    name: ShortText
    keywords: Annotated[list[ShortText], Field(max_length=500)] = []
    """Words (lower or upper case; a trailing * matches any ending: "defen*")."""
    actors: Annotated[list[ShortText], Field(max_length=500)] = []
    """Names of people, organisations or places, as articles name them."""

    @model_validator(mode="after")
    def _something_to_match(self) -> PinnedSection:
        if not self.keywords and not self.actors:
            raise ValueError("give keywords or actors (or both)")
        return self


#: A host as the fetcher takes it: a name or an IP address, nothing percent-encoded or escaped.
WEB_HOST = re.compile(r"[a-z0-9._:-]{1,253}")


def web_url(value: str) -> httpx.URL:
    """`value` read as httpx reads it, so the address check and the request see one host (urllib
    reads some addresses differently): an http or https address with a host name or IP address
    and no user name or password; `ValueError` saying why not otherwise."""
    import httpx  # loaded only when an address is met

    try:
        url = httpx.URL(value)
        _ = url.host  # reading it checks an IDN host (raw_host does not)
    except (httpx.InvalidURL, UnicodeError) as exc:  # IDNAError is a UnicodeError
        raise ValueError(f"not a valid address ({exc})") from None
    if url.scheme not in ("http", "https"):
        raise ValueError(f"only http and https links are read, not {url.scheme or 'this'}:")
    if url.userinfo:
        raise ValueError("an address with a user name or password is not read")
    host = url.raw_host.decode("ascii", "replace")
    if not WEB_HOST.fullmatch(host):
        raise ValueError(f"not a valid host ({host[:100]!r})")
    return url


def _web_address(value: str) -> str:
    if not value.startswith(("http://", "https://")) or any(c.isspace() for c in value):
        raise ValueError("expected an http:// or https:// address")
    web_url(value)
    return value


def _path_or_address(value: str) -> str:
    return _web_address(value) if value.startswith(("http://", "https://")) else value


WebAddress = Annotated[str, StringConstraints(max_length=2000), AfterValidator(_web_address)]
"""An http or https address."""
PathOrAddress = Annotated[PathText, AfterValidator(_path_or_address)]
"""A path, or an http or https address."""
SOURCE_TAGS = ("path", "feed", "url", "urls", "opml")


class FeedSource(Settings):
    """An RSS or Atom feed: one article per entry, read from the entry's link."""

    feed: PathOrAddress
    name: Annotated[str, StringConstraints(min_length=1, max_length=200)] | None = None
    """The feed's display name in messages and the brief (default: its address)."""


class PageSource(Settings):
    """One web page (or a local HTML file)."""

    url: WebAddress


class UrlListSource(Settings):
    """A file listing web pages, one address a line; `#` starts a comment."""

    urls: PathText


class OpmlSource(Settings):
    """An OPML subscription list (as feed readers export it): each outline with an `xmlUrl` is
    a feed, named by the outline's title."""

    opml: PathOrAddress


def _source_kind(value: Any) -> str | None:
    if isinstance(value, str):
        return "path"
    keys = value.keys() if isinstance(value, dict) else vars(value).keys() if isinstance(value, BaseModel) else ()
    return next((key for key in SOURCE_TAGS[1:] if key in keys), None)


SourceEntry = Annotated[
    Annotated[PathOrAddress, Tag("path")] | Annotated[FeedSource, Tag("feed")] | Annotated[PageSource, Tag("url")]
    | Annotated[UrlListSource, Tag("urls")] | Annotated[OpmlSource, Tag("opml")],
    Discriminator(_source_kind, custom_error_type="source_entry",
                  custom_error_message="expected a path, or a mapping with feed:, url:, urls: or opml:")]
"""One entry of `sources`: a path or glob, or a feed, page, URL list or OPML file."""


class FetchConfig(Settings):
    """How web pages and feeds are fetched."""

    timeout_seconds: Annotated[float, Field(gt=0, le=300)] = 20
    """Longest wait to connect, and between two pieces of a response; a whole fetch (connect,
    headers, body) ends after three times this."""
    max_bytes: Annotated[int, Field(ge=1000, le=100_000_000)] = 5_000_000
    """Larger responses (counted once decoded, as they arrive) are skipped, with a reason."""
    max_redirects: Annotated[int, Field(ge=0, le=20)] = 5
    """Redirects followed before a page is skipped."""
    retries: Annotated[int, Field(ge=0, le=5)] = 2
    """Further tries after a timeout or a 5xx answer, waiting 1 s, 2 s, 4 s..."""
    page_seconds: Annotated[float, Field(gt=0, le=600)] = 20
    """Longest time reading one page's article, or one feed's entries, may take (in a child
    process); then it is skipped."""


def _address(value: str) -> str:
    local, at, domain = value.rpartition("@")
    if not at or not local or "." not in domain or any(c.isspace() or c in "<>,;\"" for c in value):
        raise ValueError("expected an e-mail address such as desk@example.org")
    return value


EmailAddress = Annotated[str, StringConstraints(max_length=254), AfterValidator(_address)]


class EmailConfig(Settings):
    """Sending each brief by e-mail: the HTML inline, the brief as plain text for the text part, the PDF attached."""

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)

    to: Annotated[list[EmailAddress], Field(min_length=1, max_length=200)]
    """Recipients."""
    sender: EmailAddress = Field(alias="from")
    """The From address."""
    subject: Annotated[str, StringConstraints(max_length=1000)] = (
        "{{ briefing.title }} — {{ briefing.date.isoformat() }}")
    """A Jinja template of the subject, with the briefing's variables."""
    host: Annotated[str, StringConstraints(min_length=1, max_length=253)]
    """SMTP server."""
    port: Annotated[int, Field(ge=1, le=65535)] = 587
    starttls: bool = True
    """Upgrade the connection with STARTTLS (port 587)."""
    ssl: bool = False
    """Connect with TLS from the start (port 465)."""
    username: str | None = None
    password_env: Annotated[str, StringConstraints(pattern=r"^[A-Za-z_][A-Za-z0-9_]{0,99}$")] | None = None
    """Name of the environment variable holding the password (never the password itself)."""
    timeout_seconds: Annotated[float, Field(gt=0, le=600)] = 30
    list_id: Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9][A-Za-z0-9.-]{0,200}$")] | None = None
    """The List-Id mail rules can file the brief by (default: from the title)."""

    @model_validator(mode="after")
    def _one_tls(self) -> EmailConfig:
        if self.starttls and self.ssl:
            raise ValueError("set either starttls or ssl, not both")
        return self


class DeliverConfig(Settings):
    """Where each brief goes once it is written."""

    email: EmailConfig | None = None
    quiet_days: Literal["skip", "send"] = "skip"
    """On a day with nothing new (every article covered by an earlier brief): `skip` sends no
    e-mail (the run says so in one line), `send` sends the short brief that says so."""


class PdfConfig(Settings):
    """How the PDF is made."""

    variant: Literal["pdf/a-3b", "pdf/a-3u", "pdf/a-2b", "pdf/ua-1"] | None = None
    """A standard the PDF follows: pdf/a-3b for archives (the briefing.json travels inside it),
    pdf/ua-1 for accessibility; none: plain PDF."""
    tagged: bool = True
    """Tag the structure (headings, lists, tables, reading order) for screen readers."""
    attach_data: bool = True
    """Embed the briefing.json in the PDF as an attachment (not in pdf/a-2b, which allows none)."""


class LimitsConfig(Settings):
    """Bounds on parsing and rendering, so no template or input can hang a run or exhaust memory."""

    parse_seconds: Annotated[float, Field(gt=0, le=3600)] = 60
    """Longest time parsing one article (and finding its key sentences and actors) may take; then
    it is skipped. A batch (`batch_size`) has this for each of its articles."""
    template_seconds: Annotated[float, Field(gt=0, le=3600)] = 10
    """Longest time one template may take to render."""
    pdf_seconds: Annotated[float, Field(gt=0, le=7200)] = 300
    """Longest time WeasyPrint may take to make the PDF."""
    memory_mb: Annotated[int, Field(ge=256, le=65536)] = 2048
    """Memory a render may use beyond what the run already holds."""
    output_chars: Annotated[int, Field(ge=10_000, le=1_000_000_000)] = 50_000_000
    """Largest rendered template output, in characters."""


class Config(Settings):
    """Everything a run needs; paths are resolved against the config file's folder."""

    title: Annotated[str, StringConstraints(max_length=200)] = "Daily brief"
    """Title of the briefing, shown in the title block and the running header."""
    marking: Annotated[str, StringConstraints(max_length=100)] | None = None
    """Handling marking such as OFFICIAL, shown in the running header; none if empty."""
    sources: Annotated[list[SourceEntry], Field(max_length=1000)] | None = None
    """What to read: folders, globs and files; `feed:` (with an optional `name:`), `url:`, `urls:`
    and `opml:` entries for the web."""
    inputs: Annotated[list[PathOrAddress], Field(max_length=1000)] | None = None
    """The older name of `sources` (folders, globs and files only)."""
    state: PathValue = Path(".briefing/state.sqlite")
    """SQLite file recording which articles each day's brief covered."""
    only_new: bool = False
    """Leave out articles that an earlier day's brief covered."""
    window_hours: Annotated[float, Field(gt=0, le=87_600)] | None = None
    """Leave out feed entries published longer than this before the end of the brief's day (or
    before now, for today's brief); at most ten years."""
    allow_private_addresses: bool = False
    """Fetch from loopback, private and link-local addresses too (off: such links are skipped)."""
    fetch: FetchConfig = FetchConfig()
    lock_wait_seconds: Annotated[float, Field(ge=0, le=86400)] = 300
    """How long a run waits for another run on the same output to finish before giving up."""
    deliver: DeliverConfig = DeliverConfig()
    retention_days: Annotated[int, Field(ge=1, le=100_000)] | None = None
    """Remove briefs older than this many days after a successful run (never today's)."""
    output: PathValue = Path("briefings")
    """Folder that receives one dated folder a run."""
    templates: PathValue | None = None
    """Template folder searched before the packaged default; none uses the default only."""
    model: str = "en_core_web_sm"
    """spaCy pipeline to load (an installed package name)."""
    batch_size: Annotated[int, Field(ge=1, le=64)] = 16
    """Most articles spaCy parses at once in a worker process (`nlp.pipe`'s batch); a batch also holds
    at most `max_article_chars` characters. A batch has `limits.parse_seconds` for each of its
    articles; one that overruns goes on article by article, so a hostile article costs its worker
    at most `parse_seconds` times (`batch_size` + 1) and only itself is skipped."""
    workers: Annotated[int, Field(ge=1, le=256)] | None = None
    """Processes that parse articles at once; none: one per core available."""
    cache: PathValue | None = Path(".briefing/cache.sqlite")
    """File keeping each article's extraction for later runs; none: no cache."""
    cache_max_mb: Annotated[int, Field(ge=1, le=100_000)] = 200
    """Size bound of the cache; the least recently used entries go first."""
    max_file_bytes: Annotated[int, Field(ge=1, le=1_000_000_000)] = 5_000_000
    """Inputs larger than this are skipped, with a reason."""
    max_article_chars: Annotated[int, Field(ge=1000, le=1_000_000)] = 200_000
    """Longer article texts are cut at a paragraph or sentence end before this, with a note."""
    formats: list[Literal["pdf", "md", "html", "json"]] = ["pdf", "md", "html", "json"]
    """Outputs to write: any of pdf, md, html, json. A run writes briefing.json whatever this says:
    it is the day's record, which delivery, the archive and `render` read."""
    summary: SummaryConfig = SummaryConfig()
    actors: ActorsConfig = ActorsConfig()
    bottom_line: Annotated[int, Field(ge=0, le=50)] = 5
    """Points of the bottom line: one per top story, different sections first."""
    sections: Annotated[list[PinnedSection], Field(max_length=100)] = []
    """Sections that come first, in this order (e.g. a desk's "Defence", "Markets"); the other
    stories go to sections found from the articles."""
    top_stories: Annotated[int, Field(ge=1, le=1000)] = 8
    """Stories shown in full (lead, points, actors); every other story is one line under "Also
    today", by section."""
    section_priority: Annotated[dict[ShortText, Annotated[float, Field(ge=-10, le=10)]], Field(max_length=100)] = {}
    """Added to the importance of a section's stories (e.g. `Sport: 4` for a sports desk, `Politics:
    -2` to demote); the defaults put hard news above features, sport and culture."""
    extra: Annotated[dict[ShortText, Annotated[str, StringConstraints(max_length=10_000)]],
                     Field(max_length=100)] = {}
    """Free text for the templates as `briefing.extra` (e.g. purpose, distribution, contact)."""
    limits: LimitsConfig = LimitsConfig()
    pdf: PdfConfig = PdfConfig()
    template_set: Literal["default", "one-page", "note"] = "default"
    """The shipped template set used beneath `templates` (see `briefing templates list`)."""
    extra_css: Annotated[list[StylesheetName], Field(max_length=50)] = []
    """Stylesheets in `templates` added after the shipped one, in this order (e.g. `[desk.css]`)."""
    replace_css: bool = False
    """Use the `style.css` in `templates` instead of the shipped stylesheet (page layout, fonts,
    running header), not after it."""
    base_dir: Path = Field(default=Path("."), exclude=True)
    """The config file's folder (set by the loader, not in the file)."""
    config_file: Path | None = Field(default=None, exclude=True)
    """The config file itself (set by the loader, not in the file)."""

    @model_validator(mode="after")
    def _one_source_list(self) -> Config:
        if self.sources is not None and self.inputs is not None:
            raise ValueError("give either sources or inputs (the older name of sources), not both")
        return self

    @model_validator(mode="after")
    def _stylesheets_in_templates(self) -> Config:
        if (self.extra_css or self.replace_css) and self.templates is None:
            raise ValueError("extra_css and replace_css name files in the templates folder: set templates: too")
        return self

    @property
    def source_entries(self) -> Sequence[SourceEntry]:
        """What to read: `sources`, else `inputs`, else the seeds folder."""
        return self.sources if self.sources is not None else self.inputs if self.inputs is not None else ["seeds"]

    def resolve(self, path: Path | str) -> Path:
        """A path from the config, made absolute against the config file's folder."""
        path = Path(path).expanduser()
        return path if path.is_absolute() else self.base_dir / path


def load_config(path: Path | str | None) -> Config:
    """Read and validate a config file; `None` gives the defaults, relative to the cwd."""
    if path is None:
        return Config(base_dir=Path.cwd())
    if "\x00" in str(path):
        raise ConfigError("--config: the path contains a NUL byte")
    path = Path(path)
    try:
        with path.open("rb") as stream:
            raw = stream.read(MAX_CONFIG_BYTES + 1)
        if len(raw) > MAX_CONFIG_BYTES:
            raise ConfigError(f"{path}: config larger than {MAX_CONFIG_BYTES:,} bytes")
        text = raw.decode("utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read config: {exc}") from None
    try:
        data, root = safe_yaml.load(text)
    except safe_yaml.YamlProblem as exc:
        where = f"{path}:{exc.line}" if exc.line else str(path)
        raise ConfigError(f"{where}: not valid YAML: {exc}") from None
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise ConfigError(f"{path}:1: the config must be a mapping of keys to values")
    for key in ("base_dir", "config_file"):
        if key in data:
            raise ConfigError(f"{key}: unknown key ({path}:{_line(root, (key,))})")
    try:
        return Config.model_validate({**data, "base_dir": path.resolve().parent, "config_file": path.resolve()})
    except ValidationError as exc:
        problems = [_describe(err, root, path) for err in exc.errors()]
        raise ConfigError("\n".join(problems)) from None


#: Pydantic's wording of what a value should be, said as this module's errors say it.
INPUT_SHOULD_BE = re.compile(r"^Input should be ")
_EXPECTED = {"int": "an integer", "float": "a number", "bool": "true or false", "string": "a string",
             "list": "a list", "dict": "a mapping", "model": "a mapping", "path": "a path"}


def _describe(err: ErrorDetails, root: yaml.Node | None, path: Path) -> str:
    loc = tuple(part for i, part in enumerate(err["loc"])  # without the source kind pydantic adds
                if not (part in SOURCE_TAGS and i and isinstance(err["loc"][i - 1], int)))
    key = ".".join(str(part) for part in loc) or "(top level)"
    where = f"{path}:{_line(root, loc)}"
    if err["type"] == "extra_forbidden":
        return f"{key}: unknown key ({where})"
    got = _short(err.get("input"))
    if err["type"].endswith("_type") or err["type"].endswith("_parsing"):
        expected = _EXPECTED.get(err["type"].split("_")[0], err["type"].split("_")[0])
        return f"{key}: expected {expected}, got {got} ({where})"
    message = INPUT_SHOULD_BE.sub("expected ", err["msg"].removeprefix("Value error, "))
    if not loc:
        return f"{key}: {message} ({where})"
    return f"{key}: {message}, got {got} ({where})" if "got" not in message else f"{key}: {message} ({where})"


def _short(value: Any) -> str:
    """A value as shown in an error: its repr, cut to one short line."""
    try:
        shown = repr(value)
    except ValueError:  # an integer too long to print
        shown = "a number too long to show"
    return shown if len(shown) <= 80 else shown[:77] + "..."


def _line(root: yaml.Node | None, loc: tuple[int | str, ...]) -> int:
    """The 1-based line of the YAML node at `loc`, or of its nearest existing parent."""
    node, line = root, 1
    for part in loc:
        if isinstance(node, yaml.MappingNode):
            pair = next(((k, v) for k, v in node.value if k.value == str(part)), None)
            if pair is None:
                break
            key_node, node = pair
            line = key_node.start_mark.line + 1
        elif isinstance(node, yaml.SequenceNode) and isinstance(part, int) and part < len(node.value):
            node = node.value[part]
            line = node.start_mark.line + 1
        else:
            break
    return line
