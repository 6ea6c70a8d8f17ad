"""The tutor's logic, free of any Telegram import so the console, `ask` and the bot share it."""
