// The language machinery over the one message table (messages.js), where each key holds every
// language side by side, so a missing translation shows up next to its sibling.

import { messages } from './messages.js';

const STORAGE_KEY = 'crm.lang';
const DEFAULT_LANG = 'zh-CN';

/** The choices offered by the language switch, in order. */
export const LANGUAGES = [
  { code: 'zh-CN', label: '中文' },
  { code: 'en', label: 'English' },
];

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

/**
 * The message for `key` in the current language (or `lang`), with `{name}` placeholders filled from
 * `params`. A parameter may be a message itself, {key, params} or a text as sent {text}, so a
 * message can name a field by its label in the same language.
 */
export function t(key, params = {}, lang = current) {
  const entry = messages[key];
  const text = entry ? (entry[lang] ?? entry[DEFAULT_LANG]) : key;
  const fill = (value) => (value !== null && typeof value === 'object' ? (value.text ?? t(value.key, value.params, lang)) : String(value));
  return text.replace(/\{(\w+)\}/g, (whole, name) => (name in params ? fill(params[name]) : whole));
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

/** Whether the table has `key`. */
export const has = (key) => Object.hasOwn(messages, key);

/**
 * The message key of a built-in page's title ('page.customers.mine') while the page still carries
 * its original title; null once an administrator renamed it (then the title is data, shown as sent).
 */
export function builtInTitle(menuId, title) {
  const key = `page.${menuId}`;
  if (!has(key)) return null;
  return title === undefined || title === null || title === messages[key][DEFAULT_LANG] ? key : null;
}
