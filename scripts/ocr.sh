#!/usr/bin/env bash
# Sourced by scripts/run-tests.sh: Tesseract 5 with its Indonesian and English data, and the DejaVu
# fonts the tests draw their synthetic photos with.
#
#   ocr_ensure   installs tesseract-ocr, tesseract-ocr-ind, tesseract-ocr-eng and fonts-dejavu-core with
#                apt-get when one is missing (as root); returns 1, with a notice, only when they cannot
#                be installed (the photo tests then skip, saying why).

ocr_notice() { printf '\n*** %s ***\n\n' "$*" >&2; }

ocr_ready() {
    command -v tesseract >/dev/null 2>&1 || return 1
    local langs
    langs=$(tesseract --list-langs 2>/dev/null) || return 1
    grep -qx ind <<<"$langs" && grep -qx eng <<<"$langs" && [ -f /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ]
}

ocr_ensure() {
    ocr_ready && return 0
    if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null 2>&1; then
        ocr_notice "SKIPPING the photo tests: Tesseract (tesseract-ocr, -ind, -eng) is missing and this user cannot apt-get it"
        return 1
    fi
    echo "Tesseract is not installed: installing it with apt-get (for the photo tests)" >&2
    export DEBIAN_FRONTEND=noninteractive
    if ! { apt-get update -qq >&2 && apt-get install -y -qq --no-install-recommends \
            tesseract-ocr tesseract-ocr-ind tesseract-ocr-eng fonts-dejavu-core >&2; }; then
        ocr_notice "SKIPPING the photo tests: Tesseract could not be installed"
        return 1
    fi
    ocr_ready || { ocr_notice "SKIPPING the photo tests: Tesseract installed but not usable"; return 1; }
}
