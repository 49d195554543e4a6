"""Turning a raw answer (from an HTML form or JSON) into the stored value, per question kind."""

from __future__ import annotations

import base64
import binascii
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from django.utils.translation import gettext as _

from simon.forms import signatures
from simon.forms.models import Question, QuestionKind

MAX_TEXT_CHARS = 5000
# A signature drawn on a phone is a few KB as SVG and tens of KB as PNG; this bound keeps a
# runaway canvas (or an abuse of the field as file storage) out of the database.
MAX_SIGNATURE_CHARS = 300_000
PNG_PREFIX = "data:image/png;base64,"
YES = {"true", "1", "ja", "yes", "on", "j", "y"}
NO = {"false", "0", "nee", "no", "off", "n"}


class InvalidAnswer(ValueError):
    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def is_empty(raw: Any) -> bool:
    return raw is None or (isinstance(raw, str) and not raw.strip())


def clean_answer(question: Question, raw: Any) -> Any:
    """The value to store, or None for 'not answered'. Raises InvalidAnswer with a Dutch message."""
    if is_empty(raw):
        return None
    cleaner = {
        QuestionKind.TEXT: _text,
        QuestionKind.NUMBER: _number,
        QuestionKind.YES_NO: _yes_no,
        QuestionKind.CHOICE: _choice,
        QuestionKind.DATE: _date,
        QuestionKind.SIGNATURE: _signature,
    }[QuestionKind(question.kind)]
    return cleaner(question, raw)


def _text(question: Question, raw: Any) -> str:
    if not isinstance(raw, str):
        raise InvalidAnswer(_("Vul een tekst in."))
    value = raw.strip()
    if len(value) > MAX_TEXT_CHARS:
        raise InvalidAnswer(_("Gebruik maximaal %(max)s tekens.") % {"max": MAX_TEXT_CHARS})
    return value


def _number(question: Question, raw: Any) -> str:
    # Stored as a string: JSON numbers are floats, and 0.1 must stay exactly 0.1.
    if isinstance(raw, bool) or not isinstance(raw, int | float | str | Decimal):
        raise InvalidAnswer(_("Vul een getal in."))
    try:
        value = Decimal(str(raw).strip().replace(",", "."))
    except InvalidOperation:
        raise InvalidAnswer(_("Vul een getal in.")) from None
    if not value.is_finite():
        raise InvalidAnswer(_("Vul een getal in."))
    return str(value)


def _yes_no(question: Question, raw: Any) -> bool:
    if isinstance(raw, bool):
        return raw
    text = str(raw).strip().lower()
    if text in YES:
        return True
    if text in NO:
        return False
    raise InvalidAnswer(_("Kies ja of nee."))


def _choice(question: Question, raw: Any) -> str:
    value = str(raw).strip() if isinstance(raw, str | int) else None
    if value is None or value not in (question.choices or []):
        raise InvalidAnswer(_("Kies een van de mogelijkheden."))
    return value


def _date(question: Question, raw: Any) -> str:
    if isinstance(raw, date):
        return raw.isoformat()
    try:
        return date.fromisoformat(str(raw).strip()).isoformat()
    except ValueError:
        raise InvalidAnswer(_("Vul een datum in als JJJJ-MM-DD.")) from None


def _signature(question: Question, raw: Any) -> str:
    if not isinstance(raw, str):
        raise InvalidAnswer(_("Zet een handtekening."))
    value = raw.strip()
    if len(value) > MAX_SIGNATURE_CHARS:
        raise InvalidAnswer(_("De handtekening is te groot."))
    if not value.startswith(PNG_PREFIX):
        raise InvalidAnswer(_("De handtekening is geen geldige afbeelding."))
    try:
        data = base64.b64decode(value[len(PNG_PREFIX) :], validate=True)
    except (binascii.Error, ValueError):
        raise InvalidAnswer(_("De handtekening is geen geldige afbeelding.")) from None
    try:
        png = signatures.clean_png(data)
    except signatures.InvalidSignature as exc:
        raise InvalidAnswer(exc.message) from None
    return PNG_PREFIX + base64.b64encode(png).decode()
