"""Server errors in the user's language: the server names every problem and field error by a stable
code (docs/errors.md), and a Chinese screen says it in Chinese from the web app's message table,
where it used to show the server's English."""

from __future__ import annotations

from playwright.sync_api import expect


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
