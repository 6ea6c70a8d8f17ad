"""Settings from the environment and an optional `.env`, validated once at start-up.

pydantic-settings is used instead of hand-written parsing: it reads `.env`, converts
types and reports every bad value with its name, which we turn into one line each.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Annotated, Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import Field, SecretStr, ValidationError, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

from bot.core.schedule import ScheduleInputError, resolve_zone
from bot.storage.engine import to_async_url

PACKAGE_CONTENT = Path(__file__).resolve().parent / "content"
REPO_CONTENT = Path(__file__).resolve().parent.parent / "content"


class SettingsError(Exception):
    """Raised with one human-readable line per bad setting."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("\n".join(problems))
        self.problems = problems


class Settings(BaseSettings):
    """Every setting the tutor reads; `.env.example` documents each one."""

    model_config = SettingsConfigDict(env_file=".env", env_file_encoding="utf-8", extra="ignore")

    telegram_bot_token: SecretStr | None = None
    telegram_api_base_url: str = "https://api.telegram.org/bot"
    database_url: str = "sqlite:///data/tutor.db"
    bot_timezone: str = "Asia/Jakarta"
    content_dir: Path | None = None
    content_cache_dir: str | None = None
    admin_user_ids: Annotated[list[int], NoDecode] = Field(default_factory=list)
    log_level: Literal["DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL"] = "INFO"
    log_format: Literal["text", "json"] = "text"
    webhook_url: str | None = None
    webhook_secret: SecretStr | None = None
    port: int = Field(default=8080, ge=1, le=65535)
    recap_delay_hours: float = Field(default=12.0, gt=0, le=24)
    group_quiz_open_period: int = Field(default=30, ge=5, le=600)
    quiz_length: int = Field(default=5, ge=1, le=20)
    tesseract_cmd: str = "tesseract"
    ocr_workers: int = Field(default=1, ge=1, le=8)
    photo_max_bytes: int = Field(default=10_000_000, ge=100_000, le=20_000_000)

    @field_validator("telegram_bot_token", "webhook_secret", "webhook_url", mode="before")
    @classmethod
    def _blank_is_none(cls, value: object) -> object:
        if isinstance(value, str) and not value.strip():
            return None
        return value

    @field_validator("log_level", mode="before")
    @classmethod
    def _upper_level(cls, value: object) -> object:
        return value.upper().strip() if isinstance(value, str) else value

    @field_validator("log_format", mode="before")
    @classmethod
    def _lower_format(cls, value: object) -> object:
        return value.lower().strip() if isinstance(value, str) else value

    @field_validator("admin_user_ids", mode="before")
    @classmethod
    def _split_ids(cls, value: object) -> object:
        """Comma-separated ids; a bad item is named here, since pydantic would only give its position."""
        if isinstance(value, str):
            parts = [p.strip() for p in value.replace(";", ",").split(",")]
            ids = [p for p in parts if p]
            for item in ids:
                if not (item.isascii() and item.isdigit()):
                    raise ValueError(f"{item!r} is not a Telegram user id (use numbers separated by commas)")
            return ids
        return value

    @field_validator("bot_timezone")
    @classmethod
    def _known_zone(cls, value: str) -> str:
        """WIB/WITA/WIT and IANA names in any case, as /zona takes them, stored as the IANA name."""
        try:
            return resolve_zone(value)
        except ScheduleInputError:
            pass
        try:  # other names zoneinfo knows (e.g. "Singapore"), accepted as before
            ZoneInfo(value.strip())
        except (ZoneInfoNotFoundError, ValueError) as exc:
            raise ValueError(f"unknown timezone {value!r}; use WIB, WITA, WIT or an IANA name such as "
                             "Asia/Jakarta") from exc
        return value.strip()

    @field_validator("database_url")
    @classmethod
    def _known_db(cls, value: str) -> str:
        scheme = value.split(":", 1)[0].lower()
        if not (scheme.startswith("sqlite") or scheme.startswith("postgres")):
            raise ValueError("use sqlite:///path/to/file.db or postgresql://user:pass@host/db")
        return value

    @field_validator("telegram_api_base_url", "webhook_url")
    @classmethod
    def _http_url(cls, value: str | None) -> str | None:
        if value is not None and not value.startswith(("http://", "https://")):
            raise ValueError("must start with http:// or https://")
        return value

    @field_validator("telegram_bot_token")
    @classmethod
    def _token_shape(cls, value: SecretStr | None) -> SecretStr | None:
        if value is not None:
            raw = value.get_secret_value()
            head, _, tail = raw.partition(":")
            if not head.isdigit() or len(tail) < 10:
                raise ValueError("does not look like a BotFather token (digits:letters)")
        return value

    @property
    def timezone(self) -> ZoneInfo:
        return ZoneInfo(self.bot_timezone)

    @property
    def token(self) -> str | None:
        return self.telegram_bot_token.get_secret_value() if self.telegram_bot_token else None

    @property
    def resolved_content_dir(self) -> Path:
        """CONTENT_DIR, else the repo's content/, else the copy bundled in the package."""
        if self.content_dir is not None:
            return self.content_dir
        if REPO_CONTENT.is_dir():
            return REPO_CONTENT
        return PACKAGE_CONTENT

    @property
    def content_cache_folder(self) -> Path | None:
        """Where the built tutor is kept (bot/tutor_cache.py): CONTENT_CACHE_DIR ("off": nowhere),
        else $XDG_CACHE_HOME/tutor-diplomasi, else ~/.cache/tutor-diplomasi."""
        configured = (self.content_cache_dir or "").strip()
        if configured.lower() == "off":
            return None
        if configured:
            return Path(configured)
        base = os.environ.get("XDG_CACHE_HOME", "").strip()
        return (Path(base) if base else Path.home() / ".cache") / "tutor-diplomasi"

    @property
    def telegram_file_base_url(self) -> str:
        """Where files are downloaded: the same server as the API, ".../bot" becoming ".../file/bot"
        (Telegram's own layout, which a local Bot API server and the tests' fake server share)."""
        base = self.telegram_api_base_url.rstrip("/")
        return f"{base.removesuffix('/bot')}/file/bot" if base.endswith("/bot") else f"{base}/file/bot"

    @property
    def async_database_url(self) -> str:
        """The plain URL forms mapped to their async drivers."""
        return to_async_url(self.database_url)


def load_settings(**overrides: object) -> Settings:
    """Build Settings, turning pydantic's report into one line per bad value."""
    try:
        return Settings(**overrides)  # type: ignore[arg-type]
    except ValidationError as exc:
        problems = []
        for err in exc.errors():
            loc = err["loc"]
            name = str(loc[0]).upper() if loc else "SETTINGS"
            msg = err["msg"].removeprefix("Value error, ")
            if len(loc) > 1:  # an item of a list setting: name the item, not its index
                msg = f"item {err.get('input')!r}: {msg}"
            problems.append(f"Setting {name} is invalid: {msg}")
        raise SettingsError(problems) from None
