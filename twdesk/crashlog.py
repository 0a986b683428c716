"""Log file and crash reports. No Qt. Personal numbers never reach the log.

ID numbers and phone numbers are masked in every log line and crash report, whatever code
logged them, by the formatter itself (core/masking.mask_text, the masker the exports use).
"""

from __future__ import annotations

import logging
import logging.handlers
import platform
import sys
import traceback
from datetime import datetime
from pathlib import Path
from types import TracebackType

from twdesk import __version__
from twdesk.core.masking import mask_text
from twdesk.paths import log_dir

LOG_NAME = "twdesk.log"


class MaskingFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        return mask_text(super().format(record))


def setup_logging(level: int = logging.INFO) -> Path:
    """Log to a rotating file in the data folder; returns its path. Safe to call twice."""
    path = log_dir() / LOG_NAME
    root = logging.getLogger()
    if not any(getattr(h, "_twdesk", False) for h in root.handlers):
        handler = logging.handlers.RotatingFileHandler(
            path, maxBytes=2_000_000, backupCount=3, encoding="utf-8"
        )
        handler.setFormatter(MaskingFormatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
        handler._twdesk = True  # type: ignore[attr-defined]
        root.addHandler(handler)
        root.setLevel(level)
    return path


def format_crash_report(
    exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None
) -> str:
    """A report a user can copy into a message: versions, time, the masked traceback."""
    lines = [
        f"twdesk {__version__} 错误报告",
        f"时间：{datetime.now():%Y-%m-%d %H:%M:%S}",
        f"系统：{platform.platform()}；Python {platform.python_version()}",
        "",
        "".join(traceback.format_exception(exc_type, exc, tb)).rstrip(),
    ]
    return mask_text("\n".join(lines))


def log_exception(
    exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None
) -> str:
    """Write the masked report to the log and return it."""
    report = format_crash_report(exc_type, exc, tb)
    setup_logging()
    logging.getLogger("twdesk.crash").error("未处理的异常\n%s", report)
    return report


def install_excepthook() -> None:
    """For the command line: log uncaught exceptions; the GUI installs its own dialog hook."""
    previous = sys.excepthook

    def hook(exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
        log_exception(exc_type, exc, tb)
        previous(exc_type, exc, tb)

    sys.excepthook = hook
