"""The bounds of every input (issue 20): one validator per kind, used alike by forms, API serializers,
imports and the services that write.

- a decimal fits its column (`max_digits`, `decimal_places` of the model field): `DecimalLimit`;
- a date or a date-time lies between the years `ZHICHAN_INPUT_YEAR_MIN` and `ZHICHAN_INPUT_YEAR_MAX`:
  `YearRange` (and `parse_date`/`parse_datetime`, which also refuse a day that does not exist);
- an integer fits its column (the database's range for the field's type) or 32 bits: `IntRange`;
- a text is no longer than its column's `max_length`, or `ZHICHAN_TEXT_MAX_CHARS` for an unbounded one:
  `TextLimit`.

`validators_for(model_field)` derives the validators from a model field; `check_values(model, values)`
checks the values a service is about to write against the model's columns (the root check, whatever the
caller); `LimitedForm` and `LimitedSerializerMixin` put the same bounds on every field of a form or a
serializer that has none of its own. The request limits (`request_max_bytes`, `upload_max_bytes`,
`query_max_chars`, `json_max_depth`) are enforced by `core.middleware.InputLimitsMiddleware`.
"""

from __future__ import annotations

import datetime as dt
import decimal as decimal_module
import logging
import uuid
from decimal import Decimal, InvalidOperation
from typing import Any

from django import forms
from django.conf import settings
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db import connection, models
from django.utils import timezone
from django.utils.dateparse import parse_date as _parse_date
from django.utils.dateparse import parse_datetime as _parse_datetime
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

logger = logging.getLogger(__name__)

INT32 = (-(2**31), 2**31 - 1)
DEFAULT_DECIMAL = (12, 2)  # a decimal form or serializer field that names no column: a price's column


def year_range() -> tuple[int, int]:
    return settings.ZHICHAN_INPUT_YEAR_MIN, settings.ZHICHAN_INPUT_YEAR_MAX


def text_max_chars() -> int:
    return int(settings.ZHICHAN_TEXT_MAX_CHARS)


def query_max_chars() -> int:
    return int(settings.ZHICHAN_QUERY_MAX_CHARS)


def json_max_depth() -> int:
    return int(settings.ZHICHAN_JSON_MAX_DEPTH)


def request_max_bytes() -> int:
    return int(settings.ZHICHAN_REQUEST_MAX_BYTES)


def upload_max_bytes() -> int:
    return int(settings.ZHICHAN_UPLOAD_MAX_BYTES)


def days_back() -> int:
    """The most days an "older than N days" may count back: to the first day of the year range."""
    start = dt.datetime(year_range()[0], 1, 1, tzinfo=dt.UTC)
    return max(0, (timezone.now() - start).days)


# --- the validators, one per kind ---


@deconstructible
class DecimalLimit:
    """A finite number whose integer part fits `max_digits - decimal_places` digits (the fraction is
    rounded to the column's places by whoever stores it)."""

    def __init__(self, max_digits: int, decimal_places: int) -> None:
        self.max_digits, self.decimal_places = max_digits, decimal_places

    def __call__(self, value: Any) -> None:
        if value is None:
            return
        if not isinstance(value, Decimal):
            try:
                value = Decimal(str(value))
            except InvalidOperation:
                raise ValidationError(_("“%(v)s”不是数字"), code="invalid", params={"v": value}) from None
        if not value.is_finite():
            raise ValidationError(_("“%(v)s”不是有限的数字"), code="invalid", params={"v": value})
        integer_digits = self.max_digits - self.decimal_places
        if abs(value) >= Decimal(10) ** integer_digits:
            raise ValidationError(
                _("数值过大：整数部分最多 %(n)d 位"), code="max_digits", params={"n": integer_digits, "v": value}
            )

    def __eq__(self, other: object) -> bool:
        return isinstance(other, DecimalLimit) and (self.max_digits, self.decimal_places) == (
            other.max_digits,
            other.decimal_places,
        )

    def quantize(self, value: Decimal) -> Decimal:
        """The value checked and rounded to the column's places."""
        self(value)
        return value.quantize(Decimal(1).scaleb(-self.decimal_places))


@deconstructible
class YearRange:
    """A date or date-time between the years ZHICHAN_INPUT_YEAR_MIN and ZHICHAN_INPUT_YEAR_MAX."""

    def __call__(self, value: Any) -> None:
        if value is None or not isinstance(value, dt.date):
            return
        low, high = year_range()
        if not low <= value.year <= high:
            raise ValidationError(
                _("年份应在 %(low)d 至 %(high)d 之间"), code="year_range", params={"low": low, "high": high}
            )

    def __eq__(self, other: object) -> bool:
        return isinstance(other, YearRange)


@deconstructible
class IntRange:
    def __init__(self, low: int, high: int) -> None:
        self.low, self.high = low, high

    def __call__(self, value: Any) -> None:
        if value is None or isinstance(value, bool) or not isinstance(value, int):
            return
        if not self.low <= value <= self.high:
            raise ValidationError(
                _("数值应在 %(low)d 至 %(high)d 之间"), code="int_range", params={"low": self.low, "high": self.high}
            )

    def __eq__(self, other: object) -> bool:
        return isinstance(other, IntRange) and (self.low, self.high) == (other.low, other.high)


@deconstructible
class TextLimit:
    def __init__(self, max_chars: int | None = None) -> None:
        self.max_chars = max_chars

    @property
    def limit(self) -> int:
        return self.max_chars if self.max_chars is not None else text_max_chars()

    def __call__(self, value: Any) -> None:
        if isinstance(value, str) and len(value) > self.limit:
            raise ValidationError(
                _("不超过 %(n)d 个字符（现有 %(m)d 个）"), code="max_length", params={"n": self.limit, "m": len(value)}
            )

    def __eq__(self, other: object) -> bool:
        return isinstance(other, TextLimit) and self.max_chars == other.max_chars


# --- derived from a model's columns ---


def int_range(field: models.Field[Any, Any]) -> tuple[int, int]:
    low, high = connection.ops.integer_field_range(field.get_internal_type())
    return (INT32[0] if low is None else low, INT32[1] if high is None else high)


def validators_for(field: models.Field[Any, Any]) -> list[Any]:
    """The bounds of a model column as validators of its input."""
    if isinstance(field, models.DecimalField):
        return [DecimalLimit(field.max_digits or DEFAULT_DECIMAL[0], field.decimal_places or 0)]
    if isinstance(field, models.DateField):  # DateTimeField too
        return [YearRange()]
    if isinstance(field, models.IntegerField):  # the big, small and positive kinds too
        return [IntRange(*int_range(field))]
    if isinstance(field, models.CharField | models.TextField):
        return [TextLimit(field.max_length)]
    return []


def column(model: type[models.Model], name: str) -> models.Field[Any, Any] | None:
    try:
        found = model._meta.get_field(name)
    except FieldDoesNotExist:
        return None
    return found if isinstance(found, models.Field) and found.concrete else None


def check_values(model: type[models.Model], values: dict[str, Any], *, labels: dict[str, str] | None = None) -> None:
    """Raise a ValidationError by field for every value that would not fit its column of `model`."""
    errors: dict[str, list[str]] = {}
    for name, value in values.items():
        field = column(model, name)
        if field is None or value is None:
            continue
        for validator in validators_for(field):
            try:
                validator(value)
            except ValidationError as exc:
                errors.setdefault(name, []).extend(exc.messages)
    if errors:
        raise ValidationError(errors)


def decimal(raw: Any, model: type[models.Model], name: str) -> Decimal | None:
    """A decimal for column `name` of `model` from what a person or a file typed: None when empty,
    ValidationError when not a finite number or too large for the column; rounded to its places."""
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        return None
    field = column(model, name)
    assert isinstance(field, models.DecimalField), name
    try:
        value = raw if isinstance(raw, Decimal) else Decimal(str(raw).strip())
    except InvalidOperation:
        raise ValidationError(_("“%(v)s”不是数字") % {"v": raw}, code="invalid") from None
    return DecimalLimit(field.max_digits or DEFAULT_DECIMAL[0], field.decimal_places or 0).quantize(value)


def parse_date(raw: Any) -> dt.date | None:
    """An ISO date (YYYY-MM-DD) in the year range; ValidationError for a day that does not exist."""
    if raw in (None, ""):
        return None
    if isinstance(raw, dt.date):
        value = raw
    else:
        try:
            value = _parse_date(str(raw).strip())
        except ValueError:
            raise ValidationError(_("日期“%(v)s”不存在") % {"v": raw}, code="invalid") from None
        if value is None:
            raise ValidationError(_("日期格式应为 YYYY-MM-DD"), code="invalid")
    YearRange()(value)
    return value


def parse_datetime(raw: Any) -> dt.datetime | None:
    """An ISO 8601 date-time in the year range, made aware in the current zone when naive;
    ValidationError for an instant that does not exist (30 February)."""
    if raw in (None, ""):
        return None
    if isinstance(raw, dt.datetime):
        value = raw
    else:
        try:
            value = _parse_datetime(str(raw).strip())
        except ValueError:
            raise ValidationError(_("时间“%(v)s”不存在") % {"v": raw}, code="invalid") from None
        if value is None:
            raise ValidationError(_("时间格式应为 ISO 8601，如 2025-03-01T10:00:00+08:00"), code="invalid")
    YearRange()(value)
    return value if timezone.is_aware(value) else timezone.make_aware(value)


def uuid_or_none(raw: Any) -> uuid.UUID | None:
    """A UUID from a URL, a form or a query parameter, or None when it is not one (the caller answers 400
    or 404: never a database error)."""
    if isinstance(raw, uuid.UUID):
        return raw
    try:
        return uuid.UUID(str(raw).strip())
    except (ValueError, AttributeError, TypeError):
        return None


# --- the same bounds on every field of a form or a serializer ---


def _form_field_validators(name: str, field: forms.Field, model: type[models.Model] | None) -> list[Any]:
    """The bound a form field lacks: its column's (`model`'s field of the same name) or its kind's default.
    A bound the form sets itself (a text's max_length, a number's max_value) is left as it is."""
    stored = column(model, name) if model is not None else None
    if isinstance(field, forms.DecimalField):
        if isinstance(stored, models.DecimalField):
            return validators_for(stored)
        digits, places = field.max_digits or DEFAULT_DECIMAL[0], field.decimal_places or DEFAULT_DECIMAL[1]
        return [DecimalLimit(digits, places)]
    if isinstance(field, forms.DateField | forms.DateTimeField):
        return [YearRange()]
    if isinstance(field, forms.IntegerField) and not isinstance(field, forms.FloatField):
        low, high = int_range(stored) if isinstance(stored, models.IntegerField) else INT32
        if field.max_value is not None:
            return []
        return [IntRange(low if field.min_value is None else field.min_value, high)]
    if isinstance(field, forms.CharField) and field.max_length is None:
        return [TextLimit(stored.max_length if isinstance(stored, models.CharField) else None)]
    return []


class LimitedForm(forms.Form):
    """A form whose fields carry the platform's bounds: `limits_model` names the model whose columns the
    fields of the same name are stored in; a field with no column gets the kind's default bound."""

    limits_model: type[models.Model] | None = None

    def full_clean(self) -> None:  # here, not in __init__: a form may add fields after it
        for name, field in self.fields.items():
            for validator in _form_field_validators(name, field, self.limits_model):
                if validator not in field.validators:
                    field.validators.append(validator)
        super().full_clean()


def _serializer_field_validators(field: serializers.Field) -> list[Any]:
    if field.read_only:
        return []
    if isinstance(field, serializers.DecimalField):
        digits = field.max_digits or DEFAULT_DECIMAL[0]
        return [DecimalLimit(digits, field.decimal_places or 0)]
    if isinstance(field, serializers.DateField | serializers.DateTimeField):
        return [YearRange()]
    if isinstance(field, serializers.IntegerField):
        return [IntRange(INT32[0], INT32[1])]
    if isinstance(field, serializers.CharField) and field.max_length is None:
        return [TextLimit()]
    if isinstance(field, serializers.ListField) and field.child is not None:
        field.child.validators = [*field.child.validators, *_serializer_field_validators(field.child)]
    return []


class LimitedSerializerMixin:
    # Before `serializers.Serializer` or `ModelSerializer`: every writable field carries the platform's
    # bounds (a ModelSerializer's fields have their columns' lengths; a field without one gets the kind's
    # default: the text maximum, 32-bit integers, the year range, a price's digits). A comment, not a
    # docstring: the OpenAPI schema would take it as the description of every serializer without one.

    def get_fields(self) -> dict[str, serializers.Field]:
        fields: dict[str, serializers.Field] = super().get_fields()  # type: ignore[misc]
        for field in fields.values():
            field.validators = [*field.validators, *_serializer_field_validators(field)]
        return fields


class BoundedDecimalField(models.DecimalField):  # type: ignore[type-arg]
    """A DecimalField whose reads survive a stored value out of its bounds (a row written before the
    bounds were checked, or by hand; only SQLite can hold one): the value reads as None and is logged,
    so that one bad row cannot fail a page, an API list or the detector built from the table.
    Migrations see a plain DecimalField."""

    @property
    def context(self) -> decimal_module.Context:  # the database converters round with it: never fail there
        return decimal_module.Context(prec=max(self.max_digits or 0, 60))

    def to_python(self, value: Any) -> Any:
        if isinstance(value, float) and value == value:  # a float as DecimalField rounds it (NaN: its refusal)
            return decimal_module.Context(prec=self.max_digits).create_decimal_from_float(value)
        return super().to_python(value)

    def from_db_value(self, value: Any, expression: Any, connection: Any) -> Any:
        if value is None:
            return None
        try:
            DecimalLimit(self.max_digits or DEFAULT_DECIMAL[0], self.decimal_places or 0)(value)
        except ValidationError:
            logger.warning(
                "stored value %s of %s.%s does not fit its column: read as empty",
                value,
                self.model._meta.label,
                self.name,
            )
            return None
        return value

    def deconstruct(self) -> Any:
        name, _path, args, kwargs = super().deconstruct()
        return name, "django.db.models.DecimalField", args, kwargs
