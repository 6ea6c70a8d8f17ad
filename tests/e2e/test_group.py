"""Groups end to end: speak only when addressed, admins-only settings, membership, migration."""

from __future__ import annotations

import pytest

from bot.services import services_of
from tests.e2e.harness import Bot
from tests.fakes import updates as U

pytestmark = pytest.mark.e2e

BUDI = U.user(111, "Budi")
GURU = U.user(500, "Bu Guru")
GROUP = U.group_chat(-5001, "Kelas 9A")
BOT = U.bot_user()


async def test_tanya_mention_and_reply_are_answered_as_replies(tutor_bot: Bot) -> None:
    asked = await tutor_bot.say(BUDI, "/tanya apa itu ASEAN?", chat=GROUP)
    assert "ASEAN" in asked.text and asked.params["reply_parameters"]["message_id"]
    mentioned = await tutor_bot.say(BUDI, "@TutorDiplomasiBot apa itu PBB?", chat=GROUP)
    assert "PBB" in mentioned.text
    replied = await tutor_bot.say(BUDI, "kalau OKI itu apa?", chat=GROUP, reply_to=mentioned.result)
    assert "OKI" in replied.text or "Organisasi" in replied.text
    empty = await tutor_bot.say(BUDI, "/tanya", chat=GROUP)
    assert "/tanya apa itu ASEAN" in empty.text


async def test_chatter_and_other_bots_commands_are_ignored(tutor_bot: Bot) -> None:
    mark = tutor_bot.api.mark()
    for text in ("apa itu ASEAN?", "besok ulangan ya", "/kuis@OtherBot", "/tanya@OtherBot apa itu PBB",
                 "@someone_else apa itu PBB"):
        await tutor_bot.processed(U.message(GROUP, BUDI, text))
    await tutor_bot.processed(U.sticker_message(GROUP, BUDI))
    reply_to_human = U.message_dict(GROUP, U.user(7, "Teman"), "halo")
    await tutor_bot.processed(U.message(GROUP, BUDI, "apa itu PBB", reply_to=reply_to_human))
    assert tutor_bot.texts_to(GROUP["id"], since=mark) == []
    assert not tutor_bot.api.calls_of("sendPoll", since=mark)


async def test_group_language_is_for_admins_only(tutor_bot: Bot) -> None:
    api = tutor_bot.api
    api.set_admins(GROUP["id"], [GURU["id"]])
    refused = await tutor_bot.say(BUDI, "/bahasa en", chat=GROUP)
    assert "hanya admin" in refused.text
    done = await tutor_bot.say(GURU, "/bahasa en", chat=GROUP)
    assert "English" in done.text
    helped = await tutor_bot.say(BUDI, "/help", chat=GROUP)
    assert "commands" in helped.text
    # An anonymous admin writes as the group itself.
    anon = U.message(GROUP, U.group_anonymous_bot(), "/bahasa id", sender_chat=GROUP)
    back = await tutor_bot.send(anon, chat_id=GROUP["id"])
    assert "Bahasa Indonesia" in back.text
    # A channel posting into the group is not an admin.
    channel = {"id": -100777, "type": "channel", "title": "Kanal"}
    refused = await tutor_bot.send(U.message(GROUP, U.user(136817688, "Channel", is_bot=True), "/bahasa en",
                                             sender_chat=channel), chat_id=GROUP["id"])
    assert "hanya admin" in refused.text


async def test_private_language_choice_by_button(tutor_bot: Bot) -> None:
    picker = await tutor_bot.say(BUDI, "/bahasa")
    data = [b["callback_data"] for row in picker.params["reply_markup"]["inline_keyboard"] for b in row]
    assert data == ["l:id", "l:en"]
    assert "tetap berbahasa Indonesia" in picker.text  # where the language is chosen: answers stay Indonesian
    chosen = await tutor_bot.send(U.callback_query(BUDI, picker.result, "l:en"), chat_id=BUDI["id"])
    assert "English" in chosen.text and "Answers and quiz questions stay in Indonesian" in chosen.text
    start = await tutor_bot.say(BUDI, "/start")
    assert "I'm" in start.text


async def run_intro(tutor_bot: Bot, chat_id: int) -> list[str]:
    """Run the pending introduction job now (it waits a few seconds for migration messages) and
    return what the bot sent to the chat."""
    jobs = [j for j in tutor_bot.app.job_queue.jobs() if j.name == f"intro:{chat_id}"]
    assert len(jobs) == 1
    jobs[0].schedule_removal()
    mark = tutor_bot.api.mark()
    await jobs[0].run(tutor_bot.app)
    return tutor_bot.texts_to(chat_id, since=mark)


async def test_added_to_group_introduces_once_and_removal_deactivates(tutor_bot: Bot) -> None:
    await tutor_bot.processed(U.my_chat_member(GROUP, GURU, "left", "member"))
    [intro] = await run_intro(tutor_bot, GROUP["id"])
    assert "/harian" in intro and "@TutorDiplomasiBot" in intro
    mark = tutor_bot.api.mark()
    await tutor_bot.processed(U.my_chat_member(GROUP, GURU, "member", "administrator"))
    assert tutor_bot.texts_to(GROUP["id"], since=mark) == []
    assert not [j for j in tutor_bot.app.job_queue.jobs() if j.name == f"intro:{GROUP['id']}"]
    store = services_of(tutor_bot.app).store
    assert (await store.get_chat(GROUP["id"])).active
    await tutor_bot.processed(U.my_chat_member(GROUP, GURU, "administrator", "kicked"))
    assert not (await store.get_chat(GROUP["id"])).active
    await tutor_bot.processed(U.my_chat_member(U.private_chat(BUDI), BUDI, "member", "kicked"))
    assert not (await store.get_chat(BUDI["id"])).active


async def test_migration_moves_the_group_and_its_scores(tutor_bot: Bot) -> None:
    api = tutor_bot.api
    store = services_of(tutor_bot.app).store
    api.set_admins(GROUP["id"], [GURU["id"]])
    await tutor_bot.say(GURU, "/bahasa en", chat=GROUP)
    new_id = -1005001
    api.migrate(GROUP["id"], new_id)
    await tutor_bot.processed(U.migrate_message(GROUP, new_id))
    await tutor_bot.processed(U.migrate_from_message(U.group_chat(new_id, "Kelas 9A", "supergroup"), GROUP["id"]))
    old, new = await store.get_chat(GROUP["id"]), await store.get_chat(new_id)
    assert old.migrated_to == new_id and not old.active
    assert new.language == "en"
    helped = await tutor_bot.say(BUDI, "/help", chat=U.group_chat(new_id, "Kelas 9A", "supergroup"))
    assert "commands" in helped.text


async def test_an_upgraded_group_is_not_introduced_again(tutor_bot: Bot) -> None:
    await tutor_bot.processed(U.my_chat_member(GROUP, GURU, "left", "member"))
    assert len(await run_intro(tutor_bot, GROUP["id"])) == 1
    new_id = -1005002
    supergroup = U.group_chat(new_id, "Kelas 9A", "supergroup")
    tutor_bot.api.migrate(GROUP["id"], new_id)
    # Telegram may report the bot "added" to the new supergroup before the migration messages.
    await tutor_bot.processed(U.my_chat_member(supergroup, GURU, "left", "member"))
    await tutor_bot.processed(U.migrate_message(GROUP, new_id))
    await tutor_bot.processed(U.migrate_from_message(supergroup, GROUP["id"]))
    assert await run_intro(tutor_bot, new_id) == []
    # A supergroup that was never a group of ours is introduced as usual.
    other = U.group_chat(-1009999, "Kelas 9B", "supergroup")
    await tutor_bot.processed(U.my_chat_member(other, GURU, "left", "member"))
    assert len(await run_intro(tutor_bot, other["id"])) == 1


async def test_language_buttons_in_a_group_are_checked_with_telegram(tutor_bot: Bot) -> None:
    anonymous_admin = U.user(501, "Pak Admin")
    tutor_bot.api.set_admins(GROUP["id"], [GURU["id"]], anonymous=[anonymous_admin["id"]])
    # The anonymous admin asks as the group; the button press then comes from the real account.
    picker = await tutor_bot.send(U.message(GROUP, U.group_anonymous_bot(), "/bahasa", sender_chat=GROUP),
                                  chat_id=GROUP["id"])
    refused = await tutor_bot.send(U.callback_query(BUDI, picker.result, "l:en"), chat_id=GROUP["id"])
    assert "hanya admin" in refused.text
    store = services_of(tutor_bot.app).store
    assert (await store.get_chat(GROUP["id"])).language is None
    chosen = await tutor_bot.send(U.callback_query(anonymous_admin, picker.result, "l:en"), chat_id=GROUP["id"])
    assert "English" in chosen.text
    assert (await store.get_chat(GROUP["id"])).language == "en"
    assert tutor_bot.api.calls_of("getChatMember")  # asked Telegram, not a local list
