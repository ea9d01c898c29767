from django.contrib import admin

from mentoring.audit import record_sensitive_view

from .models import (
    AnonymisationRecord,
    Attendance,
    Award,
    Case,
    Certificate,
    CommissionMember,
    Competency,
    Consent,
    DevelopmentPlan,
    DiaryEntry,
    ImportBatch,
    Interview,
    MatchingWeights,
    Meeting,
    Mentee,
    Mentor,
    MentoringAgreement,
    MentoringDuty,
    MentoringForm,
    Pair,
    Participant,
    Partner,
    PlanItem,
    PortfolioFile,
    RequestCategory,
    RoleModel,
    SelectionCommission,
    SupportContact,
    TrainingCertificate,
    TrainingCourse,
    TrainingSession,
    YearTurn,
)


class ConsentInline(admin.TabularInline):
    model = Consent
    extra = 0
    fields = ["kind", "given_by", "representative_name", "signed_on", "withdrawn_on"]


class CertificateInline(admin.TabularInline):
    model = Certificate
    extra = 0
    fields = ["kind", "number", "issued_on", "valid_until"]


@admin.register(Participant)
class ParticipantAdmin(admin.ModelAdmin):
    list_display = ["full_name", "kind", "class_name", "school", "birth_date"]
    list_filter = ["kind", "school__municipality", "school"]
    search_fields = ["last_name", "first_name", "middle_name"]
    raw_id_fields = ["user", "updated_by"]
    inlines = [ConsentInline, CertificateInline]


@admin.register(Consent)
class ConsentAdmin(admin.ModelAdmin):
    list_display = ["participant", "kind", "given_by", "signed_on", "withdrawn_on"]
    list_filter = ["kind", "given_by"]
    search_fields = ["participant__last_name"]
    raw_id_fields = ["participant", "created_by"]


@admin.register(Certificate)
class CertificateAdmin(admin.ModelAdmin):
    list_display = ["participant", "kind", "number", "issued_on", "valid_until"]
    list_filter = ["kind"]
    search_fields = ["participant__last_name", "number"]
    raw_id_fields = ["participant", "created_by"]


@admin.register(Competency)
class CompetencyAdmin(admin.ModelAdmin):
    search_fields = ["name"]


@admin.register(RequestCategory)
class RequestCategoryAdmin(admin.ModelAdmin):
    list_display = ["name", "audience", "sensitive", "position"]
    list_filter = ["audience", "sensitive"]


class PortfolioFileInline(admin.TabularInline):
    model = PortfolioFile
    extra = 0


@admin.register(Mentor)
class MentorAdmin(admin.ModelAdmin):
    list_display = ["participant", "school", "contour", "status", "capacity"]
    list_filter = ["status", "contour", "school"]
    search_fields = ["participant__last_name", "participant__first_name"]
    raw_id_fields = ["participant", "updated_by"]
    filter_horizontal = ["competencies"]
    inlines = [PortfolioFileInline]


@admin.register(PortfolioFile)
class PortfolioFileAdmin(admin.ModelAdmin):
    list_display = ["title", "mentor", "uploaded_at"]
    raw_id_fields = ["mentor"]


@admin.register(Mentee)
class MenteeAdmin(admin.ModelAdmin):
    list_display = ["participant", "programme", "status", "priority"]
    list_filter = ["status", "priority", "programme__year", "programme__school"]
    search_fields = ["participant__last_name", "participant__first_name"]
    raw_id_fields = ["participant", "programme", "updated_by"]
    filter_horizontal = ["categories"]

    def change_view(self, request, object_id, form_url="", extra_context=None):
        mentee = self.get_object(request, object_id)
        if mentee is not None and mentee.categories.filter(sensitive=True).exists():
            record_sensitive_view(request.user, mentee, mentee.programme.school_id)
        return super().change_view(request, object_id, form_url, extra_context)


class CommissionMemberInline(admin.TabularInline):
    model = CommissionMember
    extra = 0


@admin.register(SelectionCommission)
class SelectionCommissionAdmin(admin.ModelAdmin):
    list_display = ["programme", "formed_on"]
    inlines = [CommissionMemberInline]


@admin.register(CommissionMember)
class CommissionMemberAdmin(admin.ModelAdmin):
    list_display = ["full_name", "role", "commission"]


@admin.register(Interview)
class InterviewAdmin(admin.ModelAdmin):
    list_display = ["mentor", "held_on", "readiness", "decision"]
    list_filter = ["decision", "readiness"]
    raw_id_fields = ["mentor", "programme", "recorded_by"]


class TrainingSessionInline(admin.TabularInline):
    model = TrainingSession
    extra = 0


@admin.register(TrainingCourse)
class TrainingCourseAdmin(admin.ModelAdmin):
    list_display = ["title", "kind", "programme", "hours", "starts_on", "ends_on"]
    list_filter = ["kind"]
    raw_id_fields = ["programme"]
    filter_horizontal = ["participants"]
    inlines = [TrainingSessionInline]


@admin.register(TrainingSession)
class TrainingSessionAdmin(admin.ModelAdmin):
    list_display = ["topic", "course", "held_on", "hours"]


@admin.register(Attendance)
class AttendanceAdmin(admin.ModelAdmin):
    list_display = ["session", "mentor", "present"]
    raw_id_fields = ["session", "mentor"]


@admin.register(TrainingCertificate)
class TrainingCertificateAdmin(admin.ModelAdmin):
    list_display = ["number", "mentor", "course", "hours", "issued_on"]
    raw_id_fields = ["course", "mentor"]


@admin.register(ImportBatch)
class ImportBatchAdmin(admin.ModelAdmin):
    list_display = ["original_name", "kind", "programme", "status", "total_rows", "created_at"]
    list_filter = ["kind", "status"]
    raw_id_fields = ["programme", "uploaded_by"]
    exclude = ["rows"]  # the parsed file: thousands of rows of personal data, not for a form


class RoleModelInline(admin.TabularInline):
    model = RoleModel
    extra = 0


@admin.register(MentoringForm)
class MentoringFormAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "for_colleges", "position"]
    inlines = [RoleModelInline]


@admin.register(RoleModel)
class RoleModelAdmin(admin.ModelAdmin):
    list_display = ["name", "form", "same_grade"]
    list_filter = ["form"]


@admin.register(Pair)
class PairAdmin(admin.ModelAdmin):
    list_display = ["mentor", "form", "role_model", "status", "programme"]
    list_filter = ["status", "form", "programme__school"]
    raw_id_fields = ["mentor", "programme", "updated_by", "continued_from"]
    filter_horizontal = ["mentees"]


@admin.register(MatchingWeights)
class MatchingWeightsAdmin(admin.ModelAdmin):
    list_display = ["school", "updated_at"]


@admin.register(Meeting)
class MeetingAdmin(admin.ModelAdmin):
    list_display = ["pair", "kind", "held_on", "format", "topic"]
    list_filter = ["kind", "format"]
    raw_id_fields = ["pair", "recorded_by"]


@admin.register(SupportContact)
class SupportContactAdmin(admin.ModelAdmin):
    list_display = ["pair", "contacted_on", "person", "channel"]
    list_filter = ["person", "channel"]
    raw_id_fields = ["pair", "mentee", "recorded_by"]


@admin.register(DiaryEntry)
class DiaryEntryAdmin(admin.ModelAdmin):
    list_display = ["pair", "diary", "written_on"]
    raw_id_fields = ["pair", "mentee", "author"]


class PlanItemInline(admin.TabularInline):
    model = PlanItem
    extra = 0


@admin.register(DevelopmentPlan)
class DevelopmentPlanAdmin(admin.ModelAdmin):
    list_display = ["mentee", "pair", "created_at"]
    raw_id_fields = ["pair", "mentee"]
    inlines = [PlanItemInline]


@admin.register(PlanItem)
class PlanItemAdmin(admin.ModelAdmin):
    list_display = ["task", "plan", "deadline", "status"]
    raw_id_fields = ["plan"]


@admin.register(Case)
class CaseAdmin(admin.ModelAdmin):
    list_display = ["title", "programme", "form", "publishable"]
    raw_id_fields = ["programme", "pair"]


@admin.register(Award)
class AwardAdmin(admin.ModelAdmin):
    list_display = ["kind", "mentor", "pair", "recipient_name", "awarded_on"]
    raw_id_fields = ["programme", "mentor", "pair"]


@admin.register(Partner)
class PartnerAdmin(admin.ModelAdmin):
    list_display = ["name", "school", "head_name", "letter_sent_on", "agreement_signed_on"]
    list_filter = ["school__municipality", "school"]
    search_fields = ["name", "head_name", "contact_person"]
    raw_id_fields = ["school"]


@admin.register(MentoringAgreement)
class MentoringAgreementAdmin(admin.ModelAdmin):
    list_display = ["mentor", "number", "signed_on", "starts_on", "ends_on", "ended_on"]
    list_filter = ["mentor__school"]
    search_fields = ["mentor__participant__last_name", "number"]
    raw_id_fields = ["mentor", "mentees", "updated_by"]


@admin.register(MentoringDuty)
class MentoringDutyAdmin(admin.ModelAdmin):
    list_display = ["mentor", "basis", "since"]
    list_filter = ["mentor__school"]
    raw_id_fields = ["mentor", "updated_by"]


@admin.register(AnonymisationRecord)
class AnonymisationRecordAdmin(admin.ModelAdmin):
    """Read-only: the record that a person's data was anonymised is kept as it was made."""

    list_display = ["participant", "at", "by"]
    readonly_fields = ["participant", "by", "at", "reason"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(YearTurn)
class YearTurnAdmin(admin.ModelAdmin):
    list_display = ["from_programme", "to_programme", "done_by", "done_at"]
    list_filter = ["from_programme__school"]
    readonly_fields = ["from_programme", "to_programme", "done_by", "done_at", "summary"]

    def has_add_permission(self, request):
        return False
