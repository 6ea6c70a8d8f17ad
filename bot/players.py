"""Who counts as a player on leaderboards and in recaps: Telegram's stand-in senders never do.

Both the handlers (poll answers, /skor, round rankings) and the weekly recap (bot/broadcast) read it,
so it lives below both."""

from __future__ import annotations

from telegram.constants import ChatID

# "GroupAnonymousBot" (anonymous admins' messages) and "Channel_Bot" (messages sent on behalf of a channel)
NOT_PLAYERS = frozenset({ChatID.ANONYMOUS_ADMIN, ChatID.FAKE_CHANNEL})
