from django import forms

from mentoring.declension import GENITIVE, name_in

from ..services.year_turn_plan import (
    CONTINUE,
    PAIR_ACTIONS,
    TERMINATE,
    Decisions,
    PairDecision,
    YearTurnPreview,
)


class YearTurnForm(forms.Form):
    """The curator's choices on the preview: per open pair an action and a reason, and which
    mentees go into the new base. Fields are named by the ids of the old programme's rows."""

    def __init__(self, preview: YearTurnPreview, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.preview = preview
        for plan in preview.pairs:
            choices = [
                (k, v) for k, v in PAIR_ACTIONS.items() if k != CONTINUE or plan.can_continue
            ]
            mentor = name_in(plan.pair.mentor.participant.short_name, GENITIVE)
            self.fields[f"pair_{plan.pair.pk}"] = forms.ChoiceField(
                label=f"Решение по паре наставника {mentor}",
                choices=choices,
                initial=plan.action,
                widget=forms.Select(
                    attrs={
                        "class": "form-select form-select-sm",
                        "aria-label": f"Решение по паре наставника {mentor}",
                    }
                ),
            )
            self.fields[f"reason_{plan.pair.pk}"] = forms.CharField(
                label="Причина",
                required=False,
                max_length=500,
                initial=plan.reason,
                widget=forms.TextInput(
                    attrs={
                        "class": "form-control form-control-sm mt-1",
                        "aria-label": f"Причина завершения пары наставника {mentor}",
                    }
                ),
            )
        self.fields["mentees"] = forms.MultipleChoiceField(
            label="Перенести в базу наставляемых",
            required=False,
            choices=[(str(p.mentee.pk), str(p.mentee)) for p in preview.mentees if p.can_carry],
            initial=[str(p.mentee.pk) for p in preview.mentees if p.carry],
            widget=forms.CheckboxSelectMultiple,
        )

    def clean(self):
        data = super().clean()
        for plan in self.preview.pairs:
            key = plan.pair.pk
            if data.get(f"pair_{key}") == TERMINATE and not data.get(f"reason_{key}", "").strip():
                self.add_error(f"reason_{key}", "Укажите причину досрочного прекращения.")
        return data

    def rows(self):
        """(plan, action field, reason field) for each open pair, for the template."""
        return [
            (plan, self[f"pair_{plan.pair.pk}"], self[f"reason_{plan.pair.pk}"])
            for plan in self.preview.pairs
        ]

    def checked_mentees(self) -> set[str]:
        return {str(value) for value in (self["mentees"].value() or [])}

    def decisions(self) -> Decisions:
        data = self.cleaned_data
        return Decisions(
            pairs={
                plan.pair.pk: PairDecision(
                    data[f"pair_{plan.pair.pk}"], data.get(f"reason_{plan.pair.pk}", "")
                )
                for plan in self.preview.pairs
            },
            mentees={int(value) for value in data.get("mentees", [])},
        )
