"""Form templates and filling them in on a work order (eigen formulieren, SPEC S6).

Templates are office work (``by`` must be beheerder or kantoor; None: the system). Attaching
and answering follow the work order's rules (``simon.workorders.permissions``): a monteur only
on their own orders while open or planned, the office until archived.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import Max, RestrictedError
from django.utils.translation import gettext as _

from simon.forms.errors import FormError
from simon.forms.models import Answer, FormResponse, FormTemplate, Question, QuestionKind
from simon.forms.validation import InvalidAnswer, clean_answer, is_empty
from simon.tenants.membership import require_office
from simon.tenants.models import Organization
from simon.tenants.types import User
from simon.workorders.errors import RegistrationConflict
from simon.workorders.models import WorkOrder
from simon.workorders.permissions import require_edit
from simon.workorders.services.common import lock
from simon.workorders.services.idempotency import earlier_registration


@dataclass(frozen=True)
class FieldError:
    """One refused answer: ``key`` as the caller gave it, the question when known, why."""

    key: str
    question: Question | None
    message: str


def create_template(
    organization: Organization, *, name: str, description: str = "", by: User | None = None
) -> FormTemplate:
    if by is not None:
        require_office(by, organization)
    name = (name or "").strip()
    if not name:
        raise FormError(_("Vul de naam van het formulier in."), field="name")
    return FormTemplate.objects.create(
        organization=organization, name=name, description=(description or "").strip()
    )


def update_template(
    template: FormTemplate, *, by: User | None = None, **fields: Any
) -> FormTemplate:
    """Change name, description or active (deactivate instead of deleting a used template)."""
    unknown = set(fields) - {"name", "description", "active"}
    if unknown:
        raise TypeError(f"unknown fields: {', '.join(sorted(unknown))}")
    if by is not None:
        require_office(by, template.organization)
    if "name" in fields and not (fields["name"] or "").strip():
        raise FormError(_("Vul de naam van het formulier in."), field="name")
    for key, value in fields.items():
        setattr(template, key, value.strip() if isinstance(value, str) else value)
    template.save()
    return template


def _clean_choices(kind: str, choices: Iterable[Any] | None) -> list[str]:
    if kind != QuestionKind.CHOICE:
        return []
    options = [str(c).strip() for c in (choices or []) if str(c).strip()]
    if len(options) < 2 or len(set(options)) != len(options):
        raise FormError(_("Geef minstens twee verschillende keuzes op."), field="choices")
    return options


def add_question(
    template: FormTemplate,
    *,
    label: str,
    kind: str,
    required: bool = False,
    help_text: str = "",
    choices: Iterable[Any] | None = None,
    by: User | None = None,
) -> Question:
    """Add a question at the end of the template."""
    if by is not None:
        require_office(by, template.organization)
    if kind not in QuestionKind.values:
        raise FormError(_("Kies het soort vraag."), field="kind")
    label = (label or "").strip()
    if not label:
        raise FormError(_("Vul de vraag in."), field="label")
    with transaction.atomic():
        last = template.questions.aggregate(last=Max("position"))["last"] or 0
        return Question.objects.create(
            organization_id=template.organization_id,
            template=template,
            position=last + 1,
            label=label,
            help_text=(help_text or "").strip(),
            kind=kind,
            required=required,
            choices=_clean_choices(kind, choices),
        )


def move_question(question: Question, position: int, *, by: User | None = None) -> Question:
    """Put the question at ``position`` (1-based, clamped) and renumber the template 1..n."""
    if by is not None:
        require_office(by, question.organization)
    with transaction.atomic():
        siblings = list(
            Question.objects.select_for_update()
            .filter(template_id=question.template_id)
            .exclude(pk=question.pk)
            .order_by("position", "id")
        )
        index = min(max(int(position), 1), len(siblings) + 1) - 1
        siblings.insert(index, question)
        for number, item in enumerate(siblings, start=1):
            item.position = number
        Question.objects.bulk_update(siblings, ["position"])
    return question


QUESTION_FIELDS = ("label", "kind", "required", "help_text", "choices")


def update_question(question: Question, *, by: User | None = None, **fields: Any) -> Question:
    """Change a question's label, kind, required flag, help text or choices.

    The kind of a question that was already answered stays: stored answers are typed by it.
    Raises FormError.
    """
    unknown = set(fields) - set(QUESTION_FIELDS)
    if unknown:
        raise TypeError(f"unknown fields: {', '.join(sorted(unknown))}")
    if by is not None:
        require_office(by, question.organization)
    kind = fields.get("kind", question.kind)
    if kind not in QuestionKind.values:
        raise FormError(_("Kies het soort vraag."), field="kind")
    if kind != question.kind and question.answers.exists():
        raise FormError(
            _("Deze vraag is al beantwoord; het soort vraag kan niet meer veranderen."),
            field="kind",
        )
    if "label" in fields:
        label = (fields["label"] or "").strip()
        if not label:
            raise FormError(_("Vul de vraag in."), field="label")
        question.label = label
    if "help_text" in fields:
        question.help_text = (fields["help_text"] or "").strip()
    if "required" in fields:
        question.required = bool(fields["required"])
    question.choices = _clean_choices(kind, fields.get("choices", question.choices))
    question.kind = kind
    question.save()
    return question


def delete_question(question: Question, *, by: User | None = None) -> None:
    """Remove a question that was never answered and renumber the rest 1..n.

    An answered question stays (answers keep their meaning): the database refuses the delete
    (RESTRICT), which avoids a check-then-act race with someone answering it right now.
    Raises FormError.
    """
    if by is not None:
        require_office(by, question.organization)
    try:
        with transaction.atomic():
            template_id = question.template_id
            question.delete()
            rest = list(
                Question.objects.select_for_update()
                .filter(template_id=template_id)
                .order_by("position", "id")
            )
            for number, item in enumerate(rest, start=1):
                item.position = number
            Question.objects.bulk_update(rest, ["position"])
    except RestrictedError:
        raise FormError(
            _(
                "Deze vraag is al beantwoord op een werkbon en kan niet worden verwijderd. "
                "Zet het formulier op inactief en maak een nieuw formulier."
            )
        ) from None


def attach_form(
    work_order: WorkOrder,
    template: FormTemplate,
    *,
    by: User | None,
    client_id: uuid.UUID | None = None,
) -> FormResponse:
    """Start filling in a template on a work order. Raises FormError, WorkOrderPermissionDenied.

    With a ``client_id`` that was used before, returns that response and attaches nothing.
    """
    with transaction.atomic():
        current = lock(work_order)
        earlier = earlier_registration(
            FormResponse, current.organization_id, client_id, by=by, work_order_code=current.code
        )
        if earlier is not None:
            return earlier
        require_edit(by, current)
        if template.organization_id != current.organization_id or not template.active:
            raise FormError(_("Onbekend formulier."), field="template")
        try:
            with transaction.atomic():
                return FormResponse.objects.create(
                    organization_id=current.organization_id,
                    work_order=current,
                    template=template,
                    created_by=by,
                    client_id=client_id,
                )
        except IntegrityError:
            raise RegistrationConflict(
                _("Deze app-id is al gebruikt voor een andere registratie."), field="client_id"
            ) from None


def fill_in_form(
    work_order: WorkOrder,
    template: FormTemplate,
    answers: Mapping[Any, Any],
    *,
    by: User | None,
    complete: bool = False,
    client_id: uuid.UUID | None = None,
) -> tuple[FormResponse | None, list[FieldError]]:
    """Attach ``template`` and store ``answers`` in one go, as the field app sends a form it
    filled in without a connection: all or nothing (with field errors nothing is attached).

    A ``client_id`` that was used before returns that response as it is now; the answers are
    not applied again (the office may have corrected them since).
    """
    with transaction.atomic():
        current = lock(work_order)
        earlier = earlier_registration(
            FormResponse, current.organization_id, client_id, by=by, work_order_code=current.code
        )
        if earlier is not None:
            return earlier, []
        response = attach_form(current, template, by=by, client_id=client_id)
        errors = answer_form(response, answers, by=by, complete=complete)
        if errors:
            transaction.set_rollback(True)
            return None, errors
    return response, []


def _find_question(questions: list[Question], key: Any) -> Question | None:
    for question in questions:
        if isinstance(key, int) and not isinstance(key, bool):
            if question.pk == key:
                return question
        elif str(question.code) == str(key).strip().lower() or str(question.pk) == str(key):
            return question
    return None


def answer_form(
    response: FormResponse,
    answers: Mapping[Any, Any],
    *,
    by: User | None,
    complete: bool = False,
) -> list[FieldError]:
    """Validate and store answers keyed by question code (or id); all or nothing.

    An empty value clears an answer. With ``complete`` every required question must be answered
    (stored or given now). Returns the field errors; when there are any, nothing is stored.
    Raises WorkOrderPermissionDenied when the user may not change the work order.
    """
    with transaction.atomic():
        work_order = lock(response.work_order)
        require_edit(by, work_order)
        questions = list(response.template.questions.all())
        errors: list[FieldError] = []
        cleaned: dict[int, Any] = {}
        for key, raw in answers.items():
            question = _find_question(questions, key)
            if question is None:
                errors.append(FieldError(str(key), None, _("Onbekende vraag.")))
                continue
            try:
                cleaned[question.pk] = clean_answer(question, raw)
            except InvalidAnswer as invalid:
                errors.append(FieldError(str(key), question, invalid.message))
        stored = dict(response.answers.values_list("question_id", "value"))
        merged = {**stored, **cleaned}
        missing = [q for q in questions if q.required and is_empty(merged.get(q.pk))]
        if complete:
            errors += [
                FieldError(str(q.code), q, _("Deze vraag is verplicht."))
                for q in missing
                if q.pk not in {e.question.pk for e in errors if e.question}
            ]
        if errors:
            return errors
        for question_id, value in cleaned.items():
            if value is None:
                response.answers.filter(question_id=question_id).delete()
                continue
            Answer.objects.update_or_create(
                response=response,
                question_id=question_id,
                defaults={"value": value},
                create_defaults={"value": value, "organization_id": response.organization_id},
            )
        response.completed = complete or (response.completed and not missing)
        response.save(update_fields=["completed", "modified"])
    return []


def answers_by_question(response: FormResponse) -> dict[uuid.UUID, Any]:
    """Stored answers keyed by question code, for showing a response."""
    return {a.question.code: a.value for a in response.answers.select_related("question")}
