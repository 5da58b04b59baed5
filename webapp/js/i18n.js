// One message table: each key holds every language side by side, so a missing translation shows up
// next to its sibling instead of in another file.

const STORAGE_KEY = 'crm.lang';
export const DEFAULT_LANG = 'zh-CN';

/** The choices offered by the language switch, in order. */
export const LANGUAGES = [
  { code: 'zh-CN', label: '中文' },
  { code: 'en', label: 'English' },
];

const messages = {
  'app.title': { 'zh-CN': '销售客户管理系统', en: 'Sales CRM' },
  'lang.label': { 'zh-CN': '语言', en: 'Language' },

  'login.title': { 'zh-CN': '登录', en: 'Sign in' },
  'login.subtitle': { 'zh-CN': '请输入您的用户名和密码。', en: 'Enter your username and password.' },
  'login.username': { 'zh-CN': '用户名', en: 'Username' },
  'login.password': { 'zh-CN': '密码', en: 'Password' },
  'login.submit': { 'zh-CN': '登录', en: 'Sign in' },
  'login.submitting': { 'zh-CN': '正在登录…', en: 'Signing in…' },
  'login.required': { 'zh-CN': '请输入用户名和密码。', en: 'Enter both your username and your password.' },

  'session.expired': { 'zh-CN': '登录已失效，请重新登录。', en: 'Your session has ended; please sign in again.' },
  'session.signedOut': { 'zh-CN': '您已退出登录。', en: 'You have signed out.' },
  'logout': { 'zh-CN': '退出登录', en: 'Sign out' },

  'home.title': { 'zh-CN': '桌面', en: 'Desktop' },
  'home.loading': { 'zh-CN': '正在加载…', en: 'Loading…' },
  'home.retry': { 'zh-CN': '重试', en: 'Try again' },

  'whoami.title': { 'zh-CN': '当前用户', en: 'Signed in as' },
  'whoami.username': { 'zh-CN': '用户名', en: 'Username' },
  'whoami.department': { 'zh-CN': '部门', en: 'Department' },
  'whoami.position': { 'zh-CN': '职位', en: 'Position' },
  'whoami.admin': { 'zh-CN': '系统管理员', en: 'Administrator' },
  'whoami.manager': { 'zh-CN': '可管理下属', en: 'Manages subordinates' },

  'menu.title': { 'zh-CN': '功能菜单', en: 'Menu' },
  'menu.empty': { 'zh-CN': '您还没有可用的菜单项。', en: 'No menu items are available to you yet.' },

  'notFound.title': { 'zh-CN': '页面不存在', en: 'Page not found' },
  'notFound.back': { 'zh-CN': '返回桌面', en: 'Back to the desktop' },

  'error.network': {
    'zh-CN': '无法连接服务器，请检查网络后重试。',
    en: 'Cannot reach the server; check the connection and try again.',
  },
  'error.status': { 'zh-CN': '请求失败（{status}）。', en: 'The request failed ({status}).' },
};

function stored() {
  try {
    return localStorage.getItem(STORAGE_KEY);
  } catch {
    return null; // storage can be disabled; fall back to the default
  }
}

const isKnown = (code) => LANGUAGES.some((lang) => lang.code === code);

let current = isKnown(stored()) ? stored() : DEFAULT_LANG;

export const getLang = () => current;

/** The message for `key` in the current language, with `{name}` placeholders filled from `params`. */
export function t(key, params = {}) {
  const entry = messages[key];
  const text = entry ? (entry[current] ?? entry[DEFAULT_LANG]) : key;
  return text.replace(/\{(\w+)\}/g, (whole, name) => (name in params ? String(params[name]) : whole));
}

const ATTRIBUTES = ['placeholder', 'title', 'aria-label'];

/**
 * Fills text from `data-i18n="key"` (with optional `data-i18n-args` JSON) and attributes from
 * `data-i18n-placeholder`, `data-i18n-title`, `data-i18n-aria-label`; views render keys, not text,
 * so switching language re-labels the page without re-rendering it (typed input survives).
 */
export function translate(root = document) {
  const pick = (selector) => {
    const found = [...root.querySelectorAll(selector)];
    if (root instanceof Element && root.matches(selector)) found.unshift(root);
    return found;
  };
  for (const el of pick('[data-i18n]')) {
    let args = {};
    try {
      args = el.dataset.i18nArgs ? JSON.parse(el.dataset.i18nArgs) : {};
    } catch {
      args = {};
    }
    el.textContent = t(el.dataset.i18n, args);
  }
  for (const attr of ATTRIBUTES) {
    for (const el of pick(`[data-i18n-${attr}]`)) el.setAttribute(attr, t(el.getAttribute(`data-i18n-${attr}`)));
  }
}

/** Switches language, remembers it, re-labels the document and tells listeners via `crm:lang`. */
export function setLang(code) {
  if (!isKnown(code)) return;
  current = code;
  try {
    localStorage.setItem(STORAGE_KEY, code);
  } catch {
    // not remembered, but still applied for this page
  }
  document.documentElement.lang = code;
  translate(document);
  window.dispatchEvent(new CustomEvent('crm:lang', { detail: { lang: code } }));
}
