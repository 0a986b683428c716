"""What the evaluation pages and dialogs share: colours, score parsing, the rule-kind names."""

from __future__ import annotations

import re
from collections.abc import Callable
from decimal import Decimal, InvalidOperation

from PySide6.QtCore import QCoreApplication, QRegularExpression
from PySide6.QtGui import QColor, QRegularExpressionValidator
from PySide6.QtWidgets import QLineEdit

from twdesk.core.errors import Cancelled
from twdesk.core.evaluation_rules import RuleKind

OVERRIDE_BG = QColor("#fff1c2")  # a stage score other than the suggestion
TIE_BG = QColor("#ffe0e0")  # tied at the 优秀 quota line, undecided
TIE_FG = QColor("#b3261e")
SUGGESTED_FG = QColor("#6b6b6b")  # a suggestion shown where the stage has no score yet
EXCELLENT_BG = QColor("#e8f5e9")  # the 优秀 places, above the quota line
QUOTA_LINE = QColor("#1b5e20")
LOCKED_STYLE = (
    "#lockedBanner { color: #5d4037; background: #efebe9; border: 1px solid #bcaaa4;"
    " border-radius: 4px; padding: 6px; font-weight: bold; }"
)

_SCORE = re.compile(r"^\d{1,3}(\.\d)?$")


def tr(text: str) -> str:
    return QCoreApplication.translate("", text)  # pyside6-lupdate files a bare tr() under ""


def stage_text(stage: object) -> str:
    """A stage (stored as 自评 / 组织评价 / 复核) in the interface language."""
    names = {
        "自评": tr("自评"),
        "组织评价": tr("组织评价"),
        "复核": tr("复核"),
        "未评": tr("未评"),
        "往年结果": tr("往年结果"),
    }
    return names.get(str(stage), str(stage))


def grade_text(grade: object) -> str:
    """A grade (stored as 优秀 / 称职 / 基本称职 / 不称职) in the interface language."""
    names = {
        "优秀": tr("优秀"),
        "称职": tr("称职"),
        "基本称职": tr("基本称职"),
        "不称职": tr("不称职"),
    }
    return names.get(str(grade), str(grade))


KIND_LABELS: dict[RuleKind, str] = {
    RuleKind.PER_ITEM: tr("按项计分（封顶）"),
    RuleKind.RATIO: tr("按比例"),
    RuleKind.THRESHOLD: tr("达标得分"),
    RuleKind.MANUAL: tr("手工评定"),
}


def score_field(width: int = 64) -> QLineEdit:
    """A score typed by keyboard: digits and one decimal (``7.5``), blank for none."""
    field = QLineEdit()
    field.setValidator(QRegularExpressionValidator(QRegularExpression(r"\d{0,3}(\.\d?)?")))
    field.setMaximumWidth(width)
    return field


def parse_score(text: str) -> Decimal | None:
    """The typed score (None for blank); ValueError for what is not a score."""
    text = text.strip().rstrip(".")
    if not text:
        return None
    if not _SCORE.match(text):
        raise ValueError(text)
    try:
        return Decimal(text)
    except InvalidOperation as exc:  # pragma: no cover - the pattern already checked
        raise ValueError(text) from exc


def cancellable(
    progress: Callable[[int, int], None], cancelled: Callable[[], bool]
) -> Callable[[int, int], None]:
    """A progress callback that stops the work (and rolls back its transaction) on Cancel."""

    def step(done: int, total: int) -> None:
        progress(done, total)
        if cancelled():
            raise Cancelled

    return step
