"""Workflow events as structured lines on stdout: one JSON object per line with the event's name,
the acting user's id and the ids of the objects involved (never names or other personal data).

Approval of orders, imports, backup and restore, anonymisation and the year's turn write here, so
an operator can follow them with ``journalctl``/``grep`` or ship them to a log store.
"""

import datetime
import json
import logging

logger = logging.getLogger("mentoring.events")


class JsonLineFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        line = {
            "time": datetime.datetime.fromtimestamp(record.created, datetime.UTC).isoformat(
                timespec="seconds"
            ),
            "level": record.levelname.lower(),
            "event": record.getMessage(),
            **getattr(record, "fields", {}),
        }
        return json.dumps(line, ensure_ascii=False, default=str)


def record(event: str, *, by=None, **ids) -> None:
    """``record("order.approved", by=user, order=order.pk, school=order.school_id)``."""
    fields = {"user": getattr(by, "pk", by), **ids}
    logger.info(event, extra={"fields": fields})
