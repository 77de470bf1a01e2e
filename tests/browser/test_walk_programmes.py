"""Browser walk of the funding programmes in Debian's Chromium: an enterprise applies with patents and
a pledge and sees each rule checked (one patent refused as a confirmed abnormal application, one at
the application stage); the office checks, reviews and publicises it; after the publicity a second
official approves; the finance officer records the payment; the publicity list is public.
Skipped, with the reason, where Chromium or its driver is not installed (as the main walk-through).
"""

from __future__ import annotations

from datetime import timedelta

import pytest

from tests.browser.test_walkthrough import PASSWORD, browser, log_in, wait_for_text  # noqa: F401 (fixture)

pytestmark = pytest.mark.browser

from selenium.webdriver.common.by import By  # noqa: E402


def click_step(driver, step: str, note: str = "") -> None:
    if note:
        driver.find_element(By.NAME, "note").send_keys(note)
    driver.find_element(By.CSS_SELECTOR, f"button[name=step][value={step}]").click()


def test_an_enterprise_is_funded_from_its_application_to_the_payment(
    transactional_db,
    live_server,
    browser,  # noqa: F811 (the walk-through's fixture)
    users,
    orgs,
):
    from django.utils import timezone

    from tests.programmes.conftest import RULES
    from zhichan.core.models import Membership, Role, User
    from zhichan.programmes import services
    from zhichan.programmes.models import Application
    from zhichan.programmes.policy import FINANCE

    today = timezone.localdate()
    official = users["official"]
    second = User.objects.create_user(
        username="t-official-2", password=PASSWORD, role=Role.OFFICIAL, organisation=official.organisation
    )
    finance = User.objects.create_user(username="t-finance", password=PASSWORD)
    Membership.objects.create(user=finance, role=FINANCE, organisation=None)
    programme = services.programme_create(actor=official, code="conversion", name="专利转化运用资助", kind="conversion")
    version = services.version_create(
        actor=official,
        programme=programme,
        data={
            "year": today.year,
            "measure": "广州市知识产权工作专项资金管理办法",
            "document_number": "穗市监规字〔2026〕1号",
            "document_date": today - timedelta(days=60),
            "budget": "1000000",
            "rules": RULES,
        },
    )
    call = services.call_create(
        actor=official,
        version=version,
        title="专利转化运用资助申报",
        opens_on=today - timedelta(days=5),
        closes_on=today + timedelta(days=20),
    )
    services.finding_record(
        actor=official,
        kind="abnormal_application",
        basis="非正常专利申请认定通知书（第2026-001号）",
        found_on=today - timedelta(days=10),
        item_kind="patent",
        item_number="ZL202310000003.8",
    )

    holder = browser()
    log_in(holder, live_server, users["rights_holder"].username)
    holder.get(f"{live_server.url}/programmes/")
    holder.find_element(By.LINK_TEXT, "申报").click()
    holder.find_element(By.NAME, "items").send_keys(
        "patent,ZL202310000001.1,granted,2026-02-01,30000,一种加热方法\n"
        "patent,ZL202310000003.8,granted,2026-02-01,10000,\n"
        "patent,CN202610000004.0,application,,8000,\n"
        "pledge,ZY2026-0001,,2026-03-01,16000,专利权质押贷款贴息"
    )
    holder.find_element(By.CSS_SELECTOR, "main form button[type=submit]").click()
    wait_for_text(holder, "#status", "草稿")
    click_step(holder, "submit")
    wait_for_text(holder, "#status", "已提交")
    page = holder.find_element(By.TAG_NAME, "main").text
    assert "不属于非正常专利申请" in page and "programmes.Finding" in page  # the abnormal patent, with its record
    assert "不资助申请阶段的专利" in page and "23000.00" in page
    detail = holder.current_url

    office = browser()
    log_in(office, live_server, official.username)
    office.get(detail)
    for step, state in (("formal_pass", "形式审查通过"), ("review_pass", "评审通过"), ("publicise", "公示中")):
        click_step(office, step)
        wait_for_text(office, "#status", state)
    anonymous = browser()
    anonymous.get(f"{live_server.url}/programmes/publicity/")
    wait_for_text(anonymous, "main", orgs["own"].name)

    Application.objects.update(publicity_until=today - timedelta(days=1))  # the publicity has run its days
    decider = browser()
    log_in(decider, live_server, second.username)
    decider.get(detail)
    click_step(decider, "approve")
    wait_for_text(decider, "#status", "已批准")

    payer = browser()
    log_in(payer, live_server, finance.username)
    payer.get(detail)
    payer.find_element(By.NAME, "batch").send_keys("2026-01")
    payer.execute_script(f"arguments[0].value = '{today.isoformat()}'", payer.find_element(By.NAME, "paid_on"))
    payer.find_element(By.NAME, "voucher").send_keys("PZ-0001")
    click_step(payer, "pay")
    wait_for_text(payer, "#status", "已拨付")
    holder.get(detail)
    wait_for_text(holder, "#status", "已拨付")
    assert call.applications.get().payment.amount == 23000
