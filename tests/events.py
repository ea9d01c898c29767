"""The workflow events (mentoring/events.py) a test wrote, read back from their JSON lines."""

import json
import logging

import pytest

from mentoring.events import JsonLineFormatter


class _Lines(logging.Handler):
    def __init__(self):
        super().__init__(logging.INFO)
        self.setFormatter(JsonLineFormatter())
        self.lines: list[str] = []

    def emit(self, record):
        self.lines.append(self.format(record))


class EventLog:
    def __init__(self, handler: _Lines):
        self._handler = handler

    @property
    def lines(self) -> list[dict]:
        return [json.loads(line) for line in self._handler.lines]

    def named(self, event: str) -> list[dict]:
        return [line for line in self.lines if line["event"] == event]


@pytest.fixture
def events_log():
    logger = logging.getLogger("mentoring.events")
    handler = _Lines()
    logger.addHandler(handler)
    try:
        yield EventLog(handler)
    finally:
        logger.removeHandler(handler)
