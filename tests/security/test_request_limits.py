"""Issue 20, item 4: the body limit holds for every content type, every text has a length limit (the same
on the page, the API and the import), and JSON nested too deep is refused before it is parsed."""

from __future__ import annotations

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from rest_framework.test import APIClient

from tests.cases.test_api import INTAKE
from tests.security.pages import INTAKE_PAGE, urlencoded
from zhichan.cases.models import Case
from zhichan.core import services as core_services
from zhichan.core.models import Organisation
from zhichan.engines.tabular import Table

pytestmark = pytest.mark.django_db


@pytest.fixture
def partner(users):
    api = APIClient()
    api.force_authenticate(users["official"])
    return api


def test_a_json_body_over_the_limit_is_refused_before_it_is_parsed(partner, settings):
    settings.ZHICHAN_REQUEST_MAX_BYTES = 64 * 1024
    response = partner.post("/api/v1/cases/", {**INTAKE, "facts": "侵权" * 40_000}, format="json")
    assert response.status_code == 413 and "请求内容过大" in response.json()["detail"]
    assert not Case.objects.exists()


def test_the_default_limit_refuses_sixty_megabytes_of_facts(partner):
    body = json.dumps({**INTAKE, "facts": "x" * (60 * 1024 * 1024)})
    response = partner.generic("POST", "/api/v1/cases/", body, content_type="application/json")
    assert response.status_code == 413
    assert not Case.objects.exists()


def test_a_form_body_and_an_unknown_type_over_the_limit_are_refused_too(client, users, settings):
    settings.ZHICHAN_REQUEST_MAX_BYTES = 64 * 1024
    client.force_login(users["rights_holder"])
    form = urlencoded({**INTAKE_PAGE, "facts": "事" * 40_000})
    assert client.post("/cases/new/", form, content_type="application/x-www-form-urlencoded").status_code == 413
    settings.ZHICHAN_UPLOAD_MAX_BYTES = 128 * 1024
    upload = {**INTAKE_PAGE, "files": SimpleUploadedFile("big.pdf", b"%PDF-1.4\n" + b"0" * 200_000)}
    assert client.post("/cases/new/", upload).status_code == 413
    big = b"\x00" * (70 * 1024)
    assert client.generic("POST", "/cases/new/", big, content_type="application/octet-stream").status_code == 413
    assert client.generic("POST", "/api/v1/cases/", big, content_type="text/plain").status_code == 413


def test_facts_longer_than_the_text_limit_are_refused_on_the_api_and_the_page(partner, client, users, settings):
    settings.ZHICHAN_TEXT_MAX_CHARS = 1000
    response = partner.post("/api/v1/cases/", {**INTAKE, "facts": "侵" * 1001}, format="json")
    assert response.status_code == 400 and "facts" in response.json()
    client.force_login(users["rights_holder"])
    page = client.post("/cases/new/", {**INTAKE_PAGE, "facts": "侵" * 1001, "step": "submit"})
    assert page.status_code == 200 and "不超过 1000 个字符" in page.content.decode()
    assert not Case.objects.exists()
    assert partner.post("/api/v1/cases/", {**INTAKE, "facts": "侵" * 1000}, format="json").status_code == 201


def test_an_organisation_name_longer_than_its_column_is_refused_by_the_import(users):
    table = Table(
        header=["name", "kind", "credit_code"],
        rows=[
            {"name": "名" * 100_000, "kind": "government_department", "credit_code": ""},
            {"name": "局" * 300, "kind": "government_department", "credit_code": ""},
            {"name": "广州市某某局", "kind": "government_department", "credit_code": ""},
        ],
        encoding="utf-8",
    )
    report = core_services.organisations_import(actor=users["official"], table=table)
    assert report.created == 0 and report.errors, "all or nothing: the long name refuses the file"
    assert [(error.row, error.field) for error in report.errors] == [(2, "名称"), (3, "名称")]
    assert "不超过 20000 个字符" in report.errors[0].message  # no column of any import holds more
    assert "不超过 200 个字符" in report.errors[1].message  # the organisation's name column
    assert not Organisation.objects.filter(name__startswith="名名").exists()


def test_json_nested_deeper_than_the_limit_is_refused_with_400(partner):
    deep = "[" * 1000 + "]" * 1000
    response = partner.generic("POST", "/api/v1/cases/", deep, content_type="application/json")
    assert response.status_code == 400 and "嵌套过深" in response.json()["detail"]
    nested = json.dumps({**INTAKE, "facts": "[[[[" * 100})  # brackets inside a string are text
    assert partner.generic("POST", "/api/v1/cases/", nested, content_type="application/json").status_code == 201


def test_json_depth_skips_strings_and_escapes():
    from zhichan.core.middleware import json_depth

    assert json_depth(b'{"a": [1, {"b": "]]]}\\"[[[["}]}') == 3
    assert json_depth(b"[]") == 1 and json_depth(b'"text"') == 0 and json_depth(b"") == 0


def test_an_over_long_query_string_is_refused(client, users, api):
    client.force_login(users["official"])
    assert client.get("/organisations/", {"q": "广" * 60_000}).status_code == 400
    api.force_authenticate(users["official"])
    assert api.get("/api/v1/organisations/", {"q": "a" * 60_000}).status_code == 400


def test_every_import_refuses_a_cell_longer_than_the_text_limit(users, settings):
    """The runner checks every cell before the module's parser sees it (a listing file's description was
    cut at 20,000 characters without a word; an organisation file's name was stored whole on SQLite)."""
    from tests.core.test_imports import _spec
    from zhichan.core import imports

    settings.ZHICHAN_TEXT_MAX_CHARS = 100
    store: dict[str, int] = {}
    rows = [{"code": "A" * 101, "amount": "1"}, {"code": "B", "amount": "2"}]
    table = Table(header=["code", "amount"], rows=rows, encoding="utf-8")
    report = imports.run(_spec(store, imports.Mode.PER_ROW), actor=users["official"], stream=imports.stream_of(table))
    assert [(e.row, e.field) for e in report.errors] == [(2, "编号")] and "不超过 100 个字符" in report.errors[
        0
    ].message
    assert store == {"B": 2}


def test_a_listing_description_over_the_text_limit_rejects_the_item_as_the_import_does(market, settings):
    settings.ZHICHAN_TEXT_MAX_CHARS = 100
    api = APIClient()
    api.force_authenticate(market["client"])
    item = {"listing_id": "D1", "title": "王老吉 凉茶", "description": "长" * 101}
    body = api.post("/api/v1/listings/batch", {"items": [item]}, format="json").json()
    assert body["rejected"] == 1 and "description" in body["items"][0]["errors"]
