from django import forms

from ..importing import ALL, VALID
from ..importing.sources import EXTENSIONS
from ..models import ImportBatch

IMPORT_MAX_BYTES = 5 * 1024 * 1024
IMPORT_MAX_TEXT = "5 МБ"
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
ACCEPTED = ",".join(EXTENSIONS) + f",{XLSX_TYPE},application/vnd.ms-excel,text/csv"


class ImportUploadForm(forms.Form):
    kind = forms.ChoiceField(
        label="Какую базу загрузить",
        choices=ImportBatch.Kind.choices,
        widget=forms.RadioSelect,
        initial=ImportBatch.Kind.MENTEES,
    )
    file = forms.FileField(
        label="Файл таблицы (.xlsx, .xls, .ods, .csv)",
        help_text=(
            f"Не больше {IMPORT_MAX_TEXT}. Строка заголовков должна быть "
            "в первых 10 строках листа; названия столбцов — как в шаблоне или привычные вам "
            "(«ФИО», «Фамилия», «Дата рождения», «Класс», «Пед. стаж», «Моб. телефон»…). "
            "Строки «Итого», подписи и подзаголовки классов пропускаются."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": ACCEPTED}),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith(EXTENSIONS):
            raise forms.ValidationError(
                "Загрузите таблицу: книгу Excel (.xlsx или .xls), таблицу OpenDocument (.ods) "
                "или текст с разделителями (.csv)."
            )
        if upload.size > IMPORT_MAX_BYTES:
            raise forms.ValidationError(
                f"Файл слишком большой: допускается не более {IMPORT_MAX_TEXT}."
            )
        return upload


class ImportConfirmForm(forms.Form):
    mode = forms.ChoiceField(
        choices=[(ALL, "Загрузить все строки"), (VALID, "Загрузить только строки без ошибок")]
    )
