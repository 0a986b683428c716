"""What every new database starts with: the editable lists and the default evaluation scheme."""

from __future__ import annotations

import json

from sqlalchemy import Connection, insert

from twdesk.core import default_scheme
from twdesk.core.vocab import DEFAULT_LOOKUPS
from twdesk.db.base import new_id, now
from twdesk.db.models import EvalBonusItem, EvalIndicator, EvalScheme, EvalVetoItem, LookupValue


def seed_defaults(conn: Connection, office_id: str) -> str:
    """Insert default lookup lists and the default scheme; returns the scheme id."""
    stamp = now()
    common = {"origin_office_id": office_id, "created_at": stamp, "updated_at": stamp}
    conn.execute(
        insert(LookupValue),
        [
            {
                "id": new_id(),
                "kind": str(kind),
                "name": name,
                "sort_order": i,
                "active": True,
                **common,
            }
            for kind, names in DEFAULT_LOOKUPS.items()
            for i, name in enumerate(names)
        ],
    )
    scheme_id = new_id()
    conn.execute(
        insert(EvalScheme), [{"id": scheme_id, "name": default_scheme.SCHEME_NAME, **common}]
    )
    conn.execute(
        insert(EvalIndicator),
        [
            {
                "id": new_id(),
                "scheme_id": scheme_id,
                "seq": ind.seq,
                "name": ind.name,
                "points": float(ind.points),
                "rule_key": ind.rule_key,
                "rule_params": json.dumps(ind.params, ensure_ascii=False),
                "description": ind.description,
                **common,
            }
            for ind in default_scheme.INDICATORS
        ],
    )
    conn.execute(
        insert(EvalBonusItem),
        [
            {
                "id": new_id(),
                "scheme_id": scheme_id,
                "seq": i,
                "name": name,
                "points": pts,
                **common,
            }
            for i, (name, pts) in enumerate(default_scheme.BONUS_ITEMS, 1)
        ],
    )
    conn.execute(
        insert(EvalVetoItem),
        [
            {"id": new_id(), "scheme_id": scheme_id, "seq": i, "description": text, **common}
            for i, text in enumerate(default_scheme.VETO_ITEMS, 1)
        ],
    )
    return scheme_id
