from django.contrib import admin
from django.db import models

from mentoring.models import Programme

from .models import MeetingProtocol, RoadmapItem, RoadmapTemplate, Stage, TemplateItem
from .services import create_roadmap


# Here rather than in mentoring (which imports no app): a programme added by hand gets its
# roadmap like one started from the school's page.
@admin.register(Programme)
class ProgrammeAdmin(admin.ModelAdmin):
    list_display = ["school", "year", "title"]
    list_filter = ["year", "school__municipality"]
    search_fields = ["school__short_name"]

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if not change:
            create_roadmap(obj)


@admin.register(Stage)
class StageAdmin(admin.ModelAdmin):
    list_display = ["number", "name", "duration"]


class TemplateItemInline(admin.TabularInline):
    model = TemplateItem
    extra = 0
    fields = [
        "stage",
        "number",
        "position",
        "activity",
        "deadline_offset_days",
        "period",
        "responsible_role",
        "responsible_title",
        "output_document",
        "order_kind",
    ]


@admin.register(RoadmapTemplate)
class RoadmapTemplateAdmin(admin.ModelAdmin):
    list_display = ["name", "is_default"]
    inlines = [TemplateItemInline]


@admin.register(TemplateItem)
class TemplateItemAdmin(admin.ModelAdmin):
    list_display = ["number", "activity", "stage", "responsible_title", "template"]
    list_filter = ["template", "stage"]


@admin.register(RoadmapItem)
class RoadmapItemAdmin(admin.ModelAdmin):
    list_display = ["number", "activity", "programme", "deadline", "status"]
    list_filter = ["status", "stage", "programme__year", "programme__school__municipality"]
    search_fields = ["activity", "programme__school__short_name"]
    raw_id_fields = ["programme", "responsible_user", "updated_by"]
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}


@admin.register(MeetingProtocol)
class MeetingProtocolAdmin(admin.ModelAdmin):
    list_display = ["kind", "number", "held_on", "programme"]
    list_filter = ["kind", "programme__year", "programme__school__municipality"]
    search_fields = ["number", "programme__school__short_name"]
    raw_id_fields = ["programme", "roadmap_item", "updated_by"]
