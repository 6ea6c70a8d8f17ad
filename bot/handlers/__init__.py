"""Thin python-telegram-bot adapters over bot.core; `registry.register_handlers` adds them all, in order."""
