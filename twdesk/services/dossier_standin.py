"""STAND-IN for `twdesk.services.dossier` (issue 12), used only while that module is absent.

The dossier itself is written on another branch; this keeps the batch, the command and the GUI
working (and testable) on the batch branch until it is merged. `dossier_batch.dossier_api()`
picks the real module whenever it exists. DELETE THIS FILE once `twdesk.services.dossier` is
merged (nothing else imports it).
"""

from __future__ import annotations

import re
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from twdesk.core.errors import UserError
from twdesk.db.models import Person
from twdesk.output import write_output


def dossier_file_name(station: str, name: str, year: int, id_last4: str | None = None) -> str:
    """`站名_姓名_年度.pdf`; a namesake gets the last four digits of the ID number."""
    stem = f"{station}_{name}{'_' + id_last4 if id_last4 else ''}_{year}"
    return re.sub(r'[\\/:*?"<>|]', "_", stem) + ".pdf"


def write_dossier(
    session: Session,
    person_id: str,
    year: int,
    path: Path,
    *,
    term: bool = False,
    overwrite: bool = False,
) -> int:
    """One page with the name: a placeholder for the real dossier."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen.canvas import Canvas

    from twdesk.reports.fonts import register_fonts

    name = session.scalar(select(Person.name).where(Person.id == person_id))
    if name is None:
        raise UserError("找不到这位代表（可能已被删除）。")
    font = register_fonts()

    def write(tmp: Path) -> int:
        canvas = Canvas(str(tmp), pagesize=A4)
        canvas.setFont(font, 20)
        canvas.drawString(72, 760, f"团代表履职档案 {name} {'本届' if term else year}")
        canvas.showPage()
        canvas.save()
        return 1

    return write_output(path, write, overwrite=overwrite)
