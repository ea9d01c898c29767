"""Monitoring documents (сид 002: the district roadmap of section 9, items 4.1–4.3, and
section 10).

- ``consolidated``: the municipal centre's consolidated monthly report across its schools (the
  centre monitors on the 25th of every month);
- ``accounting``: the quarterly personified accounting of participants;
- ``quality``: the May assessment of the quality of the schools' programmes;
- ``school``: a school's own monitoring report (indicators, monitoring stages 1 and 2);
- ``final``: the programme's final report (pairs' results, both stages, practices, awards).

Each module builds one ``reports.documents.Document``; its download (PDF or XLSX) is declared in
``reports/downloads/exports.py``.
"""
