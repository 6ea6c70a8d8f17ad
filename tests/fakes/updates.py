"""Builders for Telegram update payloads, shaped like the Bot API's JSON.

Pure functions returning plain dicts, so tests can inject them into
:class:`tests.fakes.bot_api.FakeBotApi` (which fills ``update_id``) or feed them to
``telegram.Update.de_json`` directly.  Every builder returns the update *without*
``update_id``, e.g. ``{"message": {...}}``.

Entity offsets and lengths are in UTF-16 code units, as Telegram sends them.
"""

from __future__ import annotations

import itertools
import re
import time
from typing import Any

JSON = dict[str, Any]

# Default identity of the bot, kept in sync with FakeBotApi's defaults.
BOT_ID = 123456
BOT_USERNAME = "TutorDiplomasiBot"
BOT_FIRST_NAME = "Tutor Diplomasi"
# Telegram's "GroupAnonymousBot": the sender of messages written by anonymous group admins.
GROUP_ANONYMOUS_BOT_ID = 1087968824

# User message ids start high so they never collide with the ids the fake assigns to the
# bot's own messages (which start at 1 per chat and skip past injected ids anyway).
_message_ids = itertools.count(1_000_000)
_query_ids = itertools.count(1)
_file_ids = itertools.count(1)

_COMMAND_RE = re.compile(r"(?:(?<=\s)|^)/[A-Za-z0-9_]{1,32}(?:@[A-Za-z0-9_]{3,32})?(?![A-Za-z0-9_@/])")
_MENTION_RE = re.compile(r"(?:(?<=[^A-Za-z0-9_])|^)@[A-Za-z0-9_]{5,32}(?![A-Za-z0-9_])")


def utf16_len(text: str) -> int:
    """Length in UTF-16 code units, the unit Telegram uses for entity offsets."""
    return len(text.encode("utf-16-le")) // 2


def now() -> int:
    """Current Unix time as Telegram sends it (an int)."""
    return int(time.time())


def user(
    id: int,
    first_name: str = "Siswa",
    username: str | None = None,
    language_code: str | None = "id",
    *,
    last_name: str | None = None,
    is_bot: bool = False,
) -> JSON:
    """A Telegram ``User``."""
    data: JSON = {"id": id, "is_bot": is_bot, "first_name": first_name}
    if last_name:
        data["last_name"] = last_name
    if username:
        data["username"] = username
    if language_code:
        data["language_code"] = language_code
    return data


def bot_user(id: int = BOT_ID, username: str = BOT_USERNAME, first_name: str = BOT_FIRST_NAME) -> JSON:
    """The bot's own ``User`` (what ``getMe`` returns, minus the capability flags)."""
    return {"id": id, "is_bot": True, "first_name": first_name, "username": username}


def group_anonymous_bot() -> JSON:
    """The ``User`` Telegram puts in ``from`` for messages of anonymous group admins."""
    return {"id": GROUP_ANONYMOUS_BOT_ID, "is_bot": True, "first_name": "Group", "username": "GroupAnonymousBot"}


def private_chat(of_user: JSON) -> JSON:
    """The private ``Chat`` between the bot and ``of_user`` (same id as the user)."""
    data: JSON = {"id": of_user["id"], "type": "private", "first_name": of_user.get("first_name", "")}
    for key in ("last_name", "username"):
        if of_user.get(key):
            data[key] = of_user[key]
    return data


def group_chat(id: int, title: str = "Kelas 9A", type: str = "group") -> JSON:
    """A group or supergroup ``Chat``; ids of groups are negative (supergroups -100…)."""
    if type not in ("group", "supergroup", "channel"):
        raise ValueError(f"not a group chat type: {type!r}")
    if id >= 0:
        raise ValueError("group chat ids are negative")
    return {"id": id, "type": type, "title": title}


def text_entities(text: str) -> list[JSON]:
    """Entities Telegram's clients would attach: ``bot_command`` and ``mention``."""
    entities: list[JSON] = []
    for regex, kind in ((_COMMAND_RE, "bot_command"), (_MENTION_RE, "mention")):
        for match in regex.finditer(text):
            entities.append(
                {
                    "type": kind,
                    "offset": utf16_len(text[: match.start()]),
                    "length": utf16_len(match.group(0)),
                }
            )
    entities.sort(key=lambda e: (e["offset"], -e["length"]))
    return entities


def _base_message(
    chat: JSON,
    from_user: JSON | None,
    *,
    message_id: int | None,
    date: int | None,
    sender_chat: JSON | None,
    reply_to: JSON | None,
) -> JSON:
    msg: JSON = {
        "message_id": message_id if message_id is not None else next(_message_ids),
        "date": date if date is not None else now(),
        "chat": chat,
    }
    if from_user is not None:
        msg["from"] = from_user
    if sender_chat is not None:
        msg["sender_chat"] = sender_chat
    if reply_to is not None:
        msg["reply_to_message"] = reply_to
    return msg


def message_dict(
    chat: JSON,
    from_user: JSON | None,
    text: str,
    *,
    reply_to: JSON | None = None,
    message_id: int | None = None,
    sender_chat: JSON | None = None,
    date: int | None = None,
) -> JSON:
    """The bare ``Message`` object (no update wrapper), with command/mention entities."""
    msg = _base_message(chat, from_user, message_id=message_id, date=date, sender_chat=sender_chat, reply_to=reply_to)
    msg["text"] = text
    entities = text_entities(text)
    if entities:
        msg["entities"] = entities
    return msg


def message(
    chat: JSON,
    from_user: JSON | None,
    text: str,
    *,
    reply_to: JSON | None = None,
    message_id: int | None = None,
    sender_chat: JSON | None = None,
    date: int | None = None,
) -> JSON:
    """A ``message`` update with a text message (``/cmd``, ``/cmd@Bot`` and ``@user`` get entities)."""
    return {
        "message": message_dict(
            chat,
            from_user,
            text,
            reply_to=reply_to,
            message_id=message_id,
            sender_chat=sender_chat,
            date=date,
        )
    }


def photo_upload(
    chat: JSON,
    from_user: JSON | None,
    sizes: list[JSON],
    *,
    caption: str | None = None,
    reply_to: JSON | None = None,
    message_id: int | None = None,
) -> JSON:
    """A ``message`` update with a photo the fake can serve (`sizes` as FakeBotApi.add_file returns
    them, small first)."""
    msg = _base_message(chat, from_user, message_id=message_id, date=None, sender_chat=None, reply_to=reply_to)
    msg["photo"] = sizes
    if caption is not None:
        msg["caption"] = caption
        entities = text_entities(caption)
        if entities:
            msg["caption_entities"] = entities
    return {"message": msg}


def document_message(chat: JSON, from_user: JSON | None, file: JSON, mime_type: str,
                     file_name: str = "soal.jpg") -> JSON:
    """A ``message`` update with a file (an image sent as a document keeps its full resolution)."""
    msg = _base_message(chat, from_user, message_id=None, date=None, sender_chat=None, reply_to=None)
    msg["document"] = {"file_id": file["file_id"], "file_unique_id": file["file_unique_id"],
                       "file_size": file["file_size"], "mime_type": mime_type, "file_name": file_name}
    return {"message": msg}


def edited_message(
    chat: JSON,
    from_user: JSON | None,
    text: str,
    *,
    message_id: int,
    date: int | None = None,
    edit_date: int | None = None,
    reply_to: JSON | None = None,
    sender_chat: JSON | None = None,
) -> JSON:
    """An ``edited_message`` update: the same message id with new text and an ``edit_date``."""
    msg = message_dict(
        chat,
        from_user,
        text,
        reply_to=reply_to,
        message_id=message_id,
        sender_chat=sender_chat,
        date=date if date is not None else now() - 1,
    )
    msg["edit_date"] = edit_date if edit_date is not None else now()
    return {"edited_message": msg}


def _file_ids_pair(prefix: str) -> tuple[str, str]:
    n = next(_file_ids)
    return f"{prefix}-file-{n}", f"{prefix}-uniq-{n}"


def sticker_message(
    chat: JSON,
    from_user: JSON | None,
    *,
    emoji: str = "👍",
    message_id: int | None = None,
    date: int | None = None,
    reply_to: JSON | None = None,
) -> JSON:
    """A ``message`` update carrying a static sticker (no text)."""
    msg = _base_message(chat, from_user, message_id=message_id, date=date, sender_chat=None, reply_to=reply_to)
    file_id, unique = _file_ids_pair("sticker")
    msg["sticker"] = {
        "file_id": file_id,
        "file_unique_id": unique,
        "width": 512,
        "height": 512,
        "is_animated": False,
        "is_video": False,
        "type": "regular",
        "emoji": emoji,
        "set_name": "FakeStickers",
    }
    return {"message": msg}


def photo_message(
    chat: JSON,
    from_user: JSON | None,
    *,
    caption: str | None = None,
    message_id: int | None = None,
    date: int | None = None,
    reply_to: JSON | None = None,
) -> JSON:
    """A ``message`` update carrying a photo (two sizes, like Telegram) and an optional caption."""
    msg = _base_message(chat, from_user, message_id=message_id, date=date, sender_chat=None, reply_to=reply_to)
    file_id, unique = _file_ids_pair("photo")
    msg["photo"] = [
        {"file_id": f"{file_id}-s", "file_unique_id": f"{unique}-s", "width": 90, "height": 90, "file_size": 1200},
        {"file_id": file_id, "file_unique_id": unique, "width": 800, "height": 800, "file_size": 64000},
    ]
    if caption is not None:
        msg["caption"] = caption
        entities = text_entities(caption)
        if entities:
            msg["caption_entities"] = entities
    return {"message": msg}


def voice_message(
    chat: JSON,
    from_user: JSON | None,
    *,
    duration: int = 3,
    message_id: int | None = None,
    date: int | None = None,
    reply_to: JSON | None = None,
) -> JSON:
    """A ``message`` update carrying a voice note."""
    msg = _base_message(chat, from_user, message_id=message_id, date=date, sender_chat=None, reply_to=reply_to)
    file_id, unique = _file_ids_pair("voice")
    msg["voice"] = {
        "file_id": file_id,
        "file_unique_id": unique,
        "duration": duration,
        "mime_type": "audio/ogg",
        "file_size": 4000,
    }
    return {"message": msg}


def callback_query(
    from_user: JSON,
    message_dict: JSON | None,
    data: str,
    *,
    id: str | None = None,
    inline_message_id: str | None = None,
) -> JSON:
    """A ``callback_query`` update: ``from_user`` pressed a button of ``message_dict``.

    ``message_dict`` is a ``Message`` object, e.g. the ``result`` of the fake's sendMessage call.
    """
    query: JSON = {
        "id": id if id is not None else f"cbq-{next(_query_ids)}",
        "from": from_user,
        "chat_instance": f"ci-{message_dict['chat']['id'] if message_dict else 0}",
        "data": data,
    }
    if message_dict is not None:
        query["message"] = message_dict
    if inline_message_id is not None:
        query["inline_message_id"] = inline_message_id
    return {"callback_query": query}


def poll_answer(poll_id: str, from_user: JSON, option_ids: list[int]) -> JSON:
    """A ``poll_answer`` update (only ever sent for non-anonymous polls; [] retracts the vote).

    Option persistent ids are the option indexes as strings, matching the fake's polls.
    """
    return {
        "poll_answer": {
            "poll_id": poll_id,
            "user": from_user,
            "option_ids": list(option_ids),
            "option_persistent_ids": [str(i) for i in option_ids],
        }
    }


def inline_query(from_user: JSON, query: str, id: str | None = None, *, offset: str = "") -> JSON:
    """An ``inline_query`` update (the user typed ``@bot query``)."""
    return {
        "inline_query": {
            "id": id if id is not None else f"iq-{next(_query_ids)}",
            "from": from_user,
            "query": query,
            "offset": offset,
        }
    }


def chat_member(member_user: JSON, status: str, *, is_anonymous: bool = False, until_date: int = 0) -> JSON:
    """A ``ChatMember`` object for ``status`` with every field PTB requires for that status."""
    if status == "creator":
        return {"status": "creator", "user": member_user, "is_anonymous": is_anonymous}
    if status == "administrator":
        return {
            "status": "administrator",
            "user": member_user,
            "can_be_edited": False,
            "is_anonymous": is_anonymous,
            "can_manage_chat": True,
            "can_delete_messages": True,
            "can_manage_video_chats": True,
            "can_restrict_members": True,
            "can_promote_members": False,
            "can_change_info": True,
            "can_invite_users": True,
            "can_post_stories": False,
            "can_edit_stories": False,
            "can_delete_stories": False,
            "can_pin_messages": True,
        }
    if status == "member":
        return {"status": "member", "user": member_user}
    if status == "restricted":
        flags = (
            "can_change_info can_invite_users can_pin_messages can_send_messages can_send_polls "
            "can_send_other_messages can_add_web_page_previews can_manage_topics can_send_audios "
            "can_send_documents can_send_photos can_send_videos can_send_video_notes "
            "can_send_voice_notes can_edit_tag can_react_to_messages"
        ).split()
        data: JSON = {"status": "restricted", "user": member_user, "is_member": True, "until_date": until_date}
        data.update(dict.fromkeys(flags, False))
        return data
    if status == "left":
        return {"status": "left", "user": member_user}
    if status == "kicked":
        return {"status": "kicked", "user": member_user, "until_date": until_date}
    raise ValueError(f"unknown chat member status: {status!r}")


def my_chat_member(
    chat: JSON,
    from_user: JSON,
    old_status: str,
    new_status: str,
    *,
    bot: JSON | None = None,
    date: int | None = None,
) -> JSON:
    """A ``my_chat_member`` update: ``from_user`` changed the bot's status in ``chat``.

    E.g. ("member", "kicked") in a private chat means the user blocked the bot;
    ("left", "member") in a group means the bot was added.
    """
    the_bot = bot if bot is not None else bot_user()
    return {
        "my_chat_member": {
            "chat": chat,
            "from": from_user,
            "date": date if date is not None else now(),
            "old_chat_member": chat_member(the_bot, old_status),
            "new_chat_member": chat_member(the_bot, new_status),
        }
    }


def migrate_message(old_group_chat: JSON, new_id: int, *, from_user: JSON | None = None) -> JSON:
    """The service message in the old group saying it became supergroup ``new_id``."""
    msg = _base_message(
        old_group_chat,
        from_user if from_user is not None else user(1, "Admin", language_code=None),
        message_id=None,
        date=None,
        sender_chat=None,
        reply_to=None,
    )
    msg["migrate_to_chat_id"] = new_id
    return {"message": msg}


def migrate_from_message(new_supergroup_chat: JSON, old_id: int, *, from_user: JSON | None = None) -> JSON:
    """The first service message in the new supergroup, pointing back at the old group."""
    msg = _base_message(
        new_supergroup_chat,
        from_user if from_user is not None else group_anonymous_bot(),
        message_id=1,
        date=None,
        sender_chat=new_supergroup_chat,
        reply_to=None,
    )
    msg["migrate_from_chat_id"] = old_id
    return {"message": msg}


def update_type(update: JSON) -> str:
    """The kind of an update dict ("message", "callback_query", …): its first non-id key."""
    for key in update:
        if key != "update_id":
            return key
    raise ValueError("empty update")
