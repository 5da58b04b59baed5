"""The web app in a real browser against the live server (see conftest.py for how to run)."""

from __future__ import annotations

import datetime as dt
import re
import secrets

import pytest
from playwright.sync_api import Page, expect

import images
import org as org_module
from conftest import sign_in
from crm_api import Api


def open_start_menu(page: Page) -> None:
    page.click("#start-button")
    expect(page.locator("#start-menu")).to_be_visible()


def open_page(page: Page, menu_id: str) -> None:
    """Opens a page the way a person does: START, then the page's menu item."""
    open_start_menu(page)
    page.click(f'#menu li[data-menu-id="{menu_id}"] > a.menu-link')
    expect(page.locator("#workspace")).to_be_visible()
    expect(page.locator("#workspace")).to_have_attribute("data-menu-id", menu_id)


def menu_ids_shown(page: Page) -> set[str]:
    return set(page.locator("#menu li[data-menu-id]").evaluate_all("items => items.map(li => li.dataset.menuId)"))


def row_of(page: Page, name: str):
    return page.locator("#customer-rows tr", has=page.locator("a.customer-name", has_text=name))


def unique(label: str) -> str:
    return f"{label}{secrets.token_hex(3)}有限公司"


# ------------------------------------------------------------------------------- desktop and menu


@pytest.fixture(scope="module")
def default_shortcuts(admin_api):
    """System default shortcuts, one of them to a page salespeople may not open."""
    shortcuts = [
        {"menuId": "customers.add"}, {"menuId": "customers.mine"}, {"menuId": "customers.public"},
        {"menuId": "plans"}, {"menuId": "visits.mine"}, {"menuId": "admin.users", "title": "用户"},
    ]
    admin_api.patch("/api/v1/settings", {"defaultShortcuts": shortcuts})
    return [s["menuId"] for s in shortcuts]


def test_sign_in_shows_the_desktop_the_user_and_the_title(login, org, artifacts, default_shortcuts):
    page = login("east1")
    expect(page.locator("#whoami")).to_contain_text(org.display("east1"))
    expect(page.locator("#brand")).to_have_text("销售客户管理系统")
    expect(page.locator("#start-button")).to_be_visible()
    expect(page.locator("#desktop")).to_be_visible()
    # The default shortcuts, without the one to a page a salesperson may not open.
    shown = page.locator("#shortcuts .shortcut").evaluate_all("items => items.map(li => li.dataset.menuId)")
    assert shown == [m for m in default_shortcuts if m != "admin.users"]
    expect(page.locator('#shortcuts .shortcut[data-menu-id="plans"] .shortcut-title')).to_have_text("拜访计划")
    page.screenshot(path=str(artifacts / "desktop.png"))
    open_start_menu(page)
    page.screenshot(path=str(artifacts / "desktop-start-menu.png"))


def test_a_wrong_password_is_refused_next_to_the_form(page, org):
    page.goto("/")
    page.fill("#username", org.username("east1"))
    page.fill("#password", "not-the-password")
    page.click("#login-submit")
    expect(page.locator("#login-error")).to_be_visible()
    expect(page.locator("#desktop")).to_have_count(0)


def test_the_start_menu_shows_exactly_the_pages_an_administrator_may_open(login, admin_api):
    page = login("admin")
    open_start_menu(page)
    shown = menu_ids_shown(page)
    assert shown == admin_api.menu_ids()
    assert {"admin.pages", "admin.users", "customers.team", "reports.visits"} <= shown
    # Pages that only guard operations never show in the menu.
    assert not shown & {"desktop", "customers.detail", "customers.release", "customers.export"}


def test_the_start_menu_shows_exactly_the_pages_a_salesperson_may_open(login, api_as):
    page = login("east1")
    open_start_menu(page)
    shown = menu_ids_shown(page)
    assert shown == org_module.SALES_MENU
    assert shown == api_as("east1").menu_ids()


def test_the_language_switch_changes_the_menu_and_is_remembered(login):
    page = login("east1")
    item = page.locator('#menu li[data-menu-id="customers.mine"] .menu-title')
    open_start_menu(page)
    expect(item).to_have_text("我的客户")
    page.select_option("#lang-switch", "en")
    expect(item).to_have_text("My customers")
    expect(page.locator("#logout")).to_have_text("Sign out")
    page.reload()
    page.wait_for_selector("#desktop")
    open_start_menu(page)
    expect(item).to_have_text("My customers")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    page.select_option("#lang-switch", "zh-CN")
    expect(item).to_have_text("我的客户")


def test_a_page_opens_in_the_workspace_and_closes_back_to_the_desktop(login):
    page = login("east1")
    open_page(page, "customers.mine")
    expect(page.locator("#workspace-title")).to_have_text("我的客户")
    page.click(".workspace-close")
    expect(page.locator("#workspace")).to_be_hidden()
    expect(page.locator("#desktop")).to_be_visible()


# ------------------------------------------------------------------------------- adding customers


def test_adding_a_customer_goes_through_both_steps_and_back_to_step_one(login, api_as, org):
    name = unique("星辰网页测试")
    page = login("east1")
    open_page(page, "customers.add")
    page.fill("#check-name", name)
    expect(page.locator("#check-free")).to_be_visible()
    page.click("#check-next")

    expect(page.locator('.add-customer[data-step="2"]')).to_be_visible()
    expect(page.locator("#add-name")).to_have_value(name)
    # The department's required fields are marked: company name and website by default.
    expect(page.locator('[data-field="website"] .required-mark')).to_be_visible()
    page.click("#add-save")  # the website is missing: the 422 marks it
    expect(page.locator('.field-error[data-error-for="website"]')).to_be_visible()
    expect(page.locator("#add-website")).to_have_attribute("aria-invalid", "true")
    page.fill("#add-website", "https://xingchen.example.cn")
    page.fill("#add-region", "上海")
    page.click("#add-save")

    expect(page.locator('.add-customer[data-step="1"]')).to_be_visible()
    expect(page.locator("#add-saved .saved-name")).to_have_text(name)
    expect(page.locator("#check-name")).to_have_value("")

    found = api_as("east1").get("/api/v1/customers", params={"scope": "mine", "q": name})["items"]
    assert [(c["name"], c["ownerId"], c.get("region")) for c in found] == [(name, org.users["east1"]["id"], "上海")]


def test_a_second_salesperson_is_refused_and_told_who_holds_the_company(login, api_as, org):
    name = unique("Abc撞单测试")
    api_as("east1").customer(name)
    page = login("south")
    open_page(page, "customers.add")

    # Step 1 says at once who holds it, with letter case and full-width forms folded.
    full_width = "".join(chr(ord(c) + 0xFEE0) if "!" <= c <= "~" else c for c in name.lower())
    page.fill("#check-name", f" {full_width} ")
    expect(page.locator("#check-taken .holder")).to_have_text(org.display("east1"))
    expect(page.locator("#check-next")).to_be_disabled()

    # Saving it anyway (renamed in step 2) is a 409 whose holder is shown.
    page.fill("#check-name", name + "分部")
    expect(page.locator("#check-free")).to_be_visible()
    page.click("#check-next")
    page.fill("#add-name", name)
    page.fill("#add-website", "https://example.cn")
    page.click("#add-save")
    expect(page.locator("#add-conflict .holder")).to_have_text(org.display("east1"))
    expect(page.locator("#add-name")).to_have_attribute("aria-invalid", "true")


# ------------------------------------------------------------------------------- lists and operations


def test_a_released_customer_appears_in_the_public_list(login, api_as, artifacts):
    name = unique("放弃测试")
    api_as("east1").customer(name)
    page = login("east1")
    open_page(page, "customers.mine")
    page.fill("#qs-keyword", name)
    page.click("#quick-search button[type=submit]")
    expect(page.locator("#customer-rows tr")).to_have_count(1)
    expect(row_of(page, name).locator(".days-left")).to_contain_text("天")
    page.screenshot(path=str(artifacts / "customer-list.png"))

    row_of(page, name).locator(".row-select").check()
    expect(page.locator("#selection-count")).to_contain_text("1")
    page.click('[data-action="bulk"][data-op="release"]')
    page.click("dialog [data-confirm-ok]")
    outcome = page.locator("#bulk-results .outcome")
    expect(outcome).to_have_count(1)
    expect(outcome).to_have_attribute("data-status", "ok")
    expect(outcome.locator(".outcome-name")).to_have_text(name)
    expect(page.locator("#customer-rows tr.empty")).to_be_visible()
    # Nothing is selected any more, so nothing can be released.
    expect(page.locator('[data-action="bulk"][data-op="release"]')).to_be_disabled()

    open_page(page, "customers.public")
    page.fill("#qs-keyword", name)
    page.click("#quick-search button[type=submit]")
    expect(row_of(page, name)).to_have_count(1)
    expect(row_of(page, name).locator(".owner .tag-public")).to_be_visible()


def test_a_claim_reports_an_outcome_for_each_customer(login, api_as):
    taken = unique("已占用")
    held = api_as("south").customer(taken)
    page = login("east1")
    released = api_as("south").post("/api/v1/customers/release", {"ids": [held["id"]]})
    assert released["results"][0]["status"] == "ok"
    open_page(page, "customers.public")
    page.fill("#qs-keyword", "")
    page.click("#quick-search button[type=submit]")
    # Someone else claims one of them between listing and claiming.
    row_of(page, taken).locator(".row-select").check()
    api_as("east2").post("/api/v1/customers/claim", {"ids": [held["id"]]})
    page.click('[data-action="bulk"][data-op="claim"]')
    outcome = page.locator(f'#bulk-results .outcome[data-id="{held["id"]}"]')
    expect(outcome).to_have_attribute("data-status", re.compile("notPublic|changedMeanwhile|notFound"))


def test_a_manager_sees_a_subordinates_customer_and_a_peer_does_not(login, api_as, page):
    name = unique("下属客户测试")
    customer = api_as("east1").customer(name)

    login("lead")
    open_page(page, "customers.team")
    page.fill("#qs-keyword", name)
    page.click("#quick-search button[type=submit]")
    expect(row_of(page, name)).to_have_count(1)
    row_of(page, name).locator("a.customer-name").click()
    expect(page.locator("#detail-name")).to_contain_text(name)
    page.click("#logout")
    page.wait_for_selector("#login-form")

    login("east2")
    open_page(page, "customers.mine")
    page.fill("#qs-keyword", name)
    page.click("#quick-search button[type=submit]")
    expect(page.locator("#customer-rows tr.empty")).to_be_visible()
    page.goto(f"/#/customers/{customer['id']}")
    expect(page.locator("#detail-error")).to_be_visible()
    expect(page.locator("#detail-name")).to_have_count(0)


def test_more_appends_the_next_page_of_the_list_until_there_is_none(login, api_as):
    tag = secrets.token_hex(3)
    for n in range(55):
        api_as("south").customer(f"翻页{tag}客户{n:02d}有限公司")
    page = login("south")
    open_page(page, "customers.mine")
    page.fill("#qs-keyword", f"翻页{tag}")
    page.click("#quick-search button[type=submit]")
    expect(page.locator("#customer-rows tr[data-id]")).to_have_count(50)
    expect(page.locator("#list-count")).to_have_text("显示 50 / 共 55 条")
    # The filters apply to the next page as they were when searching, not as typed since.
    page.fill("#qs-keyword", "something else")
    page.click("#load-more")
    expect(page.locator("#customer-rows tr[data-id]")).to_have_count(55)
    expect(page.locator("#load-more")).to_be_hidden()
    names = page.locator("#customer-rows a.customer-name").all_text_contents()
    assert len(set(names)) == 55 and all(f"翻页{tag}" in name for name in names)


# ------------------------------------------------------------------------------- plans and visits


def test_logging_a_visit_from_a_plan_marks_the_plan_done(login, api_as):
    name = unique("计划测试")
    customer = api_as("east1").customer(name)
    page = login("east1")
    page.goto(f"/#/customers/{customer['id']}")
    expect(page.locator("#detail-name")).to_contain_text(name)

    page.click("#tab-plans")
    page.fill("#plan-subject", "介绍新产品")
    page.click("#plan-save")
    plan = page.locator(".plan", has_text="介绍新产品")
    expect(plan).to_have_attribute("data-status", "pending")

    plan.locator('[data-action="log-from-plan"]').click()
    expect(page.locator("#visit-plan option:checked")).to_have_text("介绍新产品")
    page.fill("#visit-content", "演示了产品，\n客户有兴趣。")
    page.select_option("#visit-method", "visit")
    page.click("#visit-save")
    expect(page.locator("#visit-list .visit").first).to_contain_text("客户有兴趣")

    page.click("#tab-plans")
    expect(page.locator(".plan", has_text="介绍新产品")).to_have_attribute("data-status", "done")
    plans = api_as("east1").get("/api/v1/plans", params={"customerId": customer["id"]})["items"]
    assert [(p["subject"], p["status"]) for p in plans] == [("介绍新产品", "done")]
    assert plans[0].get("visitId")


def test_a_customers_visits_come_fifty_at_a_time(login, api_as):
    rep = api_as("south")
    customer = rep.customer(unique("拜访翻页"))
    start = dt.datetime.now(dt.timezone.utc) - dt.timedelta(days=2)
    for n in range(52):
        moment = (start + dt.timedelta(minutes=n)).strftime("%Y-%m-%dT%H:%M:%SZ")
        rep.post(f"/api/v1/customers/{customer['id']}/visits", {"visitedAt": moment, "method": "phone", "content": f"第{n}次电话"})
    page = login("south")
    page.goto(f"/#/customers/{customer['id']}?tab=visits")
    expect(page.locator("#visit-list .visit")).to_have_count(50)
    page.click("#visits-more")
    expect(page.locator("#visit-list .visit")).to_have_count(52)
    expect(page.locator("#visits-more")).to_be_hidden()
    contents = page.locator("#visit-list .visit-content").all_text_contents()
    assert sorted(contents) == sorted(f"第{n}次电话" for n in range(52))


def test_plans_are_grouped_by_day_overdue_marked_and_open_their_customer(login, api_as):
    name = unique("逾期计划")
    customer = api_as("east1").customer(name)
    past = (dt.datetime.now(dt.timezone.utc) - dt.timedelta(days=1)).strftime("%Y-%m-%dT%H:%M:%SZ")
    api_as("east1").post("/api/v1/plans", {"customerId": customer["id"], "plannedAt": past, "subject": "逾期的拜访"})
    page = login("east1")
    open_page(page, "plans")
    plan = page.locator(".plan", has_text="逾期的拜访")
    expect(plan).to_have_attribute("data-overdue", "true")
    expect(plan).to_have_class(re.compile("overdue"))
    expect(plan.locator("xpath=ancestor::section[contains(@class,'day-group')]")).to_have_count(1)
    plan.locator(".plan-subject").dblclick()
    expect(page.locator("#detail-name")).to_contain_text(name)


def test_the_summary_chart_has_one_bar_per_day(login, api_as, org, artifacts):
    rep = api_as("east2")
    customer = rep.customer(unique("汇总测试"))
    today = dt.date.today()
    days = [today - dt.timedelta(days=n) for n in range(9, -1, -1)]  # ten days
    visits = {days[1]: 2, days[4]: 3, days[8]: 1}
    for day, count in visits.items():
        for n in range(count):
            rep.post(
                f"/api/v1/customers/{customer['id']}/visits",
                {"visitedAt": f"{day.isoformat()}T{10 + n:02d}:00:00Z", "method": "phone", "content": f"第{n + 1}次"},
            )

    page = login("lead")
    open_page(page, "reports.visits")
    page.select_option("#summary-user", str(org.users["east2"]["id"]))
    page.fill("#summary-from", days[0].isoformat())
    page.fill("#summary-to", days[-1].isoformat())
    page.click("#summary-filters button[type=submit]")

    bars = page.locator("#summary-chart svg rect.bar")
    expect(bars).to_have_count(len(days))
    values = bars.evaluate_all("rects => rects.map(r => [r.dataset.day, Number(r.dataset.value)])")
    assert values == [[d.isoformat(), visits.get(d, 0)] for d in days]
    expect(page.locator("#stat-total")).to_have_text(str(sum(visits.values())))
    expect(page.locator("#stat-customers")).to_have_text("1")
    expect(page.locator(".by-customer tbody tr")).to_have_count(1)
    expect(page.locator('.by-method tr[data-method="phone"] td')).to_have_text("6")
    page.screenshot(path=str(artifacts / "summary.png"), full_page=True)


def test_date_filters_name_today_as_the_server_does(browser, base_url, org):
    # 17:00 UTC: still the 29th in Los Angeles, already the 30th in Shanghai (the server's default
    # CRM_TIME_ZONE). A browser naming its own today would leave out visits logged "today".
    moment = dt.datetime.now(dt.timezone.utc).replace(hour=17, minute=0, second=0, microsecond=0)
    shanghai_today = (moment + dt.timedelta(days=1)).date()
    context = browser.new_context(locale="zh-CN", base_url=base_url, timezone_id="America/Los_Angeles")
    try:
        page = context.new_page()
        page.clock.set_fixed_time(moment)
        sign_in(page, org.username("lead"), org_module.PASSWORD)
        open_page(page, "visits.query")
        expect(page.locator("#visits-to")).to_have_value(shanghai_today.isoformat())
        expect(page.locator("#visits-from")).to_have_value((shanghai_today - dt.timedelta(days=30)).isoformat())
    finally:
        context.close()


def test_the_visit_record_query_lists_a_salespersons_visits(login, api_as, org):
    rep = api_as("east1")
    customer = rep.customer(unique("拜访查询"))
    rep.post(f"/api/v1/customers/{customer['id']}/visits", {"visitedAt": dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"), "method": "wechat", "content": "微信沟通报价"})
    page = login("lead")
    open_page(page, "visits.query")
    page.select_option("#visits-user", str(org.users["east1"]["id"]))
    page.click("#visit-filters button[type=submit]")
    expect(page.locator("#visit-rows tr", has_text="微信沟通报价")).to_have_count(1)


# ------------------------------------------------------------------------------- sessions, files, links


def test_an_ended_session_returns_to_sign_in_with_a_notice_and_then_to_the_page(login, base_url, org):
    page = login("east2")
    token = page.evaluate("localStorage.getItem('crm.token')")
    Api(base_url, token).post("/api/v1/auth/logout")
    open_start_menu(page)
    page.click('#menu li[data-menu-id="customers.mine"] > a.menu-link')
    expect(page.locator("#login-form")).to_be_visible()
    expect(page.locator("#login-notice")).to_be_visible()
    expect(page.locator("#start-button")).to_be_hidden()
    page.fill("#username", org.username("east2"))
    page.fill("#password", org_module.PASSWORD)
    page.click("#login-submit")
    expect(page.locator("#workspace")).to_have_attribute("data-menu-id", "customers.mine")


def test_a_link_opened_signed_out_opens_after_signing_in(page, api_as, org):
    customer = api_as("east1").customer(unique("登录后打开"))
    page.goto(f"/#/customers/{customer['id']}?tab=history")
    expect(page.locator("#login-form")).to_be_visible()
    expect(page.locator("#login-notice")).to_have_count(0)
    page.fill("#username", org.username("east1"))
    page.fill("#password", org_module.PASSWORD)
    page.click("#login-submit")
    expect(page.locator("#detail-name")).to_contain_text(customer["name"])
    expect(page.locator("#tab-history")).to_have_attribute("aria-selected", "true")


def test_the_export_downloads_the_list_as_csv_with_the_token(login, api_as, org):
    name = unique("导出测试")
    api_as("east1").customer(name)
    page = login("lead")
    open_page(page, "customers.team")
    page.fill("#qs-keyword", name)
    page.click("#quick-search button[type=submit]")
    expect(row_of(page, name)).to_have_count(1)
    with page.expect_download() as download:
        page.click('[data-action="export"]')
    text = open(download.value.path(), encoding="utf-8-sig").read()
    assert text.splitlines()[0].startswith("name,website")
    assert name in text and org.display("east1") in text


def test_an_import_is_checked_first_then_done(login, admin_api):
    fresh, taken = unique("导入新客户"), unique("导入重复")
    admin_api.customer(taken)
    csv_text = f"公司名称,网址,地区\r\n{fresh},https://a.example,北京\r\n{taken},https://b.example,上海\r\n,https://c.example,\r\n"
    page = login("admin")
    open_page(page, "customers.import")
    page.set_input_files("#import-file", files=[{"name": "customers.csv", "mimeType": "text/csv", "buffer": csv_text.encode("utf-8")}])
    page.click("#import-check")
    expect(page.locator("#import-summary")).to_have_attribute("data-dry-run", "true")
    statuses = page.locator(".import-rows tbody tr").evaluate_all("rows => rows.map(r => [Number(r.dataset.row), r.dataset.status])")
    assert statuses == [[2, "created"], [3, "duplicate"], [4, "invalid"]]
    assert admin_api.get("/api/v1/customers", params={"scope": "all", "q": fresh})["items"] == []

    page.click("#import-run")
    expect(page.locator("#import-summary")).to_have_attribute("data-dry-run", "false")
    found = admin_api.get("/api/v1/customers", params={"scope": "all", "q": fresh})["items"]
    assert [c["name"] for c in found] == [fresh]


def test_a_page_with_a_url_opens_it_in_a_new_tab(login, admin_api, org):
    menu_id = f"links.help-{org.suffix}"
    admin_api.post("/api/v1/pages", {"menuId": menu_id, "title": "帮助文档", "url": "https://example.com/help", "checkPermission": False})
    page = login("east1")
    open_start_menu(page)
    link = page.locator(f'#menu li[data-menu-id="{menu_id}"] > a')
    expect(link).to_have_attribute("href", "https://example.com/help")
    expect(link).to_have_attribute("target", "_blank")
    expect(link).to_have_attribute("rel", re.compile("noopener"))
    admin_api.call("DELETE", f"/api/v1/pages/{menu_id}")


def test_the_administrator_creates_a_user_who_can_then_sign_in(login, page, org):
    username = f"new-{org.suffix}"
    login("admin")
    open_page(page, "admin.users")
    page.click("#user-new-panel summary")
    page.fill("#user-new-username", username)
    page.fill("#user-new-display", "新同事")
    page.fill("#user-new-password", "short")
    page.click("#user-new button[type=submit]")
    expect(page.locator('.field-error[data-error-for="password"]')).to_be_visible()
    page.fill("#user-new-password", org_module.PASSWORD)
    page.click("#user-new button[type=submit]")
    expect(page.locator(f'#user-rows tr[data-username="{username}"]')).to_have_count(1)
    page.click("#logout")
    page.fill("#username", username)
    page.fill("#password", org_module.PASSWORD)
    page.click("#login-submit")
    expect(page.locator("#whoami")).to_contain_text("新同事")


# ------------------------------------------------------------------------------- personal desktop


def test_a_chosen_background_becomes_the_desktop_wallpaper(login, api_as):
    page = login("south")
    open_page(page, "personal.background")
    page.set_input_files("#background-file", files=[{"name": "sea.png", "mimeType": "image/png", "buffer": images.png(320, 200)}])
    page.click("#background-upload button[type=submit]")
    item = page.locator("#background-gallery .gallery-item").first
    expect(item).to_have_attribute("aria-selected", "true")
    item.dblclick()
    expect(page.locator("dialog #preview-image")).to_be_visible()
    page.click("dialog [data-close]")
    page.click("#background-use")
    expect(page.locator("#desktop")).to_have_class(re.compile("has-wallpaper"))
    desktop = api_as("south").get("/api/v1/me/desktop")
    file_id = desktop["background"]["fileId"]
    assert int(item.get_attribute("data-file-id")) == file_id
    assert f"/api/v1/files/{file_id}" in page.locator("#desktop").evaluate("el => el.style.backgroundImage")

    page.click('[data-action="default"]')
    expect(page.locator("#desktop")).not_to_have_class(re.compile("has-wallpaper"))
    assert "background" not in api_as("south").get("/api/v1/me/desktop")


def test_shortcuts_with_an_uploaded_icon_appear_on_the_desktop(login, api_as):
    page = login("east2")
    open_page(page, "personal.shortcuts")
    # Start from the (default) shortcuts shown, then keep only a new one.
    expect(page.locator(".shortcut-editor")).to_be_visible()
    while page.locator('.shortcut-rows [data-action="remove"]').count() > 0:
        page.locator('.shortcut-rows [data-action="remove"]').first.click()
    page.click('[data-action="add"]')
    row = page.locator(".shortcut-rows tbody tr").first
    row.locator("select").select_option("plans")
    row.locator('input[type="text"]').fill("我的日程")
    row.locator('[data-action="icon"]').click()
    page.set_input_files("#icon-upload", files=[{"name": "odd.png", "mimeType": "image/png", "buffer": images.png(50, 40)}])
    expect(page.locator("dialog .icon-warning")).to_contain_text("50×40")
    expect(page.locator("dialog .gallery-item .size-warning")).to_have_count(1)
    page.locator("dialog .gallery-item").first.click()
    expect(row.locator(".shortcut-icon img")).to_have_count(1)
    page.click(".shortcut-editor button[type=submit]")

    shortcut = page.locator('#shortcuts .shortcut[data-menu-id="plans"]')
    expect(shortcut.locator(".shortcut-title")).to_have_text("我的日程")
    expect(shortcut.locator("img")).to_have_count(1)
    saved = api_as("east2").get("/api/v1/me/desktop")
    assert [(s["menuId"], s.get("title")) for s in saved["shortcuts"]] == [("plans", "我的日程")]
    assert saved["custom"] is True

    page.click(".workspace-close")
    shortcut.locator("a").click()
    expect(page.locator("#workspace")).to_have_attribute("data-menu-id", "plans")


def test_saving_the_shortcuts_keeps_ones_background_and_saving_the_background_keeps_the_shortcuts(login, api_as):
    api = api_as("manager")
    answer = api.http.post(
        f"{api.base}/api/v1/files", params={"purpose": "background"}, data=images.png(64, 48), headers={"Content-Type": "image/png"}
    )
    assert answer.status_code == 201, answer.text
    background = answer.json()["id"]
    api.put("/api/v1/me/desktop", {"backgroundFileId": background, "shortcuts": [{"menuId": "plans"}]})
    page = login("manager")

    open_page(page, "personal.shortcuts")
    page.locator(".shortcut-rows tbody tr").first.locator('input[type="text"]').fill("日程")
    page.click(".shortcut-editor button[type=submit]")
    expect(page.locator('#shortcuts .shortcut[data-menu-id="plans"] .shortcut-title')).to_have_text("日程")
    assert api.get("/api/v1/me/desktop")["background"]["fileId"] == background

    open_page(page, "personal.background")
    page.locator(f'#background-gallery .gallery-item[data-file-id="{background}"]').click()
    page.click("#background-use")
    expect(page.locator("#toast")).to_be_visible()
    saved = api.get("/api/v1/me/desktop")
    assert [(s["menuId"], s.get("title")) for s in saved["shortcuts"]] == [("plans", "日程")]
    assert saved["background"]["fileId"] == background


# ------------------------------------------------------------------------------- administration


def test_assigning_reports_an_outcome_for_each_customer(login, api_as, admin_api, org):
    tag = secrets.token_hex(3)
    kept = api_as("east1").customer(f"分配甲{tag}有限公司")
    gone = api_as("east1").customer(f"分配乙{tag}有限公司")
    page = login("lead")
    open_page(page, "customers.team")
    page.fill("#qs-keyword", tag)
    page.click("#quick-search button[type=submit]")
    expect(page.locator("#customer-rows tr[data-id]")).to_have_count(2)
    page.check("#select-all")
    admin_api.post("/api/v1/customers/delete", {"ids": [gone["id"]]})
    page.select_option("#assign-user", str(org.users["east2"]["id"]))
    page.click('[data-action="bulk"][data-op="assign"]')
    expect(page.locator(f'#bulk-results .outcome[data-id="{kept["id"]}"]')).to_have_attribute("data-status", "ok")
    expect(page.locator(f'#bulk-results .outcome[data-id="{gone["id"]}"]')).to_have_attribute("data-status", "notFound")
    expect(page.locator("#bulk-results .bulk-summary")).to_contain_text("1 / 2")
    assert api_as("east2").get(f"/api/v1/customers/{kept['id']}")["ownerId"] == org.users["east2"]["id"]


def test_a_role_grants_the_pages_ticked_for_it(login, admin_api, org):
    name = f"统计员-{org.suffix}"
    page = login("admin")
    open_page(page, "admin.roles")
    page.fill("#role-new-name", name)
    page.click("#role-new button[type=submit]")
    expect(page.locator("#role-name")).to_have_value(name)
    page.check('#role-pages input[value="reports.pool"]')
    page.check('#role-pages input[value="reports.visits"]')
    page.click("#role-pages-save")
    expect(page.locator('#role-list [aria-current="true"]')).to_contain_text("(2)")
    role = next(r for r in admin_api.get("/api/v1/roles")["items"] if r["name"] == name)
    assert role["menuIds"] == ["reports.pool", "reports.visits"]


def test_a_department_gets_a_position_that_manages_subordinates(login, admin_api, org):
    name = f"华北组-{org.suffix}"
    page = login("admin")
    open_page(page, "admin.departments")
    page.fill("#dept-new-name", name)
    page.click("#dept-new button[type=submit]")
    expect(page.locator("#dept-name")).to_have_value(name)
    page.fill("#pos-new-name", "华北组长")
    page.check('#position-new input[name="manageSubordinates"]')
    page.check(f'#position-new input[name="roleIds"][value="{org.roles["manager"]["id"]}"]')
    page.click("#position-new button[type=submit]")
    expect(page.locator("#position-list .position")).to_have_count(1)
    dept = next(d for d in admin_api.get("/api/v1/departments")["items"] if d["name"] == name)
    positions = admin_api.get("/api/v1/positions", params={"departmentId": dept["id"]})["items"]
    assert [(p["name"], p["manageSubordinates"], p["roleIds"]) for p in positions] == [("华北组长", True, [org.roles["manager"]["id"]])]


def test_the_system_title_shows_in_the_header(login, admin_api):
    page = login("admin")
    open_page(page, "admin.settings")
    page.fill("#settings-title", "星辰销售管理")
    page.click("#settings-general button[type=submit]")
    try:
        expect(page.locator("#brand")).to_have_text("星辰销售管理")
        expect(page).to_have_title("星辰销售管理")
    finally:
        admin_api.patch("/api/v1/settings", {"systemTitle": "销售客户管理系统"})


def test_a_user_changes_their_password(page, admin_api, org, base_url):
    username = f"pw-{org.suffix}"
    admin_api.user(username, "改密码的人", org_module.PASSWORD, None)
    sign_in(page, username, org_module.PASSWORD)
    open_page(page, "personal.password")
    page.fill("#current-password", "wrong-password")
    page.fill("#new-password", "brand-new-pass-2")
    page.fill("#confirm-password", "brand-new-pass-2")
    page.click("#password-form button[type=submit]")
    expect(page.locator('.field-error[data-error-for="currentPassword"]')).to_be_visible()
    page.fill("#current-password", org_module.PASSWORD)
    page.click("#password-form button[type=submit]")
    expect(page.locator("#password-done")).to_be_visible()
    assert Api.login(base_url, username, "brand-new-pass-2").me["username"] == username


# ------------------------------------------------------------------------------- escaping


def test_a_customer_named_like_markup_shows_as_text(login, api_as):
    tag = secrets.token_hex(3)
    name = f"<img src=x onerror=alert(1)>{tag}"
    customer = api_as("east1").customer(name)
    page = login("east1")
    open_page(page, "customers.mine")
    page.fill("#qs-keyword", f"alert(1)>{tag}")
    page.click("#quick-search button[type=submit]")
    expect(row_of(page, name).locator("a.customer-name")).to_have_text(name)
    assert page.locator('img[src="x"]').count() == 0

    page.goto(f"/#/customers/{customer['id']}")
    expect(page.locator("#detail-name")).to_have_text(name)
    expect(page.locator("#workspace-title .title-name")).to_have_text(name)
    page.click("#tab-history")
    expect(page.locator(".history-table tbody tr")).to_have_count(1)
    assert page.locator('img[src="x"]').count() == 0
    assert page.problems.dialogs == []


# ------------------------------------------------------------------------------- small screens


def test_the_desktop_and_a_page_work_at_phone_width(login, artifacts):
    page = login("east1")
    page.set_viewport_size({"width": 390, "height": 844})
    open_page(page, "customers.mine")
    box = page.locator("#workspace").bounding_box()
    assert box["width"] <= 390 and box["x"] >= 0
    expect(page.locator("#quick-search")).to_be_visible()
    page.screenshot(path=str(artifacts / "phone-customer-list.png"))


def test_a_keyword_with_a_space_finds_the_customer(login, api_as):
    name = f"Acme Tech {secrets.token_hex(3)} Ltd"
    api_as("east1").customer(name)
    page = login("east1")
    open_page(page, "customers.mine")
    urls: list[str] = []
    page.on("request", lambda request: urls.append(request.url))
    page.fill("#qs-keyword", name)
    page.click("#quick-search button[type=submit]")
    expect(row_of(page, name)).to_have_count(1, timeout=3000)
    # The total comes in a request of its own, so the page never waits for a slow count.
    expect(page.locator("#list-count")).to_have_text(re.compile(r"1 / 共 1 条|1 of 1 shown"), timeout=3000)
    searches = [url for url in urls if "/api/v1/customers?" in url and "q=" in url]
    assert any("count=true" in url and "limit=1&" in url + "&" for url in searches), searches
    assert any("count=" not in url for url in searches), searches
