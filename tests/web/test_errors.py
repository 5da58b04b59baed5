"""Server errors in the user's language: the server names every problem and field error by a stable
code (docs/errors.md), and a Chinese screen says it in Chinese from the web app's message table,
where it used to show the server's English."""

from __future__ import annotations

import pathlib
import re
import secrets

from playwright.sync_api import Page, expect

import org as org_module
from conftest import sign_in
from crm_api import Api

REPO = pathlib.Path(__file__).resolve().parents[2]
LATIN = re.compile(r"[A-Za-z]")


def unique(label: str) -> str:
    return f"{label}{secrets.token_hex(3)}有限公司"


def chinese(text: str, *data: str) -> bool:
    """Whether `text` holds no Latin letter, once the data it quotes (names, numbers) are taken out."""
    for item in data:
        text = text.replace(item, "")
    return text.strip() != "" and not LATIN.search(text)


def test_every_code_the_server_lists_has_a_message_in_both_languages():
    listed = (REPO / "docs" / "errors.md").read_text(encoding="utf-8")
    codes = set(re.findall(r"^\| `([a-z][a-z0-9-]*)` \|", listed, re.M))  # http-<status> is said by its status
    table = (REPO / "webapp" / "js" / "messages.js").read_text(encoding="utf-8")
    known = set(re.findall(r"^\s*'(?:problem|invalid)\.([a-z0-9-]+)':", table, re.M))
    assert len(codes) > 50
    assert sorted(codes - known) == []


def test_the_words_the_server_names_are_said_in_the_users_language(page):
    page.goto("/")
    page.wait_for_selector("#login-form")
    said = page.evaluate(
        """async () => {
          const { ApiError } = await import('/js/http.js');
          const { describeError, describeFieldError } = await import('/js/problems.js');
          const { t } = await import('/js/i18n.js');
          const say = (m) => m.text ?? t(m.key, m.params);
          const problem = (status, code, params) => say(describeError(new ApiError(status, { code, params, detail: 'English' })));
          const field = (code, params) => say(describeFieldError({ field: 'from', code, params, message: 'English' }));
          return [
            problem(404, 'not-found', { kind: 'customer', id: 7 }),
            problem(403, 'page-forbidden', { page: '放弃客户', menuId: 'customers.release' }),
            problem(403, 'page-forbidden', { page: '释放', menuId: 'customers.release' }),
            problem(413, 'too-large', { maxBytes: 5242880 }),
            problem(405, 'http-405'),
            problem(418, 'a-code-of-tomorrow'),
            field('invalid-format', { format: 'date' }),
            field('wrong-type', { expected: 'integer' }),
            field('ragged-row', { fields: 3, expected: 4 }),
            field('a-code-of-tomorrow'),
          ];
        }"""
    )
    assert said == [
        "该客户不存在，或您无权查看。",
        "您没有“放弃客户”的权限。",
        "您没有“释放”的权限。",  # a title the administrator changed is data
        "内容过大，最多 5 MB。",
        "请求失败（405）。",
        "English",
        "不是有效的日期。",
        "应为整数。",
        "此行有 3 列，表头有 4 列。",
        "English",
    ]


def test_a_taken_company_name_is_refused_in_chinese_naming_its_holder(login, api_as, org):
    taken = unique("重名测试")
    api_as("east1").customer(taken)
    mine = api_as("south").customer(unique("改名测试"))
    page = login("south")
    page.goto(f"/#/customers/{mine['id']}")
    page.fill("#edit-name", taken)
    page.click("#edit-save")
    error = page.locator("#edit-error")
    expect(error).to_contain_text("该公司已被添加")
    expect(error.locator(".holder")).to_have_text(org.display("east1"))
    assert chinese(error.inner_text(), org.display("east1")), error.inner_text()
    expect(page.locator("#edit-name")).to_have_attribute("aria-invalid", "true")

    # The message follows the language switch like the rest of the page.
    page.select_option("#lang-switch", "en")
    expect(error).to_contain_text("This company has already been added")
    page.select_option("#lang-switch", "zh-CN")


def test_a_missing_field_is_explained_in_chinese_beside_it(login):
    page = login("east1")
    page.goto("/#/customers.add")
    page.fill("#check-name", unique("必填测试"))
    expect(page.locator("#check-free")).to_be_visible()
    page.click("#check-next")
    page.click("#add-save")  # the department requires a website by default
    note = page.locator('.field-error[data-error-for="website"]')
    expect(note).to_be_visible()
    assert chinese(note.inner_text()), note.inner_text()


def test_a_number_out_of_range_is_explained_in_chinese_with_its_limits(login):
    page = login("admin")
    page.goto("/#/admin.settings")
    page.fill("#settings-days", "5000")
    page.click("#settings-general button[type=submit]")
    note = page.locator('.field-error[data-error-for="protectionDays"]')
    expect(note).to_contain_text("3650")
    assert chinese(note.inner_text(), "0", "3650"), note.inner_text()


def test_a_field_error_away_from_its_input_names_the_field_by_its_chinese_label(login, admin_api, org):
    username = f"label-{org.suffix}"
    admin_api.user(username, "改名的人", org_module.PASSWORD, None)
    page = login("admin")
    page.goto("/#/admin.users")
    row = page.locator(f'#user-rows tr[data-username="{username}"]')
    row.locator('[name="displayName"]').fill("")
    row.locator('[data-action="save"]').click()
    item = row.locator('.row-error li[data-field="displayName"]')
    expect(item).to_contain_text("姓名")
    assert chinese(row.locator(".row-error").inner_text()), row.locator(".row-error").inner_text()


def test_an_operation_whose_page_was_taken_away_is_refused_in_chinese(page: Page, admin_api, org):
    # A user of their own, so that taking a page away from their role touches no other test.
    role = admin_api.role(f"收回权限-{org.suffix}", ["customers.add", "customers.mine", "customers.release"])
    department = admin_api.department(f"收回部-{org.suffix}")
    position = admin_api.position(department["id"], "业务员", [role["id"]])
    user = admin_api.user(f"revoked-{org.suffix}", "被收回的人", org_module.PASSWORD, position["id"])
    rep = Api.login(admin_api.base, user["username"], org_module.PASSWORD)
    name = unique("权限测试")
    rep.customer(name)
    sign_in(page, user["username"], org_module.PASSWORD)
    page.goto("/#/customers.mine")
    page.locator("#customer-rows tr", has=page.locator("a.customer-name", has_text=name)).locator(".row-select").check()

    admin_api.put(f"/api/v1/roles/{role['id']}/pages", ["customers.add", "customers.mine"])
    page.click('[data-action="bulk"][data-op="release"]')
    page.click("dialog [data-confirm-ok]")
    error = page.locator("#bulk-error")
    expect(error).to_be_visible()
    assert chinese(error.inner_text()), error.inner_text()


def test_a_wrong_password_and_then_too_many_are_refused_in_chinese(page: Page):
    username = f"nobody-{secrets.token_hex(3)}"
    page.goto("/")
    page.fill("#username", username)
    page.fill("#password", "not-the-password")
    page.click("#login-submit")
    error = page.locator("#login-error")
    expect(error).to_be_visible()
    assert chinese(error.inner_text()), error.inner_text()
    for _ in range(5):
        page.fill("#password", "not-the-password")
        page.click("#login-submit")
        expect(page.locator("#login-submit")).to_be_enabled()
    expect(error).to_contain_text(re.compile(r"\d+"))
    assert chinese(error.inner_text(), *re.findall(r"\d+", error.inner_text())), error.inner_text()


def test_a_field_error_follows_the_language_switch(login):
    page = login("east2")
    page.goto("/#/personal.password")
    page.fill("#current-password", "whatever-it-is")
    page.fill("#new-password", "brand-new-pass-3")
    page.fill("#confirm-password", "brand-new-pass-4")
    page.click("#password-form button[type=submit]")
    note = page.locator('.field-error[data-error-for="confirmPassword"]')
    expect(note).to_have_text("两次输入的新密码不一致。")
    page.select_option("#lang-switch", "en")
    expect(note).to_have_text("The two new passwords differ.")
    page.select_option("#lang-switch", "zh-CN")
