"""A NUL character in the path or the query string is refused with 400 before any view reads it
(PostgreSQL would refuse it with an error; the API fuzzer found the 500)."""

from __future__ import annotations


def test_api_query_parameter_with_nul_is_refused_with_its_name(api, users):
    api.force_authenticate(users["official"])
    response = api.get("/api/v1/organisations/?district=%00天河")
    assert response.status_code == 400
    assert response.json() == {"detail": "查询参数 district 含有空字符（NUL），不是有效文本"}
    assert api.get("/api/v1/organisations/?district=天河").status_code == 200


def test_page_query_and_path_with_nul_are_refused(client, users):
    client.force_login(users["official"])
    response = client.get("/organisations/?q=a%00b")
    assert response.status_code == 400 and "查询参数 q" in response.content.decode()
    assert client.get("/organisations/%00/").status_code == 400


def test_message_in_english_on_request(api, users):
    api.force_authenticate(users["official"])
    response = api.get("/api/v1/organisations/?district=%00", headers={"accept-language": "en"})
    assert response.status_code == 400 and "NUL" in response.json()["detail"]
    assert "查询" not in response.json()["detail"]
