"""Optimistic locking: a form refuses to save over a change made after it was opened."""

from django import forms
from django.db import models
from django.db.models import F

CONFLICT = (
    "Пока вы редактировали, эту запись изменил другой пользователь. Ваши изменения не "
    "сохранены: скопируйте их, обновите страницу и внесите заново."
)


class VersionField(models.PositiveIntegerField):
    """The edit counter that ``VersionedFormMixin`` checks and increments."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("default", 0)
        kwargs.setdefault("editable", False)
        kwargs.setdefault("verbose_name", "версия")
        super().__init__(*args, **kwargs)


class VersionedFormMixin(forms.ModelForm):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=0)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["version"].initial = self.instance.version

    def _post_clean(self):
        super()._post_clean()
        if self.errors or self.instance.pk is None:
            return
        sent = self.cleaned_data.get("version")
        if sent is None:
            sent = self.instance.version
        # One conditional UPDATE: of two saves of the same version, only one gets through.
        bumped = (
            type(self.instance)
            ._default_manager.filter(pk=self.instance.pk, version=sent)
            .update(version=F("version") + 1)
        )
        if bumped:
            self.instance.version = sent + 1
        else:
            self.add_error(None, CONFLICT)
