"""A real SMTP server on 127.0.0.1 for the mail tests (aiosmtpd), and the settings that send the
app's mail to it.

    from ..smtp import serving

    @pytest.fixture
    def smtp_server(settings):
        with serving(settings) as mailbox:
            yield mailbox

    def test_…(smtp_server):
        …
        [message] = smtp_server.messages  # email.message.EmailMessage, parsed
"""

import contextlib
import email
import email.policy
import socket
import threading

from aiosmtpd.controller import Controller


class Mailbox:
    """The aiosmtpd handler: keeps every message received, parsed."""

    def __init__(self):
        self.messages: list[email.message.EmailMessage] = []
        self.envelopes: list[tuple[str, list[str]]] = []
        self._lock = threading.Lock()

    async def handle_DATA(self, server, session, envelope):
        message = email.message_from_bytes(envelope.content, policy=email.policy.default)
        with self._lock:
            self.messages.append(message)
            self.envelopes.append((envelope.mail_from, list(envelope.rcpt_tos)))
        return "250 OK"

    def to(self, address: str) -> list[email.message.EmailMessage]:
        return [m for m in self.messages if address in m["To"]]

    def clear(self):
        with self._lock:
            self.messages.clear()
            self.envelopes.clear()


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextlib.contextmanager
def serving(settings):
    """A server on a free port of 127.0.0.1 for the block; ``settings`` (pytest-django's
    fixture) sends the app's mail to it."""
    mailbox = Mailbox()
    controller = Controller(mailbox, hostname="127.0.0.1", port=_free_port())
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = controller.port
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
    try:
        yield mailbox
    finally:
        controller.stop()


def text_of(message: email.message.EmailMessage) -> str:
    return message.get_body(preferencelist=("plain",)).get_content()


def html_of(message: email.message.EmailMessage) -> str:
    return message.get_body(preferencelist=("html",)).get_content()


def header_of(message: email.message.EmailMessage, name: str) -> str:
    """A header as a mail program reads it (Django folds a long one right after the name)."""
    return " ".join(str(message[name] or "").split())


def subject_of(message: email.message.EmailMessage) -> str:
    return header_of(message, "Subject")
