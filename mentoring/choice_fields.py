"""Form fields choosing rows by id."""

from django import forms
from django.core.exceptions import ValidationError

from .query_params import parse_id


class RowsChoiceField(forms.ModelMultipleChoiceField):
    """Several rows by id. A value that is not an id in range (a 30-digit number, a letter) is an
    invalid choice like any other, not a database error (SQLite cannot even bind such numbers)."""

    def _check_values(self, value):
        for pk in value:
            if self.to_field_name is None and parse_id(pk) is None:
                raise ValidationError(
                    self.error_messages["invalid_pk_value"],
                    code="invalid_pk_value",
                    params={"pk": pk},
                )
        return super()._check_values(value)
