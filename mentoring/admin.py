from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin

from .models import (
    AcademicYear,
    CalendarFeed,
    Job,
    Membership,
    Municipality,
    Region,
    School,
    User,
)


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ["school", "municipality", "region"]


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    fieldsets = (
        (None, {"fields": ("username", "password")}),
        ("Личные данные", {"fields": ("last_name", "first_name", "middle_name", "email")}),
        (
            "Права доступа",
            {"fields": ("is_active", "is_staff", "is_superuser", "groups", "user_permissions")},
        ),
        ("Важные даты", {"fields": ("last_login", "date_joined")}),
    )
    list_display = ["username", "last_name", "first_name", "middle_name", "email", "is_active"]
    search_fields = ["username", "last_name", "first_name", "middle_name", "email"]
    inlines = [MembershipInline]


@admin.register(Region)
class RegionAdmin(admin.ModelAdmin):
    list_display = ["name", "centre_name"]
    search_fields = ["name"]


@admin.register(Municipality)
class MunicipalityAdmin(admin.ModelAdmin):
    list_display = ["name", "region", "centre_name"]
    list_filter = ["region"]
    search_fields = ["name"]
    autocomplete_fields = ["region"]


@admin.register(School)
class SchoolAdmin(admin.ModelAdmin):
    list_display = ["short_name", "municipality", "director_name"]
    list_filter = ["municipality"]
    search_fields = ["short_name", "full_name"]


@admin.register(AcademicYear)
class AcademicYearAdmin(admin.ModelAdmin):
    list_display = ["name", "start_date", "end_date"]


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "role", "school", "municipality", "region"]
    list_filter = ["role", "school__municipality"]
    search_fields = ["user__last_name", "user__username", "school__short_name"]
    autocomplete_fields = ["user", "school", "municipality", "region"]


@admin.register(CalendarFeed)
class CalendarFeedAdmin(admin.ModelAdmin):
    list_display = ["user", "created_at", "revoked_at"]
    list_filter = ["revoked_at"]
    search_fields = ["user__last_name", "user__username"]
    autocomplete_fields = ["user"]
    exclude = ["token"]


@admin.register(Job)
class JobAdmin(admin.ModelAdmin):
    list_display = ["kind", "user", "municipality", "status", "attempts", "created_at"]
    list_filter = ["status", "kind"]
    search_fields = ["user__last_name", "user__username"]
    autocomplete_fields = ["user", "municipality", "school"]
    readonly_fields = ["started_at", "finished_at", "lease_until", "run_after", "attempts"]
