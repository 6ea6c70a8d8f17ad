"""sendPhoto and sendDocument for the fake Bot API, with Telegram's rules for uploads.

Multipart uploads arrive as {"file_name", "content_type", "size", "data"} (see FakeBotApi._read_params);
a string is a file_id sent before (or added with add_file). Enforced as Telegram does: captions up to
1024 characters after HTML parsing, photos up to 10 MB that are real images with width + height
at most 10000 and a side ratio at most 20, documents up to 50 MB.
"""

from __future__ import annotations

import struct
from typing import Any

from telegram.constants import FileSizeLimit, MessageLimit

JSON = dict[str, Any]
PHOTO_SIDES_MAX = 10_000
PHOTO_RATIO_MAX = 20


def image_size(data: bytes) -> tuple[int, int] | None:
    """(width, height) of a PNG or JPEG, None when it is neither."""
    if data[:8] == b"\x89PNG\r\n\x1a\n" and data[12:16] == b"IHDR":
        width, height = struct.unpack(">II", data[16:24])
        return width, height
    if data[:2] == b"\xff\xd8":
        i = 2
        while i + 9 < len(data):
            if data[i] != 0xFF:
                return None
            marker = data[i + 1]
            length = struct.unpack(">H", data[i + 2:i + 4])[0]
            if marker in (0xC0, 0xC1, 0xC2):
                height, width = struct.unpack(">HH", data[i + 5:i + 9])
                return width, height
            i += 2 + length
    return None


class MediaMethods:
    """Mixed into FakeBotApi: uploads are kept in `uploads` (method, chat id, file name, bytes)."""

    uploads: list[tuple[str, int, str, bytes]]
    _files: dict[str, tuple[str, bytes]]

    def _upload(self, params: JSON, field: str, method: str, chat_id: int) -> tuple[str, str, bytes]:
        """(file_id, file_name, bytes) of the uploaded or referenced file."""
        value = params.get(field)
        if isinstance(value, dict) and isinstance(value.get("data"), bytes):
            data: bytes = value["data"]
            if not data:
                raise self._bad_request("Bad Request: file must be non-empty")
            file_id = f"upload-{len(self._files) + 1}"
            name = str(value.get("file_name") or field)
            self._files[file_id] = (f"{field}s/{file_id}", data)
            self.uploads.append((method, chat_id, name, data))
            return file_id, name, data
        if isinstance(value, str) and value in self._files:
            path, data = self._files[value]
            return value, path.rsplit("/", 1)[-1], data
        raise self._bad_request(f"Bad Request: wrong remote file identifier specified: {field}")

    def _caption(self, params: JSON, msg: JSON) -> None:
        if params.get("caption") in (None, ""):
            return
        text, entities = self._formatted(  # type: ignore[attr-defined]
            params.get("caption"), params.get("parse_mode"), params.get("caption_entities"),
            limit=MessageLimit.CAPTION_LENGTH, empty="Bad Request: message caption is empty",
            long="Bad Request: message caption is too long",
        )
        msg["caption"] = text
        if entities:
            msg["caption_entities"] = entities

    def _bad_request(self, description: str) -> Exception:
        from tests.fakes.bot_api import ApiError

        return ApiError(400, description)

    async def _m_sendPhoto(self, params: JSON) -> JSON:
        chat_id = self._target_chat(params)  # type: ignore[attr-defined]
        self._check_markup(params.get("reply_markup"))  # type: ignore[attr-defined]
        file_id, _, data = self._upload(params, "photo", "sendPhoto", chat_id)
        if len(data) > FileSizeLimit.PHOTOSIZE_UPLOAD:
            raise self._bad_request("Bad Request: PHOTO_SAVE_FILE_INVALID")
        size = image_size(data)
        if size is None:
            raise self._bad_request("Bad Request: IMAGE_PROCESS_FAILED")
        width, height = size
        if width + height > PHOTO_SIDES_MAX or max(width, height) > PHOTO_RATIO_MAX * max(1, min(width, height)):
            raise self._bad_request("Bad Request: PHOTO_INVALID_DIMENSIONS")
        msg = self._new_message(chat_id, params)  # type: ignore[attr-defined]
        self._caption(params, msg)
        msg["photo"] = [{"file_id": file_id, "file_unique_id": f"u-{file_id}", "file_size": len(data),
                         "width": width, "height": height}]
        return self._deliver(chat_id, msg)  # type: ignore[attr-defined,no-any-return]

    async def _m_sendDocument(self, params: JSON) -> JSON:
        chat_id = self._target_chat(params)  # type: ignore[attr-defined]
        self._check_markup(params.get("reply_markup"))  # type: ignore[attr-defined]
        file_id, name, data = self._upload(params, "document", "sendDocument", chat_id)
        if len(data) > FileSizeLimit.FILESIZE_UPLOAD:
            raise self._bad_request("Bad Request: file is too big")
        msg = self._new_message(chat_id, params)  # type: ignore[attr-defined]
        self._caption(params, msg)
        msg["document"] = {"file_id": file_id, "file_unique_id": f"u-{file_id}", "file_name": name,
                           "file_size": len(data)}
        return self._deliver(chat_id, msg)  # type: ignore[attr-defined,no-any-return]
