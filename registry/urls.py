from .views import (
    attention,
    bases,
    imports,
    labour,
    matching,
    pairs,
    partners,
    people,
    selection,
    support,
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
    *attention.urlpatterns,
    *matching.urlpatterns,
    *work.urlpatterns,
    *support.urlpatterns,
    *partners.urlpatterns,
    *labour.urlpatterns,
    *year_turn.urlpatterns,
]
