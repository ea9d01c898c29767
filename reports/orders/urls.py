"""Orders and the documents page; included into the "reports" namespace."""

from django.urls import path

from . import views

urlpatterns = [
    path("programmes/<int:programme_id>/documents/", views.documents, name="documents"),
    path("programmes/<int:programme_id>/orders/new/", views.order_create, name="order_create"),
    path("orders/<int:order_id>/", views.order_detail, name="order_detail"),
    path("orders/<int:order_id>/edit/", views.order_edit, name="order_edit"),
    path("orders/<int:order_id>/regenerate/", views.order_regenerate, name="order_regenerate"),
    path("orders/<int:order_id>/submit/", views.order_submit, name="order_submit"),
    path("orders/<int:order_id>/return/", views.order_return, name="order_return"),
    path("orders/<int:order_id>/approve/", views.order_approve, name="order_approve"),
    path("orders/<int:order_id>/delete/", views.order_delete, name="order_delete"),
]
