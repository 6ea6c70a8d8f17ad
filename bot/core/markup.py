"""Telegram's HTML parse mode, checked before anything is sent or accepted as content.

Telegram rejects a whole message for one unknown tag, an unclosed tag or a bare `<`/`&`,
so content is validated at load time and outgoing text is escaped and split here.
"""

from __future__ import annotations

import html
import re

from bot.core.limits import MAX_MESSAGE_LENGTH

ALLOWED_TAGS = {
    "b", "strong", "i", "em", "u", "ins", "s", "strike", "del", "a", "code", "pre",
    "span", "tg-spoiler", "blockquote", "tg-emoji",
}
_ENTITY = re.compile(r"&(#\d+|#x[0-9a-fA-F]+|lt|gt|amp|quot);")
_TAG = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9-]*)((?:\s+[a-zA-Z-]+(?:\s*=\s*(?:\"[^\"]*\"|'[^']*'|[^\s>]+))?)*)\s*>")
_ATTR = re.compile(r"([a-zA-Z-]+)(?:\s*=\s*(\"[^\"]*\"|'[^']*'|[^\s>]+))?")


def escape(text: str) -> str:
    """Escape user text for HTML parse mode (quotes may stay as they are)."""
    return html.escape(text, quote=False)


def html_problem(text: str) -> str | None:
    """Return why Telegram would reject this HTML, or None when it is fine."""
    stack: list[str] = []
    i = 0
    n = len(text)
    while i < n:
        ch = text[i]
        if ch == "<":
            m = _TAG.match(text, i)
            if not m:
                return f"bare '<' at offset {i}; write &lt;"
            closing, name, attrs = m.group(1), m.group(2).lower(), m.group(3)
            if name not in ALLOWED_TAGS:
                return f"unsupported tag <{name}>"
            if closing:
                if not stack or stack[-1] != name:
                    return f"closing </{name}> does not match an open tag"
                stack.pop()
            else:
                found = {a.lower(): (v or "").strip("\"'") for a, v in _ATTR.findall(attrs)}
                if name == "a" and not found.get("href"):
                    return "<a> needs an href"
                if name == "span" and found.get("class") != "tg-spoiler":
                    return '<span> is only allowed as <span class="tg-spoiler">'
                stack.append(name)
            i = m.end()
        elif ch == "&":
            if not _ENTITY.match(text, i):
                return f"bare '&' at offset {i}; write &amp;"
            i += 1
        else:
            i += 1
    if stack:
        return f"unclosed tag <{stack[-1]}>"
    return None


def strip_tags(text: str) -> str:
    """Plain text as the student sees it: tags removed, entities decoded."""
    return html.unescape(_TAG.sub("", text))


def visible_length(text: str) -> int:
    """Length Telegram counts for an HTML message (after entity parsing)."""
    return len(strip_tags(text))


def split_message(text: str, limit: int = MAX_MESSAGE_LENGTH) -> list[str]:
    """Split HTML at paragraph, then line, boundaries so each part fits and stays valid."""
    if visible_length(text) <= limit and len(text) <= limit * 2:
        return [text]
    parts: list[str] = []
    current = ""
    for block in _blocks(text, limit):
        candidate = f"{current}\n\n{block}" if current else block
        if visible_length(candidate) <= limit and html_problem(candidate) is None:
            current = candidate
        else:
            if current:
                parts.append(current)
            current = block
    if current:
        parts.append(current)
    return parts


def _blocks(text: str, limit: int) -> list[str]:
    """Paragraphs no longer than the limit; an oversized one is cut by lines, then plainly."""
    out: list[str] = []
    for para in text.split("\n\n"):
        if visible_length(para) <= limit and html_problem(para) is None:
            out.append(para)
            continue
        plain = escape(strip_tags(para))
        lines = plain.split("\n")
        buf = ""
        for line in lines:
            while visible_length(line) > limit:
                cut = _safe_cut(line, limit)
                if buf:
                    out.append(buf)
                    buf = ""
                out.append(line[:cut])
                line = line[cut:]
            cand = f"{buf}\n{line}" if buf else line
            if visible_length(cand) <= limit:
                buf = cand
            else:
                out.append(buf)
                buf = line
        if buf:
            out.append(buf)
    return [b for b in out if b.strip()]


def _safe_cut(escaped: str, limit: int) -> int:
    """An index at most `limit` visible characters in that does not split an entity."""
    cut = min(len(escaped), limit)
    amp = escaped.rfind("&", max(0, cut - 8), cut)
    if amp != -1 and ";" not in escaped[amp:cut]:
        cut = amp
    space = escaped.rfind(" ", 0, cut)
    return space if space > limit // 2 else cut
