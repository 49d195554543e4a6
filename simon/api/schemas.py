"""Request and response bodies. Objects are named by their UUID ``code``, never the id.

Decimals (quantities, hours, prices) are strings, so no client parses them into floats.
A response schema reads the model rows it is given (django-ninja validates from attributes);
a ``resolve_<field>`` static method computes what is not an attribute of the same name.
"""

from __future__ import annotations

import datetime as dt
import re
import uuid
from decimal import Decimal
from typing import TYPE_CHECKING, Annotated, Any

from django.db.models import F
from ninja import Field, Schema
from pydantic import AfterValidator, BeforeValidator, ConfigDict, WithJsonSchema, field_validator
from pydantic.config import JsonDict
from pydantic_core import PydanticCustomError

from simon.api.auth import caller
from simon.lib.dates import FIRST_DAY, LAST_DAY
from simon.workorders.models import TimeKind
from simon.workorders.permissions import can_edit
from simon.workorders.services import totals

if TYPE_CHECKING:
    from django.db.models import QuerySet

    from simon.catalog.models import Article
    from simon.customers.models import AddressFields
    from simon.forms.models import FormResponse, Question
    from simon.tenants.types import User
    from simon.workorders.models import MaterialLine, TimeEntry, WorkOrder
    from simon.workorders.services.queries import WorkOrderTotals


def _as_text(value: Any) -> Any:
    return None if value is None else str(value)


def decimal_text(value: Decimal | None, min_places: int = 0) -> str | None:
    """Exact, without the column's padding and never in exponent notation, with at least
    ``min_places`` decimals: quantity 2.500 -> '2.5', 3.000 -> '3'; hours 2 -> '2.00'."""
    if value is None:
        return None
    text = format(value.normalize(), "f")
    places = len(text.partition(".")[2])
    if places < min_places:
        text = f"{value:.{min_places}f}"
    return text


def _quantity(value: Any) -> str:
    # Text is parsed by the service (exactly, '2,5' too); a JSON number is read as its text.
    if isinstance(value, bool) or not isinstance(value, int | float | str | Decimal):
        raise PydanticCustomError("decimal_type", "a decimal as a string or a number")
    return str(value)


DecimalStr = Annotated[str, BeforeValidator(_as_text)]
Quantity = Annotated[
    str,
    BeforeValidator(_quantity),
    WithJsonSchema(
        {"anyOf": [{"type": "string"}, {"type": "number"}], "examples": ["2.5", 2.5, "2,5"]}
    ),
]
NOTE_MAX = 250
DESCRIPTION_MAX = 5000
# Only ASCII digits: Python's int() and Decimal() also read '1_000', Arabic-Indic and
# full-width digits, which no field app sends on purpose.
_WHOLE = re.compile(r"[0-9]{1,9}", re.ASCII)
_CLOCK = re.compile(r"[0-9]{2}:[0-9]{2}(:[0-9]{2})?", re.ASCII)
_SURROGATE = re.compile("[\ud800-\udfff]")
_DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", re.ASCII)


def _whole_number(value: Any) -> Any:
    # pydantic would read true as 1 and '1_000' as 1000.
    if isinstance(value, bool):
        raise PydanticCustomError("int_type", "a whole number")
    if isinstance(value, str):
        if not _WHOLE.fullmatch(value.strip()):
            raise PydanticCustomError("int_parsing", "a whole number in ASCII digits")
        return int(value)
    return value


def _clock_time(value: Any) -> Any:
    # 'HH:MM' only: pydantic would also take seconds since midnight and a UTC offset, and an
    # offset time cannot be compared with the naive times Simon stores.
    if isinstance(value, dt.time) and value.tzinfo is None:
        return value
    if not isinstance(value, str) or not _CLOCK.fullmatch(value.strip()):
        raise PydanticCustomError("time_parsing", "a time as HH:MM")
    return value.strip()


def _day(value: Any) -> Any:
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value
    if not isinstance(value, str) or not _DAY.fullmatch(value.strip()):
        raise PydanticCustomError("date_parsing", "a date as YYYY-MM-DD")
    return value.strip()


def _day_in_range(value: dt.date) -> dt.date:
    if not FIRST_DAY <= value <= LAST_DAY:
        raise PydanticCustomError("date_out_of_range", "a date Simon can plan")
    return value


Minutes = Annotated[
    int,
    BeforeValidator(_whole_number),
    WithJsonSchema({"type": "integer", "minimum": 1, "maximum": 1440}),
]
ClockTime = Annotated[
    dt.time,
    BeforeValidator(_clock_time),
    WithJsonSchema({"type": "string", "format": "time", "examples": ["08:30"]}),
]
Day = Annotated[
    dt.date,
    BeforeValidator(_day),
    AfterValidator(_day_in_range),
    WithJsonSchema(
        {
            "type": "string",
            "format": "date",
            "description": f"{FIRST_DAY.isoformat()} t/m {LAST_DAY.isoformat()}",
        }
    ),
]


def refuse_nul(value: Any) -> Any:
    """PostgreSQL cannot store NUL in text or JSON, and no UTF-8 encoder takes a lone surrogate
    (JSON's '\\ud800' decodes to one): refuse both as input instead of failing."""
    if isinstance(value, str) and "\x00" in value:
        raise PydanticCustomError("nul_character", "NUL character")
    if isinstance(value, str) and _SURROGATE.search(value):
        raise PydanticCustomError("surrogate_character", "lone UTF-16 surrogate")
    if isinstance(value, dict):
        for key, item in value.items():
            refuse_nul(key)
            refuse_nul(item)
    elif isinstance(value, list):
        for item in value:
            refuse_nul(item)
    return value


class Input(Schema):
    # A misspelt field is an error, not silently ignored (a PATCH of 'minuten' would do nothing).
    model_config = ConfigDict(extra="forbid")

    @field_validator("*", mode="before")
    @classmethod
    def _no_nul(cls, value: Any) -> Any:
        return refuse_nul(value)


# --- customers -------------------------------------------------------------------------------


class AddressOut(Schema):
    street: str
    house_number: str
    house_number_addition: str
    postcode: str
    city: str
    country_code: str
    address: str = Field(description="Het adres op één regel, zoals op een werkbon.")

    @staticmethod
    def resolve_address(row: AddressFields) -> str:
        return row.address_line


class CustomerOut(AddressOut):
    code: uuid.UUID
    name: str
    relatiecode: int | None
    email: str
    phone: str


class CustomerRef(Schema):
    code: uuid.UUID
    name: str
    relatiecode: int | None


class WorkAddressOut(AddressOut):
    code: uuid.UUID
    label: str
    contact_name: str
    contact_phone: str
    contact_email: str


class CustomerPage(Schema):
    count: int
    items: list[CustomerOut]


class WorkAddressPage(Schema):
    count: int
    items: list[WorkAddressOut]


# --- articles --------------------------------------------------------------------------------


class ArticleRef(Schema):
    code: uuid.UUID
    article_code: str
    description: str
    unit: str


class ArticleOut(ArticleRef):
    sales_price: DecimalStr | None = Field(
        description="Ter informatie: op de verkooporder gelden de prijzen van SnelStart."
    )
    group: str | None

    @staticmethod
    def resolve_sales_price(row: Article) -> str | None:
        return decimal_text(row.sales_price, 2)

    @staticmethod
    def resolve_group(row: Article) -> str | None:
        return row.group.name if row.group is not None else None


class ArticlePage(Schema):
    count: int
    items: list[ArticleOut]


# --- forms -----------------------------------------------------------------------------------


class QuestionOut(Schema):
    code: uuid.UUID
    position: int
    label: str
    help_text: str
    kind: str
    required: bool
    choices: list[str]

    @staticmethod
    def resolve_choices(row: Question) -> list[str]:
        return list(row.choices or [])


class FormTemplateOut(Schema):
    code: uuid.UUID
    name: str
    description: str
    questions: list[QuestionOut]


class FormTemplatePage(Schema):
    count: int
    items: list[FormTemplateOut]


class AnsweredQuestionOut(QuestionOut):
    answer: Any = Field(None, description="Het opgeslagen antwoord, of null.")


class FormResponseOut(Schema):
    code: uuid.UUID
    template: uuid.UUID
    name: str
    completed: bool
    questions: list[AnsweredQuestionOut]

    @staticmethod
    def resolve_template(row: FormResponse) -> uuid.UUID:
        return row.template.code

    @staticmethod
    def resolve_name(row: FormResponse) -> str:
        return row.template.name

    @staticmethod
    def resolve_questions(row: FormResponse) -> list[AnsweredQuestionOut]:
        # Each question with this response's answer: the question rows are shared by every
        # response of the template (prefetched), so the answer cannot be set on them.
        answers = {a.question_id: a.value for a in row.answers.all()}
        return [
            AnsweredQuestionOut.from_orm(q).model_copy(update={"answer": answers.get(q.pk)})
            for q in row.template.questions.all()
        ]


CLIENT_ID = (
    "Jouw eigen id van deze registratie (een UUID). Stuur je het verzoek opnieuw met dezelfde "
    "client_id, dan krijg je het eerste antwoord terug en wordt er niets dubbel geboekt."
)


class AttachFormIn(Input):
    template: uuid.UUID
    client_id: uuid.UUID | None = Field(None, description=CLIENT_ID)
    answers: dict[str, Any] = Field(
        default_factory=dict,
        description="Meteen invullen: antwoorden per vraagcode (alles of niets).",
    )
    complete: bool = Field(False, description="Meteen afronden: alle verplichte vragen.")


class AnswersIn(Input):
    answers: dict[str, Any] = Field(
        default_factory=dict,
        description="Antwoorden per vraagcode; null of een lege tekst wist een antwoord.",
    )
    complete: bool = Field(False, description="Formulier ingevuld: alle verplichte vragen.")


# --- work orders -----------------------------------------------------------------------------


class EmployeeOut(Schema):
    username: str
    name: str

    @staticmethod
    def resolve_username(user: User) -> str:
        return user.get_username()

    @staticmethod
    def resolve_name(user: User) -> str:
        return user.get_full_name() or user.get_username()


class PlanningOut(Schema):
    date: dt.date | None
    start: dt.time | None
    end: dt.time | None
    employees: list[EmployeeOut]


class WorkOrderOut(Schema):
    code: uuid.UUID
    number: str
    status: str
    status_label: str
    customer: CustomerRef | None
    work_address: WorkAddressOut | None
    description: str
    customer_reference: str
    planning: PlanningOut

    @staticmethod
    def resolve_status_label(row: WorkOrder) -> str:
        return str(row.get_status_display())

    @staticmethod
    def resolve_planning(row: WorkOrder) -> dict[str, Any]:
        return {
            "date": row.planned_date,
            "start": row.planned_start,
            "end": row.planned_end,
            "employees": [a.user for a in row.assignments.all()],
        }


class WorkOrderPage(Schema):
    count: int
    items: list[WorkOrderOut]


class TimeEntryOut(Schema):
    code: uuid.UUID
    employee: EmployeeOut
    kind: str
    date: dt.date
    start: dt.time | None
    end: dt.time | None
    minutes: int
    note: str

    @staticmethod
    def resolve_start(row: TimeEntry) -> dt.time | None:
        return row.start_time

    @staticmethod
    def resolve_end(row: TimeEntry) -> dt.time | None:
        return row.end_time


class MaterialOut(Schema):
    code: uuid.UUID
    article: ArticleRef
    quantity: DecimalStr
    note: str

    @staticmethod
    def resolve_quantity(row: MaterialLine) -> str | None:
        return decimal_text(row.quantity)


class TotalsOut(Schema):
    work_minutes: int
    travel_minutes: int
    work_hours: DecimalStr
    travel_hours: DecimalStr
    material_lines: int

    @staticmethod
    def resolve_work_hours(sums: WorkOrderTotals) -> str | None:
        return decimal_text(sums.work_hours, 2)

    @staticmethod
    def resolve_travel_hours(sums: WorkOrderTotals) -> str | None:
        return decimal_text(sums.travel_hours, 2)


class WorkOrderDetailOut(WorkOrderOut):
    may_edit: bool = Field(description="Of jij nu nog uren, materialen en antwoorden mag wijzigen.")
    completed_at: dt.datetime | None
    time_entries: list[TimeEntryOut]
    materials: list[MaterialOut]
    forms: list[FormResponseOut]
    totals: TotalsOut

    @staticmethod
    def resolve_may_edit(row: WorkOrder, context: dict[str, Any]) -> bool:
        return can_edit(caller(context["request"]).membership, row)

    @staticmethod
    def resolve_time_entries(row: WorkOrder) -> QuerySet[TimeEntry]:
        # Explicit NULL placement: SQLite and PostgreSQL differ, the app should not see that.
        return row.time_entries.select_related("employee").order_by(
            "date", F("start_time").asc(nulls_last=True), "id"
        )

    @staticmethod
    def resolve_materials(row: WorkOrder) -> QuerySet[MaterialLine]:
        return row.material_lines.select_related("article")

    @staticmethod
    def resolve_forms(row: WorkOrder) -> QuerySet[FormResponse]:
        return row.form_responses.select_related("template").prefetch_related(
            "answers", "template__questions"
        )

    @staticmethod
    def resolve_totals(row: WorkOrder) -> WorkOrderTotals:
        return totals(row)


class WorkOrderIn(Input):
    customer: uuid.UUID
    work_address: uuid.UUID | None = None
    description: str = Field("", max_length=DESCRIPTION_MAX)
    customer_reference: str = ""


KINDS: JsonDict = {"enum": list(TimeKind.values)}


class TimeEntryIn(Input):
    client_id: uuid.UUID | None = Field(None, description=CLIENT_ID)
    kind: str = Field(json_schema_extra=KINDS)
    date: Day | None = Field(None, description="Standaard vandaag.")
    minutes: Minutes | None = Field(None, description="Of begin- en eindtijd.")
    start: ClockTime | None = None
    end: ClockTime | None = None
    note: str = Field("", max_length=NOTE_MAX)


class TimeEntryPatch(Input):
    kind: str | None = Field(None, json_schema_extra=KINDS)
    date: Day | None = None
    minutes: Minutes | None = None
    start: ClockTime | None = None
    end: ClockTime | None = None
    note: str = Field("", max_length=NOTE_MAX)


class MaterialIn(Input):
    client_id: uuid.UUID | None = Field(None, description=CLIENT_ID)
    article: uuid.UUID
    quantity: Quantity = Field(description="Een decimaal getal, als tekst of als getal.")
    note: str = Field("", max_length=NOTE_MAX)


class MaterialPatch(Input):
    article: uuid.UUID | None = None
    quantity: Quantity | None = None
    note: str = Field("", max_length=NOTE_MAX)


class CompleteIn(Input):
    client_id: uuid.UUID | None = Field(None, description=CLIENT_ID)


# --- the field app's offline package ---------------------------------------------------------


class OfflinePackageOut(Schema):
    today: dt.date = Field(description="Vandaag (Europe/Amsterdam).")
    until: dt.date = Field(description="De laatste dag waarvan de werkbonnen erin zitten.")
    work_orders: list[WorkOrderDetailOut] = Field(
        description="Mijn open en ingeplande werkbonnen tot en met `until` (ook die zonder "
        "datum of van eerdere dagen), en wat ik vandaag gereed meldde; eerstvolgende eerst."
    )
    customers: list[CustomerOut] = Field(description="De klanten van die werkbonnen.")
    form_templates: list[FormTemplateOut]
    articles: list[ArticleOut] = Field(
        description="Artikelen om zonder verbinding in te zoeken: alle, of (bij een grote "
        "artikellijst) de meest gebruikte en die op deze werkbonnen."
    )
    all_articles: bool = Field(description="Of `articles` alle actieve artikelen zijn.")
    recent_articles: list[uuid.UUID] = Field(
        description="De artikelen die ik het laatst boekte, nieuwste eerst."
    )
