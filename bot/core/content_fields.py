"""Reading content YAML files and their typed fields, collecting every problem on the way.

The base of the content validator in bot/core/content.py: a teacher's file with a mistake is
reported with file, entry id and field, and reading goes on (see `load_content`).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import yaml

from bot.core.freshness import parse_dates

ID_RE = re.compile(r"^[a-z0-9][a-z0-9-]{0,39}$")

# libyaml's safe loader when PyYAML was built with it (its wheels are): the same data as yaml.safe_load,
# several times faster, which is most of `ask`'s start-up. A file it rejects is read again by the
# pure-Python loader, whose message points at the line at fault (libyaml's often points further on).
_SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@dataclass(frozen=True)
class ContentProblem:
    file: str
    id: str | None
    field: str | None
    message: str

    def __str__(self) -> str:
        parts = [self.file] if self.file else []
        if self.id:
            parts.append(f"[{self.id}]")
        if self.field:
            parts.append(self.field)
        return f"{' '.join(parts)}: {self.message}" if parts else self.message

    def as_dict(self) -> dict[str, str | None]:
        return {"file": self.file, "id": self.id, "field": self.field, "message": self.message}


class ContentInvalid(Exception):
    """Raised by `load_bank` with every problem found."""

    def __init__(self, problems: list[ContentProblem]) -> None:
        super().__init__(f"{len(problems)} content problem(s):\n" + "\n".join(map(str, problems[:50])))
        self.problems = problems


def relative_name(base: Path, path: Path) -> str:
    try:
        return str(path.relative_to(base))
    except ValueError:
        return str(path)


class FieldReader:
    """Collects problems while reading YAML files and the typed fields of their entries."""

    def __init__(self, base: Path) -> None:
        self.base = base
        self.problems: list[ContentProblem] = []
        self.unreadable: list[ContentProblem] = []  # files that could not be read at all
        self.references: set[int] = set()  # indexes in `problems` of names another file should define
        self.origin: dict[str, str] = {}

    def add(self, path: Path | str, id_: str | None, field_: str | None, message: str) -> None:
        name = relative_name(self.base, path) if isinstance(path, Path) else path
        self.problems.append(ContentProblem(name, id_, field_, message))

    def refer(self, path: Path | str, id_: str | None, field_: str | None, message: str) -> None:
        """A problem with a name defined in another file (a topic, an FAQ id): a knock-on error when
        some file could not be read."""
        self.references.add(len(self.problems))
        self.add(path, id_, field_, message)

    def cannot_read(self, path: Path, field_: str | None, message: str) -> None:
        """The whole file is unusable: reported first, and its knock-on errors are left out."""
        self.add(path, None, field_, message)
        self.unreadable.append(self.problems[-1])

    def reported(self) -> list[ContentProblem]:
        """The problems to show: every one, or, when a file could not be read, those files first and
        then only the problems that cannot follow from them."""
        if not self.unreadable:
            return list(self.problems)
        rest = [p for i, p in enumerate(self.problems) if i not in self.references and p not in self.unreadable]
        return [*self.unreadable, *rest]

    def load_yaml(self, path: Path) -> tuple[bool, Any]:
        """Parse one file; every way it can fail becomes a one-line problem naming the file."""
        try:
            raw = path.read_bytes()
        except FileNotFoundError:
            self.cannot_read(path, None, "file is missing")
            return False, None
        except IsADirectoryError:
            self.cannot_read(path, None, "is a directory, not a YAML file")
            return False, None
        except OSError as exc:
            self.cannot_read(path, None, f"cannot be read ({exc.strerror or exc})")
            return False, None
        try:
            text = raw.decode("utf-8-sig")  # editors on Windows may add a BOM; that is still UTF-8
        except UnicodeDecodeError as exc:
            line = raw[:exc.start].count(b"\n") + 1
            self.cannot_read(path, None, f"is not valid UTF-8 text (line {line}); save the file as UTF-8")
            return False, None
        try:
            return True, yaml.load(text, Loader=_SAFE_LOADER)
        except (yaml.YAMLError, ValueError):
            pass  # parsed again below by the pure-Python loader, whose error names the line at fault
        try:
            return True, yaml.load(text, Loader=yaml.SafeLoader)
        except yaml.YAMLError as exc:
            self.cannot_read(path, None, f"YAML syntax error{_yaml_where(exc)}")
        except ValueError as exc:  # e.g. a date such as 2024-02-30 that YAML reads as a timestamp
            self.cannot_read(path, None, f"YAML value error: {_one_line(str(exc))}")
        return False, None

    def read(self, path: Path, key: str) -> list[Any]:
        ok, data = self.load_yaml(path)
        if not ok or data is None:
            return []
        if not isinstance(data, dict) or not isinstance(data.get(key), list):
            self.cannot_read(path, key, f"expected a top-level '{key}:' list")
            return []
        items: list[Any] = data[key]
        return items

    def text(self, path: Path, id_: str | None, item: dict[str, Any], name: str, *, required: bool = True) -> str:
        value = item.get(name)
        if value is None or (isinstance(value, str) and not value.strip()):
            if required:
                self.add(path, id_, name, "is missing or empty")
            return ""
        if not isinstance(value, (str, int, float)):
            self.add(path, id_, name, "must be text")
            return ""
        return str(value).strip()

    def text_list(self, path: Path, id_: str | None, item: dict[str, Any], name: str, *, required: bool) -> tuple[str, ...]:
        value = item.get(name)
        if value is None:
            if required:
                self.add(path, id_, name, "is missing")
            return ()
        if not isinstance(value, list):
            self.add(path, id_, name, "must be a list")
            return ()
        out = []
        for i, v in enumerate(value):
            if not isinstance(v, (str, int, float)) or not str(v).strip():
                self.add(path, id_, f"{name}[{i}]", "is empty or not text")
                continue
            out.append(str(v).strip())
        return tuple(out)

    def dates(self, path: Path, id_: str, item: dict[str, Any]) -> dict[str, dt.date | None]:
        as_of, review_by, problems = parse_dates(item)
        for name, message in problems:
            self.add(path, id_, name, message)
        return {"as_of": as_of, "review_by": review_by}

    def entry_id(self, path: Path, item: Any, index: int, allowed: set[str]) -> str | None:
        if not isinstance(item, dict):
            self.add(path, f"#{index + 1}", None, "each entry must be a mapping of fields")
            return None
        id_ = self.text(path, f"#{index + 1}", item, "id")
        if id_ and not ID_RE.match(id_):
            self.add(path, id_, "id", "use lowercase letters, digits and dashes (at most 40 characters)")
        for unknown in sorted(set(item) - allowed, key=str):
            self.add(path, id_ or f"#{index + 1}", str(unknown), f"unknown field (allowed: {', '.join(sorted(allowed))})")
        return id_ or None

    def date_text(self, path: Path, id_: str | None, item: dict[str, Any], name: str, *, year_ok: bool = False) -> str | None:
        """An ISO date (YAML may have parsed it already), or a year when `year_ok`; None when absent."""
        value = item.get(name)
        if value is None:
            return None
        if isinstance(value, date):
            return value.isoformat()
        text = str(value).strip()
        if year_ok and re.fullmatch(r"\d{4}", text):
            return text
        try:
            return date.fromisoformat(text).isoformat()
        except ValueError:
            self.add(path, id_, name, f"must be a date written YYYY-MM-DD, not {text!r}")
            return None

    def dated(self, path: Path, id_: str | None, item: dict[str, Any]) -> dict[str, str | None]:
        """`as_of` and `review_by`: both or neither, review after the date the facts hold for."""
        as_of = self.date_text(path, id_, item, "as_of")
        review_by = self.date_text(path, id_, item, "review_by")
        if ("as_of" in item) != ("review_by" in item):
            self.add(path, id_, "review_by" if "as_of" in item else "as_of", "as_of and review_by go together")
        elif as_of and review_by and review_by <= as_of:
            self.add(path, id_, "review_by", "must come after as_of")
        return {"as_of": as_of, "review_by": review_by}


def describe(value: Any) -> str:
    """How a teacher would recognise the bad value in the YAML file."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return "empty"
    if isinstance(value, bool):
        return f"{str(value).lower()} (YAML reads yes/no/on/off as true/false; put the word in quotes)"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return type(value).__name__


def _yaml_where(exc: yaml.YAMLError) -> str:
    """" (line 8): expected ',' or ']', but got '?' (while parsing a flow sequence that starts at line 7)"."""
    mark = getattr(exc, "problem_mark", None)
    where = f" (line {mark.line + 1})" if mark else ""
    problem, context = getattr(exc, "problem", None), getattr(exc, "context", None)
    detail = _one_line(problem or context or str(exc))
    context_mark = getattr(exc, "context_mark", None)
    if problem and context and context_mark is not None and (mark is None or context_mark.line != mark.line):
        detail += f" ({_one_line(context)} that starts at line {context_mark.line + 1})"
    return f"{where}: {detail}"


def _one_line(text: str) -> str:
    return " ".join(str(text).split())
