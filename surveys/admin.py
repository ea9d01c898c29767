from django.contrib import admin

from .models import Answer, Distribution, Invitation, Question, Questionnaire, Response, Section


class SectionInline(admin.TabularInline):
    model = Section
    extra = 0


class QuestionInline(admin.TabularInline):
    model = Question
    extra = 0
    fields = ["position", "section", "text", "kind", "options", "required", "measure"]


@admin.register(Questionnaire)
class QuestionnaireAdmin(admin.ModelAdmin):
    list_display = ["title", "purpose", "audience", "school", "code"]
    list_filter = ["purpose", "audience", "school"]
    search_fields = ["title"]
    inlines = [SectionInline, QuestionInline]


@admin.register(Section)
class SectionAdmin(admin.ModelAdmin):
    list_display = ["title", "questionnaire", "position"]


@admin.register(Question)
class QuestionAdmin(admin.ModelAdmin):
    list_display = ["text", "kind", "questionnaire", "required", "position"]
    list_filter = ["kind", "questionnaire"]


@admin.register(Distribution)
class DistributionAdmin(admin.ModelAdmin):
    list_display = ["title", "questionnaire", "programme", "phase", "deadline"]
    list_filter = ["phase"]
    raw_id_fields = ["programme", "created_by"]


@admin.register(Invitation)
class InvitationAdmin(admin.ModelAdmin):
    list_display = ["respondent_name", "distribution", "expires_at", "answered_at"]
    raw_id_fields = ["distribution", "participant", "user", "pair"]
    exclude = ["token"]


class AnswerInline(admin.TabularInline):
    model = Answer
    extra = 0


@admin.register(Response)
class ResponseAdmin(admin.ModelAdmin):
    list_display = ["distribution", "participant", "phase", "submitted_at"]
    raw_id_fields = ["distribution", "invitation", "participant", "pair"]
    inlines = [AnswerInline]


@admin.register(Answer)
class AnswerAdmin(admin.ModelAdmin):
    list_display = ["question", "response", "number"]
    raw_id_fields = ["response", "question"]
