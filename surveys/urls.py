from .views import analytics, answering, distributions, questionnaires, requests

app_name = "surveys"

urlpatterns = [
    *questionnaires.urlpatterns,
    *distributions.urlpatterns,
    *answering.urlpatterns,
    *analytics.urlpatterns,
    *requests.urlpatterns,
]
