"""What every handler needs, built once by `build_application` and kept with the Application.

Handlers reach it as `context.services` (their context is a `TutorContext`, registered through
`CONTEXT_TYPES` as PTB's contexttypesbot example shows); code holding only the Application uses
`services_of(application)`. Tests build their own Services with a fake clock.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any, TypeAlias, cast

from telegram.ext import Application, CallbackContext, ContextTypes, ExtBot, JobQueue

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


class TutorContext(CallbackContext[ExtBot[Any], dict[Any, Any], dict[Any, Any], dict[Any, Any]]):
    """The context every handler and job callback gets: PTB's, plus `.services`."""

    @property
    def services(self) -> Services:
        """The Services of the running Application."""
        return services_of(self.application)

    # PTB annotates these two with a type variable of the method (its context type, which the class
    # cannot name), so no override can match it; build_application makes them exactly this. Said once
    # here instead of at every call site.
    @property
    def application(self) -> TutorApplication:  # type: ignore[override]
        return cast("TutorApplication", super().application)

    @property
    def job_queue(self) -> JobQueue[TutorContext] | None:  # type: ignore[override]
        return cast("JobQueue[TutorContext] | None", super().job_queue)


CONTEXT_TYPES = ContextTypes(context=TutorContext)

# The Application as build_application configures it (typed handlers, jobs and context).
TutorApplication: TypeAlias = Application[
    ExtBot[Any], TutorContext, dict[Any, Any], dict[Any, Any], dict[Any, Any], JobQueue[TutorContext]
]


def services_of(application: Application[Any, Any, Any, Any, Any, Any]) -> Services:
    """The Application's Services; KeyError before they are set (post_init sets them)."""
    svc: Services = application.bot_data[SERVICES_KEY]
    return svc


def find_services(application: Application[Any, Any, Any, Any, Any, Any]) -> Services | None:
    """The Application's Services, or None when they were never set (a failed start-up)."""
    svc: Services | None = application.bot_data.get(SERVICES_KEY)
    return svc


def attach_services(application: Application[Any, Any, Any, Any, Any, Any], svc: Services) -> None:
    """Make `svc` the Application's Services (build_application and post_init call this)."""
    application.bot_data[SERVICES_KEY] = svc


def has_services(application: Application[Any, Any, Any, Any, Any, Any]) -> bool:
    return SERVICES_KEY in application.bot_data
