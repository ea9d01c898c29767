"""Downloads: every document the project hands out as a file, declared once (``exports.py``) and
served by one view."""
