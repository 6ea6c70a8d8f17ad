"""Named leases: at most one process runs the scheduler (and each broadcast) at a time."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import delete, or_, select

from bot.storage.base import StoreBase, _aware
from bot.storage.models import (
    Lease,
)


class LeasesMixin(StoreBase):
    """Leases (part of `Store`)."""

    async def acquire_lease(
        self, name: str, holder: str, ttl_seconds: float, now: datetime, *, replacing: str | None = None
    ) -> bool:
        """Take or renew the named lease for `ttl_seconds`; False while another holder's lease is live.

        `replacing` names a holder known to be dead (see the broadcast engine), whose live lease may be
        taken over; only if it still holds it. One INSERT … ON CONFLICT DO UPDATE … WHERE statement, so
        two processes can never both win, on SQLite or PostgreSQL.
        """
        _aware(now, "now")
        expires = now + timedelta(seconds=ttl_seconds)
        stmt = self._insert(Lease).values(name=name, holder=holder, expires_at=expires)
        may_take = [Lease.holder == stmt.excluded.holder, Lease.expires_at <= now]
        if replacing is not None:
            may_take.append(Lease.holder == replacing)
        stmt = stmt.on_conflict_do_update(
            index_elements=[Lease.name],
            set_={"holder": stmt.excluded.holder, "expires_at": stmt.excluded.expires_at},
            where=or_(*may_take),
        ).returning(Lease.holder)
        async with self._write.begin() as session:
            won = (await session.execute(stmt)).first()
        return won is not None and won[0] == holder

    async def release_lease(self, name: str, holder: str) -> None:
        """Give the lease up early (on shutdown); only its holder can."""
        async with self._write.begin() as session:
            await session.execute(delete(Lease).where(Lease.name == name, Lease.holder == holder))

    async def lease_holder(self, name: str, now: datetime) -> str | None:
        """Who holds a live lease, for /healthz and the console."""
        async with self._read.begin() as session:
            return await session.scalar(
                select(Lease.holder).where(Lease.name == name, Lease.expires_at > _aware(now, "now"))
            )
