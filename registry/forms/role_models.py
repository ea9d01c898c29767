from django import forms

from ..models import RoleModel


class RoleModelSelect(forms.Select):
    """Each option names its form of mentoring (``data-form``), and the select names the field
    with the chosen form (``data-role-models-of``): static/js/role-models.js then offers only
    that form's role models. Without the script every role model stays listed."""

    def __init__(self, form_field: str):
        super().__init__(attrs={"data-role-models-of": form_field})

    def create_option(self, name, value, label, selected, index, subindex=None, attrs=None):
        option = super().create_option(name, value, label, selected, index, subindex, attrs)
        instance = getattr(value, "instance", None)
        if instance is not None:
            option["attrs"]["data-form"] = str(instance.form_id)
        return option


class RoleModelField(forms.ModelChoiceField):
    def __init__(self, form_field: str = "form"):
        super().__init__(
            label="Ролевая модель",
            queryset=RoleModel.objects.select_related("form"),
            required=False,
            empty_label="Не выбрана",
            widget=RoleModelSelect(form_field),
            help_text="Ролевые модели выбранной формы наставничества.",
        )

    def label_from_instance(self, role_model):
        return f"{role_model.form.name}: {role_model.name}"


def check_role_model(form: forms.Form, form_field: str = "form") -> None:
    """The role model, when one is chosen, is one of the chosen form of mentoring's."""
    chosen = form.cleaned_data.get(form_field)
    role_model = form.cleaned_data.get("role_model")
    if chosen and role_model and role_model.form_id != chosen.pk:
        form.add_error(
            "role_model",
            f"Ролевая модель «{role_model.name}» не относится к форме «{chosen.name}»: "
            "выберите одну из ролевых моделей этой формы.",
        )
