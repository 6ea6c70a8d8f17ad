# syntax=docker/dockerfile:1
# Tutor Diplomasi: the Telegram bot in a small image.
# Stage 1 fetches the locked dependencies (requirements.lock, hash-checked: the versions CI tested) as
# wheels and builds our own wheel (with content/ bundled as bot/content) without resolving anything;
# stage 2 installs them offline, without compilers or build tools, and runs as a non-root user.

FROM python:3.11-slim AS builder
ENV PIP_DISABLE_PIP_VERSION_CHECK=1 PIP_NO_CACHE_DIR=1
WORKDIR /src
COPY requirements.lock pyproject.toml setup.py MANIFEST.in README.md LICENSE ./
COPY bot ./bot
COPY content ./content
RUN pip wheel --require-hashes --wheel-dir /wheels -r requirements.lock \
    && pip wheel --no-deps --wheel-dir /wheels .

FROM python:3.11-slim
ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    DATABASE_URL=sqlite:////data/tutor.db \
    PORT=8080
# Tesseract 5 with Indonesian and English data reads photographed questions (bot/ocr.py); Debian's
# packages for the base image's release, so no version pin (the release fixes them).
# hadolint ignore=DL3008
RUN apt-get update \
    && apt-get install -y --no-install-recommends tesseract-ocr tesseract-ocr-ind tesseract-ocr-eng \
    && rm -rf /var/lib/apt/lists/*
RUN useradd --system --uid 10001 --user-group --home-dir /home/tutor --create-home --shell /usr/sbin/nologin tutor \
    && mkdir -p /data \
    && chown tutor:tutor /data
# Only the builder's wheels, --no-index: exactly the locked versions (nothing else is there to pick).
# hadolint ignore=DL3013
RUN --mount=type=bind,from=builder,source=/wheels,target=/wheels \
    pip install --no-cache-dir --no-index --find-links /wheels tutor-diplomasi
USER 10001:10001
WORKDIR /home/tutor
VOLUME ["/data"]
# Webhook mode listens here (WEBHOOK_URL set); in polling mode only /healthz, on 127.0.0.1.
EXPOSE 8080
# /healthz: 200 only while updates are fetched and handled, the database takes writes (and its file is
# still there), Telegram answers, the scheduler's lease is settled and broadcasts move; else 503.
HEALTHCHECK --interval=30s --timeout=10s --start-period=60s --retries=3 CMD ["python", "-m", "bot", "health"]
# SIGTERM (docker stop) finishes handlers in flight and the current broadcast batch, then exits 0.
STOPSIGNAL SIGTERM
CMD ["python", "-m", "bot", "run"]
