"""How well a registry mentor fits a mentee: a score 0–100 and the reasons for and against.

Criteria (each weighted; a school may change the weights, ``MatchingWeights``):
- competence: the mentor's competencies and «Чем я могу быть полезен» against the mentee's request
  text and categories (overlap of 5-letter word stems);
- subject: a teacher mentee's subject against the mentor's subject and competencies;
- form: a form of mentoring fits the pair (``services.pairs.form_problems`` explains a misfit);
- age: students — a mentor 2–4 grades older; teachers — 5 or more years more experience;
- capacity: the mentor's free places (capacity minus open load).
Criteria that do not apply to the pair (subject for a student) do not count. Hard rules — in the
registry, documents, a free place, a fitting form — make the pair unfit: it keeps its reasons but
ranks below every fitting mentor and is never assigned.

Sensitive request categories (ОВЗ, difficult life situation, behaviour) count in the score for
every reader, so the ranking and the proposal do not depend on who looks. Only the explanation
depends on the reader (``Context.explain_sensitive``, from the ``sensitive.read`` permission of
``mentoring.access``): for someone who may not see those categories the reasons are the ones the
mentee would get without them — neither the category nor the competency it matched is named.
"""

import datetime
from dataclasses import dataclass, field

from django.db.models import Count
from django.utils import timezone

from mentoring.text import plural

from ..document_checks import Flags, with_document_flags
from ..models import MatchingWeights, Mentee, Mentor, MentoringForm, Pair, Participant, RoleModel
from ..services.pairs import form_problems, people_problems, rematch_problem, rematch_waits
from .text import stems

CRITERIA = {
    "competence": "Компетенции и запрос",
    "subject": "Предмет педагога",
    "form": "Форма наставничества",
    "age": "Разница в классах или стаже",
    "capacity": "Свободные места у наставника",
}
DEFAULT_WEIGHTS = {"competence": 35, "subject": 15, "form": 20, "age": 15, "capacity": 15}


def weights_for(school) -> dict[str, int]:
    """The default weights, overridden by the school's saved ones."""
    weights = dict(DEFAULT_WEIGHTS)
    saved = MatchingWeights.objects.filter(school=school).values_list("weights", flat=True).first()
    for key, value in (saved or {}).items():
        if key in weights and isinstance(value, int) and 0 <= value <= 100:
            weights[key] = value
    return weights


@dataclass(frozen=True)
class Reason:
    text: str
    weight: int = 0
    hard: bool = False


@dataclass
class Suggestion:
    mentor: Mentor
    score: int
    fits: bool
    reasons_for: list[Reason]
    reasons_against: list[Reason]
    form: MentoringForm | None = None
    role_model: RoleModel | None = None
    free: int = 0
    # The mentee's pair ended early within the waiting period: the curator may still form the
    # pair with a written reason when that is the only rule broken.
    needs_note: bool = False

    @property
    def top_reasons(self) -> list[Reason]:
        return self.reasons_for[:3]


@dataclass
class Context:
    """What scoring needs beyond the two people, loaded once for a school."""

    weights: dict[str, int]
    forms: list[MentoringForm]
    loads: dict[int, int]
    today: datetime.date
    explain_sensitive: bool = False
    mentor_stems: dict = field(default_factory=dict)
    form_fits: dict = field(default_factory=dict)
    mentee_flags: dict = field(default_factory=dict)
    rematch_waits: dict = field(default_factory=dict)

    @property
    def roles(self) -> dict[int, list[RoleModel]]:
        if not hasattr(self, "_roles"):
            self._roles = {form.pk: list(form.role_models.all()) for form in self.forms}
        return self._roles

    @classmethod
    def for_school(
        cls, school, *, weights=None, today=None, explain_sensitive: bool = False
    ) -> "Context":
        """``explain_sensitive``: the reader may see sensitive categories named in reasons."""
        forms = list(MentoringForm.objects.prefetch_related("role_models"))
        forms.sort(key=lambda f: (f.for_colleges, f.position))
        day = today or timezone.localdate()
        return cls(
            weights=weights or weights_for(school),
            forms=forms,
            loads=open_loads(school),
            today=day,
            explain_sensitive=explain_sensitive,
            rematch_waits=early_closures(school, day),
        )


def open_loads(school) -> dict[int, int]:
    """Mentor id → mentees in open pairs, as ``services.pairs.open_load`` counts, in one query."""
    rows = (
        Pair.mentees.through.objects.filter(
            pair__in=Pair.objects.open(), pair__mentor__school=school
        )
        .values("pair__mentor_id")
        .annotate(n=Count("id"))
    )
    return {row["pair__mentor_id"]: row["n"] for row in rows}


def early_closures(school, today) -> dict[int, "datetime.date"]:
    """Participant id → the end of their pair that ended early within the waiting period of
    ``services.pairs.rematch_waits``, for the school's mentees, in one query."""
    people = Mentee.objects.filter(programme__school=school).values_list(
        "participant_id", flat=True
    )
    return rematch_waits(people, today)


def mentor_rows(school):
    """The school's mentors with documents flags and competencies (a fixed number of queries)."""
    return with_document_flags(
        Mentor.objects.filter(school=school)
        .select_related("participant")
        .prefetch_related("competencies"),
        "participant",
    )


@dataclass(frozen=True)
class Request:
    """Stems of a mentee's request: ``visible`` (text, ordinary categories) and ``hidden`` (stems
    only sensitive categories bring)."""

    visible: frozenset[str]
    hidden: frozenset[str] = frozenset()

    @property
    def every(self) -> frozenset[str]:
        return self.visible | self.hidden


def mentee_stems(mentee: Mentee) -> Request:
    visible, sensitive = stems(mentee.request_text), set()
    for category in mentee.categories.all():
        (sensitive if category.sensitive else visible).update(stems(category.name))
    return Request(frozenset(visible), frozenset(sensitive - visible))


def _mentor_profile(mentor: Mentor, ctx: Context):
    profile = ctx.mentor_stems.get(mentor.pk)
    if profile is None:
        competencies = [(c.name, stems(c.name)) for c in mentor.competencies.all()]
        profile = (competencies, stems(mentor.offer), stems(mentor.participant.subject))
        ctx.mentor_stems[mentor.pk] = profile
    return profile


def _competence_reasons(competencies, offer, wanted) -> tuple[list[str], list[str]]:
    if not wanted:
        return [], []
    matched = [name for name, own in competencies if own & wanted]
    pros = [f"компетенция «{name}» совпадает с запросом" for name in matched[:3]]
    if offer & wanted:
        pros.append("«Чем я могу быть полезен» отвечает на запрос")
    return (pros, []) if pros else ([], ["компетенции наставника не совпадают с запросом"])


def competence_fraction(matched: bool, offered: bool) -> float:
    """A competency matching the request counts more than «Чем я могу быть полезен» alone."""
    return 1.0 if matched and offered else 0.7 if matched else 0.5 if offered else 0.0


def subject_fraction(matched: bool) -> float:
    return 1.0 if matched else 0.0


def subject_stems(person: Participant) -> set[str]:
    """The stems of a teacher mentee's subject: empty when the subject criterion does not apply."""
    if person.kind != Participant.Kind.TEACHER:
        return set()
    return stems(person.subject)


def _competence(mentor, request: Request, ctx):
    """The fraction from the whole request; the reasons from what the reader may see."""
    wanted = request.every
    if not wanted:
        return None, [], []
    competencies, offer, _ = _mentor_profile(mentor, ctx)
    matched = any(own & wanted for _, own in competencies)
    fraction = competence_fraction(matched, bool(offer & wanted))
    shown = wanted if ctx.explain_sensitive else request.visible
    pros, cons = _competence_reasons(competencies, offer, shown)
    return fraction, pros, cons


def _subject(mentor, mentee, ctx):
    person = mentee.participant
    wanted = subject_stems(person)
    if not wanted:
        return None, [], []
    competencies, _, subject = _mentor_profile(mentor, ctx)
    own = set(subject)
    for _, tags in competencies:
        own |= tags
    if wanted & own:
        return subject_fraction(True), [f"предмет «{person.subject}» совпадает"], []
    return (
        subject_fraction(False),
        [],
        [f"предмет наставляемого «{person.subject}» не совпадает с предметом наставника"],
    )


def _decide_form(mentor, mentee, ctx):
    """(fraction, reason, form, role model) of the first fitting form, or Nones."""
    mp, ep = mentor.participant, mentee.participant
    relevant = [f for f in ctx.forms if ep.kind in f.mentee_kinds]
    for form in relevant:
        if not form_problems(mentor, [mentee], form, None):
            roles = [r for r in ctx.roles[form.pk] if not r.same_grade]
            return 1.0, f"подходит форма «{form}»", form, roles[0] if roles else None
    younger = mp.grade is not None and ep.grade is not None and mp.grade < ep.grade
    for form in relevant:
        for role in ctx.roles[form.pk]:
            if role.same_grade and not younger and not form_problems(mentor, [mentee], form, role):
                return 0.5, f"подходит форма «{form}», ролевая модель «{role}»", form, role
    return None, None, None, None


def form_key(person: Participant) -> tuple:
    """What of a person the fitting form depends on (``_decide_form``)."""
    return person.kind, person.grade


def form_fit(mentor, mentee, ctx):
    """``_decide_form`` of the pair, cached per the kinds and grades of the two people."""
    key = (form_key(mentor.participant), form_key(mentee.participant))
    if key not in ctx.form_fits:
        ctx.form_fits[key] = _decide_form(mentor, mentee, ctx)
    return ctx.form_fits[key]


def _form(mentor, mentee, ctx):
    """(fraction, pros, cons, form, role model); fraction None means no form fits (hard).

    Whether a form fits depends only on the kinds and grades of the two people, so the decision
    is cached per such combination; the explanation of a misfit names the people.
    """
    mp, ep = mentor.participant, mentee.participant
    fraction, reason, form, role = form_fit(mentor, mentee, ctx)
    if form is not None:
        return fraction, [reason], [], form, role
    with_mentor = [f for f in ctx.forms if ep.kind in f.mentee_kinds and mp.kind in f.mentor_kinds]
    if with_mentor:
        cons = form_problems(mentor, [mentee], with_mentor[0], None)
    else:
        cons = [
            f"нет формы наставничества, где {mp.get_kind_display().lower()} — наставник "
            f"участника категории «{ep.get_kind_display().lower()}»"
        ]
    return None, [], cons, None, None


def age_key(person: Participant) -> tuple:
    """What of a person ``_age`` reads."""
    return person.kind, person.grade, person.experience_years


def _age(mentor, mentee):
    mp, ep = mentor.participant, mentee.participant
    student = Participant.Kind.STUDENT
    if mp.kind == student and ep.kind == student and mp.grade and ep.grade:
        d = mp.grade - ep.grade
        classes = f"{abs(d)} {plural(d, 'класс', 'класса', 'классов')}"
        if 2 <= d <= 4:
            return 1.0, [f"наставник старше на {classes}"], []
        if d == 1:
            return 0.6, [f"наставник старше на {classes}"], []
        if d > 4:
            return 0.6, [], [f"наставник старше на {classes} (лучше на 2–4)"]
        if d == 0:
            return 0.3, [], ["наставник из той же параллели"]
        return 0.0, [], [f"наставник младше на {classes}"]
    teacher = Participant.Kind.TEACHER
    if mp.kind == teacher and ep.kind == teacher:
        if mp.experience_years is None or ep.experience_years is None:
            return None, [], []
        d = mp.experience_years - ep.experience_years
        years = f"{d} {plural(d, 'год', 'года', 'лет')}"
        if d >= 5:
            return 1.0, [f"стаж наставника больше на {years}"], []
        if d > 0:
            return 0.4, [], [f"стаж наставника больше лишь на {years} (лучше от 5 лет)"]
        return 0.0, [], ["стаж наставника не больше, чем у наставляемого"]
    return None, [], []


def free_places(mentor: Mentor, ctx: "Context") -> int:
    return mentor.capacity - ctx.loads.get(mentor.pk, 0)


def capacity_fraction(mentor: Mentor, free: int) -> float:
    return free / mentor.capacity if free > 0 else 0.0


def document_key(person: Participant, flags: Flags, today: datetime.date) -> tuple:
    """What of a person ``services.pairs.people_problems`` reads."""
    return flags, person.is_minor(today), person.kind


def _document_problems(mentor, mentee, ctx: "Context") -> list[str]:
    """The documents rule of forming a pair (``services.pairs.people_problems``), for both."""
    if mentee.pk not in ctx.mentee_flags:
        ctx.mentee_flags[mentee.pk] = Flags.of(mentee)
    mentor_flags, mentee_flags = Flags.of(mentor), ctx.mentee_flags[mentee.pk]

    def flags_of(person):
        return mentor_flags if person.pk == mentor.participant_id else mentee_flags

    blockers = people_problems(mentor.participant, [mentee.participant], ctx.today, flags_of)
    return [str(blocker) for blocker in blockers]


def score(mentee: Mentee, mentor: Mentor, ctx: Context, wanted: Request | None = None):
    """The suggestion of one mentor for one mentee, with every reason the reader may see."""
    if wanted is None:
        wanted = mentee_stems(mentee)
    w = ctx.weights
    hard = []
    if not mentor.in_registry:
        hard.append(f"не в реестре наставников (статус «{mentor.get_status_display()}»)")
    if mentor.participant_id == mentee.participant_id:
        hard.append("это сам наставляемый")
    hard += _document_problems(mentor, mentee, ctx)
    ended = ctx.rematch_waits.get(mentee.participant_id)
    rematch = rematch_problem("Наставляемый", ended) if ended else None
    free = free_places(mentor, ctx)
    if free > 0:
        places = plural(free, "место", "места", "мест")
        capacity = (
            capacity_fraction(mentor, free),
            [f"свободно {free} {places} из {mentor.capacity}"],
            [],
        )
    else:
        hard.append(f"нет свободных мест: занято {mentor.capacity - free} из {mentor.capacity}")
        capacity = (0.0, [], [])
    form_fraction, form_pros, form_cons, form, role = _form(mentor, mentee, ctx)
    hard += form_cons
    parts = {
        "competence": _competence(mentor, wanted, ctx),
        "subject": _subject(mentor, mentee, ctx),
        "form": (form_fraction or 0.0, form_pros, []),
        "age": _age(mentor, mentee),
        "capacity": capacity,
    }
    # Added one by one in the order of CRITERIA, as ``matrix.score_matrix`` adds them.
    total, points = 0, 0.0
    for key in CRITERIA:
        fraction = parts[key][0]
        if fraction is not None:
            total += w[key]
            points = points + w[key] * fraction
    value = round(100 * points / total) if total else 0
    pros, cons = [], [Reason(text, 0, hard=True) for text in hard]
    for key, (_, for_, against) in sorted(parts.items(), key=lambda kv: -w[kv[0]]):
        pros += [Reason(text, w[key]) for text in for_]
        cons += [Reason(text, w[key]) for text in against]
    fits = not hard and rematch is None
    if rematch:
        cons.insert(0, Reason(rematch, 0, hard=True))
    return Suggestion(
        mentor=mentor,
        score=max(1, value) if fits else value,
        fits=fits,
        reasons_for=pros,
        reasons_against=cons,
        form=form,
        role_model=role,
        free=max(free, 0),
        needs_note=rematch is not None and not hard,
    )


def _order(suggestion: Suggestion):
    return (
        not suggestion.fits,
        not suggestion.mentor.in_registry,
        -suggestion.score,
        suggestion.mentor.participant.full_name,
    )


def rank(
    mentee: Mentee, *, ctx: Context | None = None, sensitive: bool = False
) -> list[Suggestion]:
    """Every mentor of the school for the mentee, best first; unfit mentors after fitting ones.

    ``sensitive``: explained to a reader who may see sensitive categories (without ``ctx``).
    """
    school = mentee.programme.school
    ctx = ctx or Context.for_school(school, explain_sensitive=sensitive)
    wanted = mentee_stems(mentee)
    found = [score(mentee, mentor, ctx, wanted) for mentor in mentor_rows(school)]
    return sorted(found, key=_order)


def suggest_one(mentee: Mentee, mentor: Mentor) -> Suggestion:
    """The suggestion for one chosen mentor (re-read with the document flags)."""
    school = mentee.programme.school
    ctx = Context.for_school(school)
    return score(mentee, mentor_rows(school).get(pk=mentor.pk), ctx)
