"""'Eigen formulieren' (office): templates and their questions, which field staff fill in on a
work order. Objects are fetched only through ``get_for_request`` (another tenant's: 404)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from simon.forms import services
from simon.forms.errors import FormError
from simon.forms.forms import QuestionForm, TemplateForm
from simon.forms.models import FormTemplate, Question
from simon.lib.form_submit import apply_domain_error
from simon.tenants.scoping import get_for_request, office_required
from simon.tenants.types import MemberRequest


def _template(request: HttpRequest, code: str) -> FormTemplate:
    return get_for_request(FormTemplate, request, code)


def _question(request: HttpRequest, template: FormTemplate, question_code: str) -> Question:
    return get_for_request(Question.objects.filter(template=template), request, question_code)


def _question_initial(question: Question) -> dict[str, Any]:
    return {
        "label": question.label,
        "kind": question.kind,
        "required": question.required,
        "help_text": question.help_text,
        "choices": "\n".join(question.choices or []),
    }


def _questions_response(
    request: HttpRequest, template: FormTemplate, *, invalid: bool = False, **context: Any
) -> HttpResponse:
    """The questions section (htmx) or the page: redirect after success, render on errors."""
    if getattr(request, "htmx", False) or invalid or context:
        context.setdefault("question_form", QuestionForm(prefix="nieuw"))
        context.update(
            template=template,
            questions=list(template.questions.all()),
            form=context.get("form") or TemplateForm(initial=_template_initial(template)),
        )
        name = "forms/_questions.html" if getattr(request, "htmx", False) else "forms/detail.html"
        return render(request, name, context)
    return redirect(reverse("forms:template_detail", kwargs={"code": template.code}) + "#vragen")


def _template_initial(template: FormTemplate) -> dict[str, Any]:
    return {"name": template.name, "description": template.description}


@require_GET
@office_required
def template_list(request: MemberRequest) -> HttpResponse:
    templates = (
        FormTemplate.objects.filter(organization=request.organization)
        .annotate(question_count=Count("questions", distinct=True))
        .annotate(use_count=Count("responses", distinct=True))
        .order_by("-active", "name", "id")
    )
    return render(request, "forms/list.html", {"templates": templates})


@office_required
def template_create(request: MemberRequest) -> HttpResponse:
    form = TemplateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            template = services.create_template(
                request.organization, by=request.user, **form.cleaned_data
            )
        except FormError as error:
            apply_domain_error(form, error)
        else:
            messages.success(
                request,
                _("Formulier '%(name)s' is aangemaakt. Voeg nu de vragen toe.")
                % {"name": template.name},
            )
            return redirect("forms:template_detail", code=template.code)
    return render(request, "forms/create.html", {"form": form})


@office_required
def template_detail(request: MemberRequest, code: str) -> HttpResponse:
    """The template with its questions; POST saves the name and description."""
    template = _template(request, code)
    form = TemplateForm(request.POST or None, initial=_template_initial(template))
    if request.method == "POST" and form.is_valid():
        try:
            services.update_template(template, by=request.user, **form.cleaned_data)
        except FormError as error:
            apply_domain_error(form, error)
        else:
            messages.success(
                request, _("Formulier '%(name)s' is opgeslagen.") % {"name": template.name}
            )
            return redirect("forms:template_detail", code=template.code)
    return render(
        request,
        "forms/detail.html",
        {
            "template": template,
            "form": form,
            "questions": list(template.questions.all()),
            "question_form": QuestionForm(prefix="nieuw"),
        },
    )


@require_POST
@office_required
def template_toggle(request: MemberRequest, code: str) -> HttpResponse:
    """Deactivate (or activate again): a used template is never deleted, answers keep meaning."""
    template = _template(request, code)
    services.update_template(template, by=request.user, active=not template.active)
    if template.active:
        text = _("Formulier '%(name)s' is weer actief.")
    else:
        text = _(
            "Formulier '%(name)s' is gedeactiveerd; "
            "het kan niet meer aan werkbonnen worden toegevoegd."
        )
    messages.success(request, text % {"name": template.name})
    return redirect("forms:template_detail", code=template.code)


@require_POST
@office_required
def question_add(request: MemberRequest, code: str) -> HttpResponse:
    template = _template(request, code)
    form = QuestionForm(request.POST, prefix="nieuw")
    if form.is_valid():
        try:
            services.add_question(template, by=request.user, **form.cleaned_data)
        except FormError as error:
            apply_domain_error(form, error)
        else:
            return _questions_response(request, template)
    return _questions_response(request, template, invalid=True, question_form=form)


@office_required
def question_edit(request: MemberRequest, code: str, question_code: str) -> HttpResponse:
    """GET: the question as a form in the list. POST: save it; stays open on errors."""
    template = _template(request, code)
    question = _question(request, template, question_code)
    prefix = "wijzig"
    if request.method != "POST":
        form = QuestionForm(initial=_question_initial(question), prefix=prefix)
        return _questions_response(request, template, editing=question.code, edit_form=form)
    form = QuestionForm(request.POST, prefix=prefix)
    if form.is_valid():
        try:
            services.update_question(question, by=request.user, **form.cleaned_data)
        except FormError as error:
            apply_domain_error(form, error)
        else:
            return _questions_response(request, template)
    return _questions_response(
        request, template, invalid=True, editing=question.code, edit_form=form
    )


@require_POST
@office_required
def question_move(request: MemberRequest, code: str, question_code: str) -> HttpResponse:
    """'Omhoog' / 'Omlaag': one place up or down."""
    template = _template(request, code)
    question = _question(request, template, question_code)
    step = -1 if request.POST.get("direction") == "up" else 1
    # From the place in the list, not the stored number: positions may have gaps.
    place = [q.pk for q in template.questions.all()].index(question.pk) + 1
    services.move_question(question, max(place + step, 1), by=request.user)
    return _questions_response(request, template)


@require_POST
@office_required
def question_delete(request: MemberRequest, code: str, question_code: str) -> HttpResponse:
    template = _template(request, code)
    question = _question(request, template, question_code)
    try:
        services.delete_question(question, by=request.user)
    except FormError as error:
        return _questions_response(request, template, invalid=True, question_error=error.message)
    return _questions_response(request, template)
