"""The reports built as background jobs (mentoring/jobs.py)."""

import datetime

from mentoring.jobs import register
from mentoring.models import Municipality

from ..documents.pdf import render_pdf
from ..monitoring.consolidated import consolidated_document

CONSOLIDATED_MONTHLY_PDF = "consolidated_monthly_pdf"


@register(CONSOLIDATED_MONTHLY_PDF, "Сводный отчёт о мониторинге (PDF)")
def consolidated_monthly_pdf(job, progress):
    municipality = Municipality.objects.get(pk=job.municipality_id)
    period = datetime.date.fromisoformat(job.params["period"])
    today = datetime.date.fromisoformat(job.params["today"])

    def schools_done(done: int, total: int) -> None:
        progress(done, total + 1, f"Собраны показатели школ: {done} из {total}")

    doc = consolidated_document(municipality, period, today, wide=False, progress=schools_done)
    steps = len(doc.sections)  # the summary and a section per school
    progress(steps - 1, steps, "Вёрстка PDF")
    return f"{doc.filename}.pdf", render_pdf(doc)
