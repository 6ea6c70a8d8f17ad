"""Pictures: class insight, the student progress card and the owners' bot activity, as PNG bytes.

`records` holds the plain data they show, `draw` draws them (matplotlib, imported lazily) and
`worker` renders them in a separate process so the event loop keeps answering students meanwhile.
Importing this package does not import matplotlib.
"""

from bot.charts.records import (
    BotPicture,
    ClassPicture,
    DayCount,
    MissedQuestion,
    ReviewBoxes,
    StudentPicture,
    TopicScore,
)
from bot.charts.worker import Renderer, renderer_of

__all__ = [
    "BotPicture",
    "ClassPicture",
    "DayCount",
    "MissedQuestion",
    "Renderer",
    "ReviewBoxes",
    "StudentPicture",
    "TopicScore",
    "renderer_of",
]
