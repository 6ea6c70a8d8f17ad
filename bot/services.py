"""What every handler needs, built once by `build_application` and kept in `bot_data`.

Handlers reach it with `services(context)`; tests build their own with a fake clock.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from bot.core.conversation import Tutor
from bot.settings import Settings

if TYPE_CHECKING:
    from bot.storage import Store

SERVICES_KEY = "services"


def utc_now() -> datetime:
    return datetime.now(UTC)


@dataclass
class Services:
    settings: Settings
    tutor: Tutor
    store: Store
    clock: Callable[[], datetime] = utc_now  # aware UTC; tests inject their own
    rng: random.Random = field(default_factory=random.Random)
    extras: dict[str, Any] = field(default_factory=dict)  # e.g. the broadcast service


def services(context: Any) -> Services:
    """The Services of the running Application, from a handler's `context`."""
    return context.application.bot_data[SERVICES_KEY]
