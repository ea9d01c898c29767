from django.contrib import admin

from .models import (
    MonthlyReport,
    MonthlyReportEvent,
    NameOverride,
    Order,
    OrderEvent,
    OutgoingDocument,
    Regulation,
)
from .models.reminders import NotificationSettings, SentReminder


class WorkflowStepInline(admin.TabularInline):
    """The history of a document's approval: read-only, nothing added or removed by hand."""

    extra = 0
    readonly_fields = ["action", "comment", "by", "at"]
    can_delete = False


class OrderEventInline(WorkflowStepInline):
    model = OrderEvent


@admin.register(Order)
class OrderAdmin(admin.ModelAdmin):
    """Read-mostly: an approved order is frozen, and the workflow lives in the school's pages."""

    list_display = ["title", "school", "status", "number", "order_date"]
    list_filter = ["status", "kind", "school__municipality"]
    search_fields = ["title", "school__short_name"]
    raw_id_fields = [
        "school",
        "programme",
        "curator",
        "mentors",
        "pairs",
        "awards",
        "commission",
        "course",
        "roadmap_items",
        "approved_by",
        "created_by",
    ]
    readonly_fields = ["number", "number_year", "order_date", "frozen_content", "approved_at"]
    inlines = [OrderEventInline]


@admin.register(OrderEvent)
class OrderEventAdmin(admin.ModelAdmin):
    list_display = ["order", "action", "by", "at"]
    list_filter = ["action"]
    raw_id_fields = ["order", "by"]


@admin.register(NameOverride)
class NameOverrideAdmin(admin.ModelAdmin):
    list_display = ["nominative", "school", "genitive", "dative", "accusative"]
    search_fields = ["nominative"]
    raw_id_fields = ["school"]


@admin.register(Regulation)
class RegulationAdmin(admin.ModelAdmin):
    list_display = ["programme", "updated_at", "updated_by"]
    raw_id_fields = ["programme", "updated_by"]


class MonthlyReportEventInline(WorkflowStepInline):
    model = MonthlyReportEvent


@admin.register(MonthlyReport)
class MonthlyReportAdmin(admin.ModelAdmin):
    list_display = ["school", "period", "status", "submitted_at", "reviewed_at"]
    list_filter = ["status", "period", "school__municipality"]
    raw_id_fields = ["school", "programme", "submitted_by", "reviewed_by"]
    readonly_fields = ["figures", "figures_taken_at"]
    inlines = [MonthlyReportEventInline]


@admin.register(MonthlyReportEvent)
class MonthlyReportEventAdmin(admin.ModelAdmin):
    list_display = ["report", "action", "by", "at"]
    list_filter = ["action"]
    raw_id_fields = ["report", "by"]


@admin.register(OutgoingDocument)
class OutgoingDocumentAdmin(admin.ModelAdmin):
    list_display = ["school", "year", "number", "date", "addressee"]
    list_filter = ["year", "school__municipality"]
    search_fields = ["addressee", "subject", "school__short_name"]
    raw_id_fields = ["school", "partner", "created_by"]


@admin.register(NotificationSettings)
class NotificationSettingsAdmin(admin.ModelAdmin):
    list_display = ["__str__", "roadmap", "monthly", "surveys", "meetings", "digest", "updated_at"]
    search_fields = ["user__username", "user__last_name", "email"]
    raw_id_fields = ["user"]
    readonly_fields = ["unsubscribe_token"]


@admin.register(SentReminder)
class SentReminderAdmin(admin.ModelAdmin):
    """The log of the mailing: what was reminded of, to whom, when."""

    list_display = ["email", "kind", "object_key", "period_key", "claimed_at", "sent_at"]
    list_filter = ["kind"]
    search_fields = ["email", "object_key"]
    raw_id_fields = ["user"]
