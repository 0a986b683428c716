"""A stand-in `write_dossier` for the batch tests: a small real PDF (two pages with the name),
importable by the batch's spawned worker processes. Delegates whose id is listed in
TWDESK_TEST_FAIL_IDS fail with a UserError (the variable reaches the workers too)."""

from __future__ import annotations

import os
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from twdesk.core.errors import UserError
from twdesk.db.models import Person
from twdesk.output import write_output

FAIL_IDS = "TWDESK_TEST_FAIL_IDS"
PAGES = 2


def write_dossier(
    session: Session,
    person_id: str,
    year: int,
    path: Path,
    *,
    term: bool = False,
    overwrite: bool = False,
) -> int:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen.canvas import Canvas

    from twdesk.reports.fonts import register_fonts

    name = session.scalar(select(Person.name).where(Person.id == person_id))
    if person_id in os.environ.get(FAIL_IDS, "").split(","):
        raise UserError(f"测试故障：{name}的记录无法读取")
    font = register_fonts()

    def write(tmp: Path) -> int:
        canvas = Canvas(str(tmp), pagesize=A4)
        for page in range(1, PAGES + 1):
            canvas.setFont(font, 16)
            canvas.drawString(72, 760, f"{name} {year}{'本届' if term else ''} 第{page}页")
            canvas.showPage()
        canvas.save()
        return PAGES

    return write_output(path, write, overwrite=overwrite)
