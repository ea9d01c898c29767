import pytest

from registry.models import MentoringForm


@pytest.fixture
def forms(reference_data):
    from registry import reference

    reference.load_forms()
    return {form.code: form for form in MentoringForm.objects.all()}
