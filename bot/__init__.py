"""Tutor Diplomasi: a Telegram tutor on international cooperation and Indonesian diplomacy."""

__version__ = "0.1.0"
