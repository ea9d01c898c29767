import pytest
from django.core.exceptions import ValidationError

from mentoring.choice_fields import RowsChoiceField
from mentoring.models import School

from ..factories import SchoolFactory


@pytest.mark.parametrize("value", ["1" * 30, "9223372036854775808", "-1", "0", "١٢", "1e3", "x"])
def test_a_value_that_is_no_id_is_an_invalid_choice(db, value):
    field = RowsChoiceField(queryset=School.objects.all())
    with pytest.raises(ValidationError) as error:
        field.clean([value])
    assert error.value.code == "invalid_pk_value"


def test_ids_in_range_are_chosen(db):
    school = SchoolFactory()
    field = RowsChoiceField(queryset=School.objects.all())
    assert list(field.clean([str(school.pk)])) == [school]
    with pytest.raises(ValidationError) as error:
        field.clean([str(school.pk + 1000)])
    assert error.value.code == "invalid_choice"
