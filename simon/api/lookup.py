"""Finding an object by its public code within the caller's organization, or a 404.

Every query passed in is already scoped to the caller's organization (and, for work orders, to
what the caller may see), so another tenant's code is answered exactly like an unknown one.
"""

from __future__ import annotations

import uuid
from typing import Any, TypeVar

from django.db import models
from django.utils.translation import gettext as _

from simon.api.errors import ApiError, NotFound

M = TypeVar("M", bound=models.Model)


def _as_uuid(code: Any) -> uuid.UUID | None:
    try:
        return code if isinstance(code, uuid.UUID) else uuid.UUID(str(code))
    except ValueError:
        return None


def _name(model: type[models.Model]) -> str:
    return str(model._meta.verbose_name).capitalize()


def get_or_404(qs: models.QuerySet[M], code: Any, model: type[M]) -> M:
    """The object with this code in ``qs``; NotFound ('Werkbon niet gevonden.') otherwise."""
    value = _as_uuid(code)
    found = qs.filter(code=value).first() if value is not None else None
    if found is None:
        raise NotFound(_("%(object)s niet gevonden.") % {"object": _name(model)})
    return found


def get_or_400(qs: models.QuerySet[M], code: Any, model: type[M], field: str) -> M:
    """For a code given in the body: an unknown one is bad input for that field, not a 404."""
    value = _as_uuid(code)
    found = qs.filter(code=value).first() if value is not None else None
    if found is None:
        raise ApiError(_("%(object)s niet gevonden.") % {"object": _name(model)}, field=field)
    return found
