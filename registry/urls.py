from .views import (
    bases,
    imports,
    labour,
    matching,
    pairs,
    partners,
    people,
    selection,
    training,
    work,
    year_turn,
)

app_name = "registry"

urlpatterns = [
    *people.urlpatterns,
    *bases.urlpatterns,
    *imports.urlpatterns,
    *selection.urlpatterns,
    *training.urlpatterns,
    *pairs.urlpatterns,
    *matching.urlpatterns,
    *work.urlpatterns,
    *partners.urlpatterns,
    *labour.urlpatterns,
    *year_turn.urlpatterns,
]
