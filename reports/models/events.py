from django.conf import settings
from django.db import models


class WorkflowStep(models.Model):
    """One step of a document's way through approval: who did what, when, with what comment.

    Subclasses add the document's foreign key and the ``action`` field with their own choices.
    """

    comment = models.TextField("комментарий", blank=True)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name="кто",
    )
    at = models.DateTimeField("когда", auto_now_add=True)

    class Meta:
        abstract = True
        ordering = ["at", "id"]
