from .monthly import MonthlyReport, MonthlyReportEvent
from .names import NameOverride, decliner_for
from .orders import Order, OrderEvent
from .outgoing import OutgoingDocument
from .regulation import Regulation
from .reminders import NotificationSettings, ReminderKind, SentReminder

__all__ = [
    "MonthlyReport",
    "MonthlyReportEvent",
    "NameOverride",
    "decliner_for",
    "Order",
    "OrderEvent",
    "OutgoingDocument",
    "Regulation",
    "NotificationSettings",
    "ReminderKind",
    "SentReminder",
]
