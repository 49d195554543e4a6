"""Custom forms (eigen formulieren): templates with questions, and answers per work order."""

from __future__ import annotations

from typing import ClassVar, Self

from django.db import models
from django.utils.translation import gettext_lazy as _

from simon.lib.registration import Registration
from simon.tenants.models import TenantModel, TenantQuerySet


class QuestionKind(models.TextChoices):
    TEXT = "text", _("Tekst")
    NUMBER = "number", _("Getal")
    YES_NO = "yes_no", _("Ja/nee")
    CHOICE = "choice", _("Keuze")
    DATE = "date", _("Datum")
    SIGNATURE = "signature", _("Handtekening")


class FormTemplateQuerySet(TenantQuerySet["FormTemplate"]):
    def visible(self) -> Self:
        return self.filter(active=True)


FormTemplateManager = models.Manager.from_queryset(FormTemplateQuerySet)


class FormTemplate(TenantModel):
    name = models.CharField(_("naam"), max_length=100)
    description = models.TextField(_("omschrijving"), blank=True)
    active = models.BooleanField(_("actief"), default=True)
    created = models.DateTimeField(_("aangemaakt"), auto_now_add=True)
    modified = models.DateTimeField(_("gewijzigd"), auto_now=True)

    objects: ClassVar[FormTemplateManager[FormTemplate]] = FormTemplateManager()

    class Meta:
        verbose_name = _("formulier")
        verbose_name_plural = _("formulieren")
        ordering = ["name", "id"]

    def __str__(self) -> str:
        return self.name


class Question(TenantModel):
    template = models.ForeignKey(
        FormTemplate,
        on_delete=models.CASCADE,
        related_name="questions",
        verbose_name=_("formulier"),
    )
    position = models.PositiveIntegerField(_("volgorde"), default=0)
    label = models.CharField(_("vraag"), max_length=250)
    help_text = models.CharField(_("toelichting"), max_length=250, blank=True)
    kind = models.CharField(_("soort"), max_length=20, choices=QuestionKind.choices)
    required = models.BooleanField(_("verplicht"), default=False)
    # For 'keuze' questions: the options, a JSON list of strings.
    choices = models.JSONField(_("keuzes"), default=list, blank=True)

    class Meta:
        verbose_name = _("vraag")
        verbose_name_plural = _("vragen")
        ordering = ["template_id", "position", "id"]

    def __str__(self) -> str:
        return self.label


class FormResponse(Registration, TenantModel):
    """One filled-in form on a work order; a template may be attached more than once."""

    work_order = models.ForeignKey(
        "workorders.WorkOrder",
        on_delete=models.CASCADE,
        related_name="form_responses",
        verbose_name=_("werkbon"),
    )
    # RESTRICT: a used template is deactivated, never deleted on its own, so answers keep
    # meaning; deleting the whole organization still works (see WorkOrder.customer).
    template = models.ForeignKey(
        FormTemplate,
        on_delete=models.RESTRICT,
        related_name="responses",
        verbose_name=_("formulier"),
    )
    modified = models.DateTimeField(_("gewijzigd"), auto_now=True)
    completed = models.BooleanField(_("ingevuld"), default=False)

    class Meta(Registration.Meta):
        verbose_name = _("ingevuld formulier")
        verbose_name_plural = _("ingevulde formulieren")
        ordering = ["created", "id"]

    def __str__(self) -> str:
        return f"{self.template} - {self.work_order}"


class Answer(TenantModel):
    response = models.ForeignKey(
        FormResponse, on_delete=models.CASCADE, related_name="answers", verbose_name=_("formulier")
    )
    question = models.ForeignKey(
        Question, on_delete=models.RESTRICT, related_name="answers", verbose_name=_("vraag")
    )
    # Stored per kind: text/choice/signature str, number as a decimal str (exact), yes_no bool,
    # date as 'YYYY-MM-DD'.
    value = models.JSONField(_("antwoord"), null=True, blank=True)
    modified = models.DateTimeField(_("gewijzigd"), auto_now=True)

    class Meta:
        verbose_name = _("antwoord")
        verbose_name_plural = _("antwoorden")
        constraints = [
            models.UniqueConstraint(
                fields=["response", "question"], name="answer_unique_per_question"
            )
        ]

    def __str__(self) -> str:
        return f"{self.question}: {self.value}"
