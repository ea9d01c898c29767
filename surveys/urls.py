from .views import answering, distributions, questionnaires

app_name = "surveys"

urlpatterns = [
    *questionnaires.urlpatterns,
    *distributions.urlpatterns,
    *answering.urlpatterns,
]
