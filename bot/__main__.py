"""Allows `python -m bot …`."""

from bot.cli import main

if __name__ == "__main__":  # not when a spawned worker process (bot.charts.worker) imports it
    raise SystemExit(main())
