from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.urls import path

from mentoring import access, personal_data
from mentoring.files import attachment
from mentoring.pagination import paginate

from .. import document_checks, selectors
from ..filters import ParticipantFilter
from ..forms.people import (
    AnonymiseForm,
    CertificateForm,
    ConsentForm,
    ParticipantForm,
    WithdrawForm,
)
from ..models import AnonymisationRecord, Certificate, Consent, Mentor, Participant
from ..services import accounts, privacy
from .common import current_programme, require_edit, section_context, staff_object, staff_programme

NO_SCAN = "Скан не прикреплён"


@login_required
def participant_list(request, programme_id):
    programme = staff_programme(request, programme_id)
    rows = selectors.participant_rows(programme.school)
    filtered = ParticipantFilter(request.GET, queryset=rows)
    page, querystring = paginate(request, filtered.qs)
    for participant in page:
        participant.problems = document_checks.problems(
            participant,
            document_checks.MENTOR if participant.is_mentor else document_checks.MENTEE,
        )
    return render(
        request,
        "registry/participant_list.html",
        {
            **section_context(request, programme, programme.school, "participants"),
            "filter": filtered,
            "page": page,
            "querystring": querystring,
        },
    )


@login_required
def participant_create(request, programme_id):
    programme = staff_programme(request, programme_id)
    require_edit(request, programme.school_id)
    form = ParticipantForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        participant = form.save(commit=False)
        participant.school = programme.school
        participant.updated_by = request.user
        participant.save()
        messages.success(request, f"Участник {participant.full_name} добавлен.")
        return redirect(participant)
    return render(
        request,
        "registry/participant_form.html",
        {**section_context(request, programme, programme.school, "participants"), "form": form},
    )


def _participant(request, participant_id) -> Participant:
    return staff_object(request, Participant.objects.select_related("school"), participant_id)


@login_required
def participant_detail(request, participant_id):
    participant = _participant(request, participant_id)
    mentor = Mentor.objects.filter(participant=participant).first()
    role = document_checks.MENTOR if mentor else document_checks.MENTEE
    consents, certificates = selectors.participant_documents(participant)
    return render(
        request,
        "registry/participant_detail.html",
        {
            **section_context(
                request, current_programme(participant.school), participant.school, "participants"
            ),
            "participant": participant,
            "mentor": mentor,
            "mentee_entries": participant.mentee_entries.select_related("programme__year"),
            "problems": document_checks.problems(participant, role),
            "consents": consents,
            "certificates": certificates,
        },
    )


@login_required
def participant_edit(request, participant_id):
    participant = _participant(request, participant_id)
    require_edit(request, participant.school_id)
    form = ParticipantForm(request.POST or None, instance=participant)
    if request.method == "POST" and form.is_valid():
        participant = form.save(commit=False)
        participant.updated_by = request.user
        participant.save()
        messages.success(request, "Данные участника сохранены.")
        return redirect(participant)
    return render(
        request,
        "registry/participant_form.html",
        {
            **section_context(
                request, current_programme(participant.school), participant.school, "participants"
            ),
            "form": form,
            "participant": participant,
        },
    )


def _document_form(request, participant_id, form_class, title):
    participant = _participant(request, participant_id)
    require_edit(request, participant.school_id)
    form = form_class(request.POST or None, request.FILES or None, participant=participant)
    if request.method == "POST" and form.is_valid():
        document = form.save(commit=False)
        document.created_by = request.user
        document.save()
        messages.success(request, f"{document.get_kind_display()} внесено в карточку.")
        return redirect(participant)
    return render(
        request,
        "registry/document_form.html",
        {
            **section_context(
                request, current_programme(participant.school), participant.school, "participants"
            ),
            "form": form,
            "participant": participant,
            "title": title,
        },
    )


@login_required
def consent_create(request, participant_id):
    return _document_form(request, participant_id, ConsentForm, "Новое согласие")


@login_required
def certificate_create(request, participant_id):
    return _document_form(request, participant_id, CertificateForm, "Новая справка")


@login_required
def consent_withdraw(request, consent_id):
    consent = staff_object(request, Consent.objects.select_related("participant"), consent_id)
    require_edit(request, consent.participant.school_id)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    form = WithdrawForm(request.POST)
    if not form.is_valid() or form.cleaned_data["withdrawn_on"] < consent.signed_on:
        messages.error(request, "Укажите дату отзыва не раньше даты согласия и не в будущем.")
    elif consent.withdrawn_on:
        messages.info(request, "Согласие уже отозвано.")
    else:
        outcome = privacy.withdraw_consent(
            consent, form.cleaned_data["withdrawn_on"], by=request.user
        )
        messages.success(request, outcome.summary())
    return redirect(consent.participant)


ANONYMISE_DENIED = "Обезличить данные участника могут только куратор и директор школы."


@login_required
def participant_anonymise(request, participant_id):
    """Anonymisation on request (152-ФЗ): what goes, what stays, an irreversible confirmation."""
    participant = _participant(request, participant_id)
    if not access.can(request.user, "sensitive.read", participant.school_id):
        raise PermissionDenied(ANONYMISE_DENIED)
    record = AnonymisationRecord.objects.filter(participant=participant).first()
    refusal = None if record else privacy.anonymisation_refusal(participant)
    form = AnonymiseForm(request.POST or None)
    if request.method == "POST" and not record and not refusal and form.is_valid():
        try:
            outcome = privacy.anonymise_participant(
                participant, by=request.user, reason=form.cleaned_data["reason"]
            )
        except privacy.PrivacyError as error:
            messages.error(request, str(error))
        else:
            extra = "; ".join(outcome.other)
            messages.success(
                request,
                f"Данные обезличены: теперь это {privacy.placeholder_name(participant)}."
                + (f" Также: {extra}." if extra else ""),
            )
            return redirect("registry:participant_detail", participant.pk)
    return render(
        request,
        "registry/participant_anonymise.html",
        {
            **section_context(
                request, current_programme(participant.school), participant.school, "participants"
            ),
            "participant": participant,
            "record": record,
            "refusal": refusal,
            "open_pairs": privacy.open_pairs_of(participant).select_related("mentor__participant")
            if refusal
            else [],
            "form": form,
            "erased": personal_data.erased_lines(),
            "kept": personal_data.kept_lines(),
            "confirmation_word": privacy.CONFIRMATION_WORD,
        },
    )


@login_required
def consent_scan(request, consent_id):
    return attachment(staff_object(request, Consent.objects, consent_id).scan, missing=NO_SCAN)


@login_required
def certificate_scan(request, certificate_id):
    document = staff_object(request, Certificate.objects, certificate_id)
    return attachment(document.scan, missing=NO_SCAN)


@login_required
def certificate_delete(request, certificate_id):
    certificate = staff_object(
        request, Certificate.objects.select_related("participant"), certificate_id
    )
    require_edit(request, certificate.participant.school_id)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    participant = certificate.participant
    certificate.delete()
    messages.success(request, "Справка удалена из карточки.")
    return redirect(participant)


@login_required
def participant_account(request, participant_id):
    participant = _participant(request, participant_id)
    require_edit(request, participant.school_id)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    try:
        user, password = accounts.create_account(participant)
    except accounts.AccountError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request,
            f"Учётная запись создана. Логин: {user.username}, пароль: {password}. "
            "Передайте их участнику: пароль больше не будет показан.",
        )
    return redirect(participant)


urlpatterns = [
    path(
        "programmes/<int:programme_id>/participants/",
        participant_list,
        name="participant_list",
    ),
    path(
        "programmes/<int:programme_id>/participants/new/",
        participant_create,
        name="participant_create",
    ),
    path("participants/<int:participant_id>/", participant_detail, name="participant_detail"),
    path("participants/<int:participant_id>/edit/", participant_edit, name="participant_edit"),
    path(
        "participants/<int:participant_id>/account/",
        participant_account,
        name="participant_account",
    ),
    path(
        "participants/<int:participant_id>/consents/new/",
        consent_create,
        name="consent_create",
    ),
    path(
        "participants/<int:participant_id>/certificates/new/",
        certificate_create,
        name="certificate_create",
    ),
    path(
        "participants/<int:participant_id>/anonymise/",
        participant_anonymise,
        name="participant_anonymise",
    ),
    path("consents/<int:consent_id>/withdraw/", consent_withdraw, name="consent_withdraw"),
    path("consents/<int:consent_id>/scan/", consent_scan, name="consent_scan"),
    path("certificates/<int:certificate_id>/scan/", certificate_scan, name="certificate_scan"),
    path(
        "certificates/<int:certificate_id>/delete/",
        certificate_delete,
        name="certificate_delete",
    ),
]
