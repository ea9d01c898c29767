"""Reminders by e-mail and on the dashboard.

Each module of a kind (``roadmap``, ``monthly``, ``surveys``, ``meetings``, ``digest``) has
``collect(day, schools) -> list[Reminder]``: whom to remind of what on ``day``, in a fixed number
of queries for any number of schools. ``sending.send_all`` mails them once each (``SentReminder``);
``dashboard.for_user`` shows a user's own on the school's dashboard.
"""
