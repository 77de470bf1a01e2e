"""Browser walk-throughs in Debian's Chromium: the pages as people use them, htmx included.

A rights holder files a complaint with evidence and sees the summary before submitting; an official
enrols an authenticator at the first log-in (privileged roles need a second factor) and triages the
complaint from the queue; in a live online mediation, what one party says appears on the other
party's screen without reloading, and the room stops polling when the mediator ends the session; an
official imports the protected marks and a week's trademark publication and works an alert to the draft
opposition while the owner sees it.
Skipped, with the reason, where Chromium or its driver is not installed (`make test` installs both
as root: Debian packages chromium and chromium-driver).
"""

from __future__ import annotations

import shutil
import time
from collections.abc import Iterator

import pytest

pytestmark = pytest.mark.browser

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
DRIVER = shutil.which("chromedriver") or "/usr/bin/chromedriver"

webdriver = pytest.importorskip("selenium.webdriver", reason="selenium is not installed (make test installs it)")
if not (shutil.os.path.exists(CHROMIUM) and shutil.os.path.exists(DRIVER)):
    pytest.skip(
        "browser walk-through: Debian packages chromium and chromium-driver are not installed", allow_module_level=True
    )

from selenium.common.exceptions import TimeoutException, WebDriverException  # noqa: E402
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.support.expected_conditions import staleness_of  # noqa: E402
from selenium.webdriver.support.ui import Select, WebDriverWait  # noqa: E402

PASSWORD = "test-password-123"
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def browser() -> Iterator:
    """`browser()` opens a new headless Chromium window with its own cookies; all close at the end."""
    opened = []

    def open_one():
        options = webdriver.ChromeOptions()
        options.binary_location = CHROMIUM
        for flag in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage"):
            options.add_argument(flag)
        options.add_experimental_option("prefs", {"intl.accept_languages": "zh-CN,zh"})  # a Chinese browser
        driver = webdriver.Chrome(service=webdriver.ChromeService(executable_path=DRIVER), options=options)
        opened.append(driver)
        return driver

    yield open_one
    for driver in opened:
        driver.quit()


def log_in(driver, live_server, username: str) -> None:
    driver.get(f"{live_server.url}/login/")
    driver.find_element(By.NAME, "username").send_keys(username)
    driver.find_element(By.NAME, "password").send_keys(PASSWORD)
    driver.find_element(By.CSS_SELECTOR, "form button[type=submit]").click()
    WebDriverWait(driver, 10).until(lambda d: "/login/" not in d.current_url)
    if "/second-factor/" in driver.current_url:
        pass_second_factor(driver, username)


def pass_second_factor(driver, username: str) -> None:
    """Privileged roles: type the code an authenticator app would show, from the secret the enrolment
    page displays (first log-in) or the one stored for the account."""
    from zhichan.core.models import MfaDevice
    from zhichan.engines.otp import totp

    if "/second-factor/enrol/" in driver.current_url:
        secret = driver.find_element(By.ID, "totp-secret").text
        assert driver.find_element(By.CSS_SELECTOR, ".qr svg")  # the QR code to scan
    else:
        secret = MfaDevice.objects.get(user__username=username).secret
    driver.find_element(By.NAME, "code").send_keys(totp(secret, time.time()))
    driver.find_element(By.CSS_SELECTOR, "main form button[type=submit]").click()
    WebDriverWait(driver, 10).until(lambda d: "/second-factor/" not in d.current_url)


def wait_for_text(driver, selector: str, text: str, seconds: float = 10) -> None:
    try:
        # read in one script call: htmx may swap the element's children between two WebDriver calls
        WebDriverWait(driver, seconds).until(
            lambda d: text in d.execute_script("return document.querySelector(arguments[0])?.innerText || ''", selector)
        )
    except TimeoutException:
        body = driver.find_element(By.TAG_NAME, "body").text
        pytest.fail(f"{text!r} did not appear in {selector} of {driver.current_url} within {seconds} s; page:\n{body}")


def test_complaint_filed_with_evidence_then_triaged_by_an_official(
    transactional_db, live_server, browser, users, orgs, evidence_root, tmp_path
):
    proof = tmp_path / "专利证书.pdf"
    proof.write_bytes(PDF)
    holder = browser()
    log_in(holder, live_server, users["rights_holder"].username)
    holder.get(f"{live_server.url}/cases/new/")
    Select(holder.find_element(By.NAME, "right")).select_by_value("patent")
    Select(holder.find_element(By.NAME, "request_kind")).select_by_value("patent_ruling")
    holder.find_element(By.NAME, "requester_name").send_keys("广州酒家集团股份有限公司")
    holder.find_element(By.NAME, "respondent_name").send_keys("华南创新科技有限公司")
    holder.find_element(By.NAME, "respondent_credit_code").send_keys(orgs["other"].credit_code)
    holder.find_element(By.NAME, "facts").send_keys("被请求人销售的电饭煲落入我方发明专利权利要求1的保护范围。")
    holder.execute_script("arguments[0].value = '2025-06-01'", holder.find_element(By.NAME, "infringement_known_on"))
    for name in ("lawsuit_pending", "arbitration_agreement", "respondent_abroad", "fair_in_progress"):
        Select(holder.find_element(By.NAME, name)).select_by_value("false")
    holder.find_element(By.NAME, "files").send_keys(str(proof))
    holder.find_element(By.CSS_SELECTOR, "button[value=preview]").click()
    wait_for_text(holder, "#summary", "行政裁决")  # the proposal and its basis, before anything is filed
    assert "专利证书.pdf" in holder.page_source
    holder.find_element(By.CSS_SELECTOR, "button[value=submit]").click()
    wait_for_text(holder, "h1", "已收到")

    official = browser()
    log_in(official, live_server, users["official"].username)
    official.get(f"{live_server.url}/cases/")
    official.find_element(By.LINK_TEXT, "待分流").click()  # the one new complaint, not yet numbered
    official.find_element(By.CSS_SELECTOR, "form input[value=triage] ~ button[type=submit]").click()
    wait_for_text(official, "h1", "裁决请求待立案")
    clock = official.find_element(By.CSS_SELECTOR, ".clock")
    assert "立案审查" in clock.text and "个工作日" in clock.text


def test_live_mediation_statements_reach_the_other_party_without_reloading(
    transactional_db, live_server, browser, users, orgs, complaint, mediator
):
    from zhichan.cases import services as s
    from zhichan.core.models import Role, User

    respondent = User.objects.create_user(
        username="t-respondent", password=PASSWORD, role=Role.RIGHTS_HOLDER, organisation=orgs["other"]
    )
    case = complaint(right="trademark", request_kind="mediation", both_willing_to_mediate=True)
    case = s.case_triage_decide(actor=users["official"], case=case)
    case = s.case_assign_mediator(actor=users["official"], case=case, mediator=mediator)
    session = s.session_open(actor=users["mediator"], case=case, participants=[users["rights_holder"], respondent])
    room = f"{live_server.url}/cases/sessions/{session.public_id}/"

    theirs = browser()
    log_in(theirs, live_server, respondent.username)
    theirs.get(room)
    mine = browser()
    log_in(mine, live_server, users["rights_holder"].username)
    mine.get(room)
    box = mine.find_element(By.NAME, "text")
    box.send_keys("我方要求停止使用近似标识。")
    mine.find_element(By.CSS_SELECTOR, "#transcript ~ form button[type=submit]").click()
    wait_for_text(mine, "#transcript", "我方要求停止使用近似标识。")
    assert mine.find_element(By.NAME, "text").get_attribute("value") == ""  # the form was reset, not reloaded
    wait_for_text(theirs, "#transcript", "我方要求停止使用近似标识。")  # arrived by polling

    s.session_end(actor=users["mediator"], session=session, summary="双方同意庭外再议。")
    wait_for_text(theirs, "#transcript", "结束")
    assert session.messages.count() == 1


WATCH_MARKS = "注册号,商标,类别,注册人,注册日,中华老字号\n900001,广州酒家,30|43,{owner},2018-03-07,2006 第一批\n"
WATCH_PUBLICATION = "申请号,商标,类别,申请人,公告日期,期号\n80000001,广洲酒家,30,某某食品贸易有限公司,2026-11-27,1968\n"


def replaced(element):
    """A wait condition: the page that held `element` has been replaced. Chromium answers a question about
    a node of a document being torn down with an inspector error rather than a stale-element one; both
    mean the node is gone (staleness_of alone failed on that in one CI run)."""

    def gone(_driver) -> bool:
        try:
            return staleness_of(element)(_driver)
        except WebDriverException as exc:
            if "does not belong to the document" in str(exc):
                return True
            raise

    return gone


def upload_and_run(driver, live_server, page: str, path) -> None:
    """Send a file from an import page, run the job it queued as the worker does, see it finished."""
    from zhichan.core import jobs
    from zhichan.core.models import Job

    driver.get(f"{live_server.url}{page}")
    driver.find_element(By.NAME, "file").send_keys(str(path))
    driver.find_element(By.CSS_SELECTOR, "main form button[type=submit]").click()
    WebDriverWait(driver, 10).until(lambda d: "/jobs/" in d.current_url)
    jobs.execute(str(Job.objects.latest("created_at").pk))
    driver.refresh()
    wait_for_text(driver, "main", "已完成")


def test_a_week_of_trademark_watch_from_the_register_to_the_draft_opposition(
    transactional_db, live_server, browser, users, orgs, evidence_root, tmp_path
):
    """An official imports the protected marks and a week's publication from the pages, works the alert
    with the opposition clock running up to the draft statement of grounds; the owner sees its alert."""
    marks, publication = tmp_path / "保护商标.csv", tmp_path / "公告.csv"
    marks.write_bytes(WATCH_MARKS.format(owner=orgs["own"].name).encode("gb18030"))
    publication.write_bytes(WATCH_PUBLICATION.encode("gb18030"))
    official = browser()
    log_in(official, live_server, users["official"].username)
    upload_and_run(official, live_server, "/watch/marks/import/", marks)
    upload_and_run(official, live_server, "/watch/publications/import/", publication)

    official.get(f"{live_server.url}/watch/")
    official.find_element(By.PARTIAL_LINK_TEXT, "广洲酒家").click()
    wait_for_text(official, "h1", "广洲酒家 ≈ 广州酒家")
    deadlines = official.find_element(By.XPATH, "//h2[text()='期限']/..").text
    assert "异议" in deadlines and "还剩" in deadlines and "第三十三条" in deadlines  # the 2019 law's period
    for step in ("confirm", "notify", "prepare"):
        button = official.find_element(By.CSS_SELECTOR, f"form input[value={step}] ~ button[type=submit]")
        button.click()
        WebDriverWait(official, 10).until(replaced(button))  # the next page, not this one's message
        wait_for_text(official, "main", "已记录")
    assert official.find_element(By.PARTIAL_LINK_TEXT, "理由书草稿")

    owner = browser()
    log_in(owner, live_server, users["rights_holder"].username)
    owner.get(f"{live_server.url}/watch/")
    owner.find_element(By.PARTIAL_LINK_TEXT, "广洲酒家").click()
    wait_for_text(owner, "h1", "广洲酒家 ≈ 广州酒家")
    assert "Traceback" not in owner.page_source
