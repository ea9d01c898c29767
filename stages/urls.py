from django.urls import path

from . import views, views_protocols

app_name = "stages"

urlpatterns = [
    path("programmes/<int:programme_id>/roadmap/", views.roadmap, name="roadmap"),
    path("programmes/<int:programme_id>/roadmap/add/", views.item_create, name="item_create"),
    path("roadmap/items/<int:item_id>/edit/", views.item_edit, name="item_edit"),
    path("roadmap/items/<int:item_id>/delete/", views.item_delete, name="item_delete"),
    path("roadmap/items/<int:item_id>/status/", views.item_status, name="item_status"),
    path("roadmap/items/<int:item_id>/evidence/", views.item_evidence, name="item_evidence"),
    path(
        "programmes/<int:programme_id>/archive/",
        views.programme_archive,
        name="programme_archive",
    ),
    path(
        "programmes/<int:programme_id>/unarchive/",
        views.programme_unarchive,
        name="programme_unarchive",
    ),
    path("stages/", views.stage_reference, name="stage_reference"),
    path(
        "programmes/<int:programme_id>/meeting-protocols/",
        views_protocols.protocol_list,
        name="protocol_list",
    ),
    path(
        "programmes/<int:programme_id>/meeting-protocols/new/",
        views_protocols.protocol_create,
        name="protocol_create",
    ),
    path(
        "meeting-protocols/<int:protocol_id>/edit/",
        views_protocols.protocol_edit,
        name="protocol_edit",
    ),
    path(
        "meeting-protocols/<int:protocol_id>/delete/",
        views_protocols.protocol_delete,
        name="protocol_delete",
    ),
]
