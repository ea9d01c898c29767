from .views import analytics, answering, distributions, pulse, questionnaires, requests

app_name = "surveys"

urlpatterns = [
    *questionnaires.urlpatterns,
    *distributions.urlpatterns,
    *answering.urlpatterns,
    *analytics.urlpatterns,
    *requests.urlpatterns,
    *pulse.urlpatterns,
]
