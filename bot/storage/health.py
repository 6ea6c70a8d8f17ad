"""The health check's database probes: a real write (a one-row upsert) and the SQLite file's presence."""

from __future__ import annotations

import os
from datetime import datetime

from sqlalchemy import delete
from sqlalchemy.engine import make_url

from bot.storage.base import StoreBase
from bot.storage.models import HealthProbe


class HealthMixin(StoreBase):
    """Store's `write_probe`, `drop_probe` and `database_file`."""

    async def write_probe(self, holder: str, now: datetime) -> None:
        """Upsert this process's probe row in its own write transaction; raises when writes fail."""
        async with self._write.begin() as session:
            stmt = self._insert(HealthProbe).values(holder=holder, written_at=now)
            await session.execute(stmt.on_conflict_do_update(index_elements=[HealthProbe.holder],
                                                             set_={"written_at": now}))

    async def drop_probe(self, holder: str) -> None:
        """Forget this process's row at shutdown."""
        async with self._write.begin() as session:
            await session.execute(delete(HealthProbe).where(HealthProbe.holder == holder))

    def database_file(self) -> str | None:
        """The SQLite database file's absolute path; None for PostgreSQL or an in-memory database."""
        url = make_url(str(self._engine.url))
        if not url.drivername.startswith("sqlite") or not url.database or url.database == ":memory:":
            return None
        return os.path.abspath(url.database)
