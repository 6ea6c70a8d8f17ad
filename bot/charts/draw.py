"""Draw the pictures (class insight, student progress card, the bot for its owners) as PNG bytes.

Matplotlib's Agg backend is imported on the first render only, so start-up, the console tutor and
`ask` never pay for it. Renders are kept cheap on purpose (a render holds the GIL): fixed margins
instead of tight layouts, a handful of artists per panel, the calendar as one mesh, 100 dpi at
10.8 inches wide (1080 px, readable on a phone) and fast PNG compression. Colours are the Okabe-Ito
palette, which colour-blind readers tell apart.
"""

from __future__ import annotations

import io
import logging
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from bot.charts.records import BotPicture, ClassPicture, ReviewBoxes, StudentPicture, TopicScore
from bot.core.i18n import t

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

WIDTH_INCHES = 10.8
DPI = 100
PNG_COMPRESS_LEVEL = 2  # zlib's default 6 costs ~25% more time for the same size on flat charts
MAX_TOPICS = 8  # bars per topic panel; the rest are in the text beside the picture
LABEL_CHARS = 34

# From Okabe & Ito (2008), "Color Universal Design"
ORANGE = "#E69F00"
GREEN = "#009E73"
BLUE = "#0072B2"
VERMILLION = "#D55E00"
GREY = "#DDDDDD"
INK = "#222222"

_STYLE = {
    "font.size": 15,
    "text.hinting": "no_hinting",  # ~15% faster glyphs; at 100 dpi and this size no visible loss
    "text.parse_math": False,  # names and questions are drawn literally ('$' is no math mode)
    "axes.titlesize": 17,
    "axes.titleweight": "bold",
    "axes.titlelocation": "left",
    "axes.titley": 1.03,  # a fixed title place: the automatic one measures every tick label each draw
    "axes.titlepad": 0.0,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.edgecolor": "#888888",
    "text.color": INK,
    "axes.labelcolor": INK,
    "xtick.color": INK,
    "ytick.color": INK,
}


def _pyplot_free_figure(height: float) -> Figure:
    """A Figure on the Agg canvas without pyplot (no global state, nothing to close)."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    figure = Figure(figsize=(WIDTH_INCHES, height), dpi=DPI)
    FigureCanvasAgg(figure)
    return figure


def warm_up() -> None:
    """Import matplotlib and load the fonts once (a worker's initializer), so the first real render is fast."""
    logging.getLogger("matplotlib.font_manager").setLevel(logging.ERROR)
    render(StudentPicture(name="-", topics=(TopicScore("-", 1, 1),), active_days=frozenset(),
                          last_day=date(2000, 1, 1), window_days=30, boxes=ReviewBoxes(), streak=0), "id")


def _short(text: str, limit: int = LABEL_CHARS) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def render(picture: ClassPicture | StudentPicture | BotPicture, lang: str) -> bytes:
    """The picture as PNG bytes (1080 px wide)."""
    import matplotlib

    with matplotlib.rc_context(_STYLE):  # type: ignore[arg-type]  # keys checked by matplotlib at run time
        if isinstance(picture, ClassPicture):
            figure = _class_figure(picture, lang)
        elif isinstance(picture, StudentPicture):
            figure = _student_figure(picture, lang)
        elif isinstance(picture, BotPicture):
            figure = _bot_figure(picture, lang)
        else:
            raise TypeError(f"cannot draw {type(picture).__name__}")
        out = io.BytesIO()
        figure.savefig(out, format="png", dpi=DPI, pil_kwargs={"compress_level": PNG_COMPRESS_LEVEL})
    return out.getvalue()


# ------------------------------------------------------------------------------------------ panels


def _empty(ax: Axes, lang: str) -> None:
    ax.text(0.5, 0.5, t("chart.no_data", lang), ha="center", va="center", color="#777777",
            transform=ax.transAxes)
    ax.set_xticks([])
    ax.set_yticks([])


def _topic_bars(ax: Axes, topics: tuple[TopicScore, ...], lang: str) -> None:
    """Horizontal bars of accuracy per topic, in the given order (top to bottom)."""
    ax.set_title(t("chart.topic_accuracy", lang))
    shown = topics[:MAX_TOPICS]
    if not shown:
        _empty(ax, lang)
        return
    positions = list(range(len(shown)))[::-1]
    values = [topic.accuracy for topic in shown]
    colours = [VERMILLION if v < 50 else ORANGE if v < 75 else GREEN for v in values]
    ax.barh(positions, values, color=colours, height=0.65)
    ax.set_yticks(positions, [_short(topic.name, 26) for topic in shown])
    ax.set_xlim(0, 125)
    ax.set_xticks([])
    for y, topic in zip(positions, shown, strict=True):
        ax.text(topic.accuracy + 1.5, y, f"{topic.accuracy}% ({topic.correct}/{topic.answered})",
                va="center", fontsize=12)


def _box_bars(ax: Axes, boxes: ReviewBoxes, lang: str, title: str) -> None:
    ax.set_title(title)
    labels = [t("chart.box_new", lang), t("chart.box_learning", lang), t("chart.box_learned", lang)]
    values = [boxes.new, boxes.learning, boxes.learned]
    ax.bar([0, 1, 2], values, color=[VERMILLION, ORANGE, GREEN], width=0.6)
    ax.set_xticks([0, 1, 2], labels)
    top = max(values) or 1
    ax.set_ylim(0, top * 1.25)
    ax.set_yticks([])
    for x, value in enumerate(values):
        ax.text(x, value + top * 0.03, str(value), ha="center", fontsize=14, fontweight="bold")


def _day_bars(ax: Axes, days: list[Any], values: list[int], colour: str, title: str, lang: str) -> None:
    ax.set_title(title)
    if not days:
        _empty(ax, lang)
        return
    positions = list(range(len(days)))
    ax.bar(positions, values, color=colour, width=0.7)
    step = max(1, len(days) // 7)
    ticks = positions[::-1][::step][::-1]
    ax.set_xticks(ticks, [f"{days[i]:%d/%m}" for i in ticks], fontsize=12)
    top = max(values, default=0)
    ax.set_ylim(0, max(1, top) * 1.2)
    if len(days) <= 10:  # few bars: the values on them, no y axis
        ax.set_yticks([])
        for x, value in zip(positions, values, strict=True):
            ax.text(x, value + max(1, top) * 0.03, str(value), ha="center", fontsize=13)
    else:
        ax.set_yticks([0, top] if top else [0])


# ------------------------------------------------------------------------------------------ figures


def _band(figure: Figure, top: float, bottom: float, *, left: float = 0.06, columns: int = 1,
          width_ratios: list[float] | None = None) -> Any:
    """A row of panels between `top` and `bottom` (figure fractions) with fixed margins: no layout engine."""
    return figure.add_gridspec(1, columns, left=left, right=0.97, top=top, bottom=bottom, wspace=0.25,
                               width_ratios=width_ratios)


LABELLED_LEFT = 0.33  # room for topic names and questions left of their bars


def _class_figure(picture: ClassPicture, lang: str) -> Figure:
    figure = _pyplot_free_figure(13.0)
    figure.suptitle(t("chart.class_title", lang, title=picture.title, students=picture.students),
                    x=0.03, y=0.985, ha="left", fontsize=20, fontweight="bold")
    top = _band(figure, 0.9, 0.7, columns=2, width_ratios=[1.7, 1.0])
    _day_bars(figure.add_subplot(top[0, 0]), [d.day for d in picture.participation],
              [d.count for d in picture.participation], BLUE, t("chart.participation", lang), lang)
    _box_bars(figure.add_subplot(top[0, 1]), picture.backlog, lang, t("chart.backlog", lang))
    _topic_bars(figure.add_subplot(_band(figure, 0.61, 0.32, left=LABELLED_LEFT)[0, 0]), picture.topics, lang)
    missed = figure.add_subplot(_band(figure, 0.25, 0.03, left=LABELLED_LEFT)[0, 0])
    missed.set_title(t("chart.missed", lang))
    if not picture.missed:
        _empty(missed, lang)
        return figure
    shown = picture.missed[:5]
    positions = list(range(len(shown)))[::-1]
    rates = [round(100 * q.wrong / q.answered) if q.answered else 0 for q in shown]
    missed.barh(positions, rates, color=VERMILLION, height=0.6)
    missed.set_yticks(positions, [f"{i}. {_short(q.label, 27)}" for i, q in enumerate(shown, 1)], fontsize=13)
    missed.set_xlim(0, 125)
    missed.set_xticks([])
    for y, rate, question in zip(positions, rates, shown, strict=True):
        missed.text(rate + 1.5, y, f"{rate}% ({question.wrong}/{question.answered})", va="center", fontsize=12)
    return figure


def _student_figure(picture: StudentPicture, lang: str) -> Figure:
    figure = _pyplot_free_figure(11.0)
    figure.suptitle(t("chart.student_title", lang, name=picture.name), x=0.03, y=0.98, ha="left",
                    fontsize=20, fontweight="bold")
    _topic_bars(figure.add_subplot(_band(figure, 0.88, 0.5, left=LABELLED_LEFT)[0, 0]), picture.topics, lang)
    bottom = _band(figure, 0.4, 0.07, columns=2, width_ratios=[1.2, 1.0])
    _calendar(figure.add_subplot(bottom[0, 0]), picture, lang)
    _box_bars(figure.add_subplot(bottom[0, 1]), picture.boxes, lang, t("chart.review_boxes", lang))
    return figure


def _calendar(ax: Axes, picture: StudentPicture, lang: str) -> None:
    """The last `window_days` days as a week-by-week grid (one mesh): filled = answered that day."""
    import numpy as np
    from matplotlib.colors import ListedColormap

    ax.set_title(t("chart.calendar", lang, days=picture.window_days, streak=picture.streak))
    first = picture.last_day - timedelta(days=picture.window_days - 1)
    start = first - timedelta(days=first.weekday())  # the Monday of the first week
    weeks = (picture.last_day - start).days // 7 + 1
    cells = np.zeros((weeks, 7))  # 0 outside the window, 1 no answer, 2 answered
    for offset in range((picture.last_day - start).days + 1):
        day = start + timedelta(days=offset)
        if day >= first:
            cells[offset // 7, offset % 7] = 2 if day in picture.active_days else 1
    ax.pcolormesh(cells, cmap=ListedColormap(["white", GREY, GREEN]), vmin=0, vmax=2,
                  edgecolors="white", linewidth=3)
    ax.set_xticks([i + 0.5 for i in range(7)], t("chart.weekdays", lang).split())
    ax.set_yticks([])
    ax.invert_yaxis()
    ax.set_aspect("equal")
    for side in ("left", "bottom"):
        ax.spines[side].set_visible(False)
    ax.tick_params(length=0)


def _bot_figure(picture: BotPicture, lang: str) -> Figure:
    figure = _pyplot_free_figure(12.0)
    figure.subplots_adjust(left=0.08, right=0.97, top=0.91, bottom=0.05, hspace=0.45)
    title = t("chart.bot_title", lang, days=len(picture.days))
    if picture.stale_facts is not None:
        title += "  ·  " + t("chart.stale", lang, count=picture.stale_facts)
    figure.suptitle(title, x=0.03, ha="left", fontsize=19, fontweight="bold")
    days = list(picture.days)
    panels = figure.subplots(3, 1)
    _day_bars(panels[0], days, list(picture.active_chats), BLUE, t("chart.active_chats", lang), lang)
    _day_bars(panels[1], days, list(picture.answers), GREEN, t("chart.answers", lang), lang)
    _day_bars(panels[2], days, list(picture.unanswered), ORANGE, t("chart.unanswered", lang), lang)
    return figure
