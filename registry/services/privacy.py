"""Personal-data duties (152-ФЗ): withdrawal of consent and anonymisation on request.

Withdrawing a consent to personal-data processing or to participation takes the person out of
active work in one transaction. Anonymisation erases what identifies the person and keeps the
facts the school is obliged to keep (that consents existed and when they were withdrawn, pairs
with their dates and forms, meetings with their dates). Both outrank the archive of a finished
programme (``archive_guard_lifted``).

What is erased, what is kept and why is the personal-data map (``mentoring/personal_data.py``,
the registry's part in ``registry/personal_data_map.py``): this module finds the person's rows and
applies it. Apps that depend on the registry (surveys, reports) take their part through the
signals in ``registry/signals.py``.
"""

import datetime
import re
from dataclasses import dataclass, field

from django.apps import apps
from django.db import transaction
from django.db.models import Q

from mentoring import events, personal_data
from mentoring.archive import archive_guard_lifted
from mentoring.errors import DomainError
from mentoring.models import Role, User
from mentoring.personal_data import Action

from ..models import (
    AnonymisationRecord,
    Award,
    Case,
    Consent,
    DiaryEntry,
    Meeting,
    Mentee,
    Mentor,
    MentoringAgreement,
    Pair,
    Participant,
    SupportContact,
)
from ..signals import consent_withdrawn, participant_anonymised, phrases
from .bases import set_mentee_status, set_mentor_status
from .pairs import finish_pair

WITHDRAWAL_REASONS = {
    Consent.Kind.PERSONAL_DATA: "Отзыв согласия на обработку персональных данных",
    Consent.Kind.PARTICIPATION: "Отзыв согласия на участие в программе наставничества",
    Consent.Kind.TEACHER_MENTORING: "Отзыв согласия педагога на осуществление наставничества",
}
# Kinds whose withdrawal ends every role; the teacher's consent ends only the mentor's role.
LEAVES_EVERY_ROLE = (Consent.Kind.PERSONAL_DATA, Consent.Kind.PARTICIPATION)

PLACEHOLDER = "[обезличено]"
CONFIRMATION_WORD = "ОБЕЗЛИЧИТЬ"


class PrivacyError(DomainError):
    pass


def _pairs_word(count: int) -> str:
    """Genitive after «из»: из 1 пары, из 2 пар, из 21 пары."""
    return "пары" if count % 10 == 1 and count % 100 != 11 else "пар"


@dataclass
class WithdrawalOutcome:
    consent: Consent
    left_work: bool = False
    still_active_consent: bool = False
    mentor_pairs: list[Pair] = field(default_factory=list)
    groups_left: list[Pair] = field(default_factory=list)
    mentee_pairs_terminated: list[Pair] = field(default_factory=list)
    mentor_inactive: bool = False
    mentee_entries_left: int = 0
    other: list[str] = field(default_factory=list)

    def summary(self) -> str:
        head = f"{self.consent.get_kind_display()} отозвано {self.consent.withdrawn_on:%d.%m.%Y}."
        if self.still_active_consent:
            return (
                f"{head} Другое действующее согласие этого вида осталось: участник продолжает "
                "работу."
            )
        parts = []
        if self.mentor_pairs:
            count = len(self.mentor_pairs)
            parts.append(
                f"Наставник выведен из {count} {_pairs_word(count)}: работа прекращена досрочно, "
                "наставляемые снова ожидают наставника"
            )
        if self.mentee_pairs_terminated:
            count = len(self.mentee_pairs_terminated)
            parts.append(f"прекращено досрочно {count} {_pairs_word(count)} с этим наставляемым")
        if self.groups_left:
            parts.append(
                f"наставляемый выведен из групп: {len(self.groups_left)} (группы продолжают работу)"
            )
        if self.mentor_inactive:
            parts.append(f"статус наставника — «{Mentor.Status.INACTIVE.label}»")
        if self.mentee_entries_left:
            parts.append(f"статус наставляемого — «{Mentee.Status.LEFT.label}»")
        parts.extend(self.other)
        if not parts:
            return f"{head} Участник не работал в парах и группах."
        text = "; ".join(parts)
        return f"{head} {text[0].upper()}{text[1:]}."


@transaction.atomic
def withdraw_consent(consent: Consent, on: datetime.date, *, by: User | None) -> WithdrawalOutcome:
    """Records the withdrawal; without the consent the person leaves active work."""
    if consent.withdrawn_on:
        raise PrivacyError("Согласие уже отозвано.")
    if on < consent.signed_on:
        raise PrivacyError("Согласие не может быть отозвано раньше, чем дано.")
    consent.withdrawn_on = on
    consent.save(update_fields=["withdrawn_on"])
    outcome = WithdrawalOutcome(consent=consent)
    participant = consent.participant
    if (
        Consent.objects.active()
        .filter(participant=participant, kind=consent.kind)
        .exclude(pk=consent.pk)
        .exists()
    ):
        outcome.still_active_consent = True
        return outcome
    reason = WITHDRAWAL_REASONS[consent.kind]
    with archive_guard_lifted():
        _leave_as_mentor(participant, reason, by, outcome)
        if consent.kind in LEAVES_EVERY_ROLE:
            _leave_as_mentee(participant, reason, by, outcome)
        outcome.left_work = True
        outcome.other = phrases(
            consent_withdrawn.send(sender=Consent, consent=consent, participant=participant, by=by)
        )
    return outcome


def _leave_as_mentor(participant, reason, by, outcome: WithdrawalOutcome) -> None:
    mentor = Mentor.objects.filter(participant=participant).first()
    if mentor is None:
        return
    for pair in Pair.objects.filter(mentor=mentor).open().select_for_update():
        finish_pair(
            pair,
            by=by,
            reason=reason,
            early=True,
            closure_reason=Pair.ClosureReason.MENTOR_WITHDREW,
        )
        outcome.mentor_pairs.append(pair)
    if mentor.status != Mentor.Status.INACTIVE:
        set_mentor_status(mentor, Mentor.Status.INACTIVE, by=by)
        outcome.mentor_inactive = True


def _leave_as_mentee(participant, reason, by, outcome: WithdrawalOutcome) -> None:
    entries = list(participant.mentee_entries.all())
    pair_ids = set(Pair.objects.filter(mentees__in=entries).open().values_list("pk", flat=True))
    for pair in Pair.objects.filter(pk__in=pair_ids).select_for_update():
        theirs = [
            mentee for mentee in pair.mentees.all() if mentee.participant_id == participant.pk
        ]
        if pair.mentees.count() > len(theirs):
            pair.mentees.remove(*theirs)
            pair.updated_by = by
            pair.save(update_fields=["updated_by", "updated_at"])
            outcome.groups_left.append(pair)
        else:
            finish_pair(
                pair,
                by=by,
                reason=reason,
                early=True,
                closure_reason=Pair.ClosureReason.MENTEE_WITHDREW,
            )
            outcome.mentee_pairs_terminated.append(pair)
    for mentee in entries:
        mentee.refresh_from_db(fields=["status"])
        if mentee.status in (Mentee.Status.WAITING, Mentee.Status.PAIRED):
            set_mentee_status(mentee, Mentee.Status.LEFT, by=by)
            outcome.mentee_entries_left += 1


# Anonymisation.


def open_pairs_of(participant: Participant):
    return (
        Pair.objects.open()
        .filter(Q(mentor__participant=participant) | Q(mentees__participant=participant))
        .distinct()
    )


def anonymisation_refusal(participant: Participant) -> str | None:
    if hasattr(participant, "anonymisation"):
        return "Данные участника уже обезличены."
    count = open_pairs_of(participant).count()
    if count:
        return (
            f"Участник работает в открытых парах или группах ({count}). Обезличить данные можно "
            "только после выхода из работы: отзовите согласие или завершите пары."
        )
    return None


def placeholder_name(participant: Participant) -> str:
    return f"Участник № {participant.pk}"


def _stem(word: str) -> str:
    """A name without its ending, so that declined forms match («Смирнова» → «Смирнов»)."""
    if len(word) > 4 and word[-1].lower() in "аяйьыиео":
        return word[:-1]
    return word


def name_pattern(names: list[str]) -> re.Pattern | None:
    words = {_stem(word) for name in names for word in name.split() if len(word) >= 3}
    if not words:
        return None
    alternatives = "|".join(re.escape(word) for word in sorted(words, key=len, reverse=True))
    return re.compile(rf"\b(?:{alternatives})\w*", re.IGNORECASE)


def scrub(text: str, pattern: re.Pattern | None) -> str:
    if not text or pattern is None:
        return text
    return pattern.sub(PLACEHOLDER, text)


@dataclass
class AnonymisationOutcome:
    record: AnonymisationRecord
    other: list[str] = field(default_factory=list)


@transaction.atomic
def anonymise_participant(
    participant: Participant, *, by: User | None, reason: str
) -> AnonymisationOutcome:
    """Irreversibly erases what identifies the person; keeps what the school must keep."""
    participant = Participant.objects.select_for_update().get(pk=participant.pk)
    refusal = anonymisation_refusal(participant)
    if refusal:
        raise PrivacyError(refusal)
    if not reason.strip():
        raise PrivacyError("Укажите основание: заявление участника или его представителя.")
    names = [
        participant.full_name,
        participant.last_name,
        participant.first_name,
        participant.middle_name,
    ]
    pattern = name_pattern(names)
    with archive_guard_lifted():
        mentor = Mentor.objects.filter(participant=participant).first()
        mentee_ids = list(participant.mentee_entries.values_list("pk", flat=True))
        _erase_records(participant)
        _scrub_work(mentor, mentee_ids, pattern)
        _scrub_fields(
            MentoringAgreement.objects.filter(Q(mentor=mentor) | Q(mentees=participant)).distinct(),
            pattern,
        )
        _erase_person(participant, by)
        record = AnonymisationRecord.objects.create(
            participant=participant, by=by, reason=reason.strip()
        )
        other = phrases(
            participant_anonymised.send(
                sender=Participant, participant=participant, names=names, by=by
            )
        )
        _scrub_audit_log(participant, mentor, mentee_ids)
    events.record(
        "participant.anonymised",
        by=by,
        participant=participant.pk,
        school=participant.school_id,
        record=record.pk,
    )
    return AnonymisationOutcome(record=record, other=other)


def _erase_records(participant: Participant) -> None:
    """The registry's records of the person, as the map says. The person and their account go
    last (``_erase_person``); the surveys' and the reports' records go with the signal."""
    for entry in personal_data.persons_records():
        if entry.model_class._meta.app_label != "registry" or entry.model_class is Participant:
            continue
        if entry.delete:
            personal_data.delete_rows(entry.rows_of(participant))
        elif entry.with_action(Action.ERASE):
            for row in entry.rows_of(participant):
                personal_data.erase_and_save(row)


def _scrub_fields(rows, pattern) -> None:
    for row in rows:
        changed = personal_data.scrub_row(row, lambda text: scrub(text, pattern))
        if changed:
            row.save(update_fields=changed)


def _scrub_work(mentor: Mentor | None, mentee_ids: list[int], pattern) -> None:
    """The person's name in what others wrote about their pairs."""
    pairs = Pair.objects.filter(Q(mentor=mentor) | Q(mentees__in=mentee_ids)).distinct()
    pair_ids = list(pairs.values_list("pk", flat=True))
    _scrub_fields(Pair.objects.filter(pk__in=pair_ids), pattern)
    _scrub_fields(Meeting.objects.filter(pair__in=pair_ids), pattern)
    _scrub_fields(DiaryEntry.objects.filter(pair__in=pair_ids), pattern)
    _scrub_fields(SupportContact.objects.filter(pair__in=pair_ids), pattern)
    _scrub_fields(Case.objects.filter(pair__in=pair_ids), pattern)
    for award in Award.objects.filter(Q(pair__in=pair_ids) | Q(mentor=mentor)):
        if award.kind == Award.Kind.PARENTS_LETTER and mentee_ids:
            award.recipient_name = ""  # the parents of the person
        personal_data.scrub_row(award, lambda text: scrub(text, pattern))
        award.save(update_fields=["recipient_name", "note"])


def _erase_person(participant: Participant, by: User | None) -> None:
    user = participant.user
    personal_data.erase_row(participant)
    participant.updated_by = by
    participant.save()
    if user is not None:
        _erase_account(user, participant)


def _erase_account(user: User, participant: Participant) -> None:
    """A participant's own account goes; an account with other roles is only unlinked."""
    other_roles = user.memberships.exclude(role=Role.MENTOR, school=participant.school_id)
    if user.is_staff or user.is_superuser or other_roles.exists() or user.participants.exists():
        return
    personal_data.delete_rows(user.memberships.all())
    personal_data.delete_rows(user.calendar_feeds.all())
    personal_data.erase_row(user)
    user.save()


def audited_erased_fields(model_name: str) -> set[str]:
    """Values the audit trail loses: the erased fields and the link that names the person."""
    entry = personal_data.declaration(f"registry.{model_name}")
    erased = {mapped.name for mapped in entry.with_action(Action.ERASE)}
    return erased | {lookup.split("__")[0] for lookup in entry.person if lookup != "pk"}


def _scrub_audit_log(participant: Participant, mentor, mentee_ids: list[int]) -> None:
    """The audit trail keeps who changed what and when, but not the erased values."""
    if not apps.is_installed("auditlog"):
        return
    from django.contrib.contenttypes.models import ContentType

    LogEntry = apps.get_model("auditlog", "LogEntry")
    objects = {
        "participant": [participant.pk],
        "consent": list(participant.consents.values_list("pk", flat=True)),
        "certificate": list(participant.certificates.values_list("pk", flat=True)),
        "mentor": [mentor.pk] if mentor else [],
        "mentee": mentee_ids,
    }
    for model_name, ids in objects.items():
        if not ids:
            continue
        content_type = ContentType.objects.get_by_natural_key("registry", model_name)
        erased = audited_erased_fields(model_name)
        entries = LogEntry.objects.filter(
            content_type=content_type, object_pk__in=[str(pk) for pk in ids]
        )
        for entry in entries:
            changes = entry.changes if isinstance(entry.changes, dict) else {}
            entry.changes = {
                name: (PLACEHOLDER if name in erased else value) for name, value in changes.items()
            }
            entry.object_repr = placeholder_name(participant)
            entry.serialized_data = None
            entry.changes_text = ""
            entry.save(update_fields=["changes", "object_repr", "serialized_data", "changes_text"])
