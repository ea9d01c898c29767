from .views import bases, imports, people, selection, training

app_name = "registry"

urlpatterns = [
    *people.urlpatterns,
    *bases.urlpatterns,
    *imports.urlpatterns,
    *selection.urlpatterns,
    *training.urlpatterns,
]
