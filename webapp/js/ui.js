// Helpers every screen shares: mounting with translation, errors next to what caused them, dates in
// the user's locale, event delegation, dialogs and downloads.

import { html, mount } from './html.js';
import { getLang, translate } from './i18n.js';
import * as http from './http.js';
import { describeError, describeFieldError, fieldErrorLine, holderMessage } from './problems.js';

/** Renders an html`` fragment into `root`, then fills in the current language and local dates. */
export function show(root, fragment) {
  mount(root, fragment);
  translate(root);
  localizeDates(root);
}

/** A fragment that shows a message by key: <span data-i18n>. */
export const msg = (key, args) =>
  args && Object.keys(args).length > 0
    ? html`<span data-i18n="${key}" data-i18n-args="${JSON.stringify(args)}"></span>`
    : html`<span data-i18n="${key}"></span>`;

/** A message ({key, params} of the table, or {text} as sent) as a fragment. */
export const message = (m) => (m.key ? msg(m.key, m.params) : html`<span>${m.text}</span>`);

// ---------------------------------------------------------------- dates

const formats = {
  datetime: { dateStyle: 'medium', timeStyle: 'short' },
  date: { dateStyle: 'medium' },
  // A calendar day from the server ('2026-11-29') is already local to the server; show it as is.
  day: { dateStyle: 'medium', timeZone: 'UTC' },
  weekday: { weekday: 'short', timeZone: 'UTC' },
  dayLong: { weekday: 'long', year: 'numeric', month: 'long', day: 'numeric', timeZone: 'UTC' },
  time: { timeStyle: 'short' },
};

function parse(value, kind) {
  if (value === null || value === undefined || value === '') return null;
  const date = kind === 'day' || kind === 'weekday' || kind === 'dayLong' ? new Date(`${value}T00:00:00Z`) : new Date(value);
  return Number.isNaN(date.getTime()) ? null : date;
}

/** Formats an RFC 3339 time (or a 'YYYY-MM-DD' day for kind 'day') in the current language. */
export function formatDate(value, kind = 'datetime') {
  const date = parse(value, kind);
  if (!date) return '';
  return new Intl.DateTimeFormat(getLang(), formats[kind] ?? formats.datetime).format(date);
}

/** A <time> element whose text localizeDates fills in (and refills when the language changes). */
export const time = (value, kind = 'datetime') =>
  value ? html`<time datetime="${value}" data-format="${kind}"></time>` : html`<span class="muted">—</span>`;

export function localizeDates(root = document) {
  for (const el of root.querySelectorAll('time[data-format]')) {
    el.textContent = formatDate(el.getAttribute('datetime'), el.dataset.format);
  }
}

export function formatNumber(value, options) {
  return new Intl.NumberFormat(getLang(), options).format(value);
}

/** The server's time zone (CRM_TIME_ZONE), in which it reads the dates of filters; the browser's until set. */
let serverZone;

export function setServerTimeZone(name) {
  serverZone = name || undefined;
}

/**
 * The day ('YYYY-MM-DD') `from` falls on in the server's time zone, shifted by `offset` days: a
 * browser elsewhere would otherwise name another day as today, and miss today's visits.
 */
export function isoDay(offset = 0, from = new Date()) {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-US', { timeZone: serverZone, year: 'numeric', month: 'numeric', day: 'numeric' })
      .formatToParts(from)
      .map((part) => [part.type, Number(part.value)]),
  );
  return new Date(Date.UTC(parts.year, parts.month - 1, parts.day + offset)).toISOString().slice(0, 10);
}

/** The day ('YYYY-MM-DD') an RFC 3339 time falls on, in the server's time zone (as `isoDay`). */
export function localDayOf(value) {
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? '' : isoDay(0, date);
}

/** A value for <input type="datetime-local"> from an RFC 3339 time (or now). */
export function toLocalInput(value = new Date()) {
  const date = new Date(value);
  const pad = (n) => String(n).padStart(2, '0');
  return `${isoDay(0, date)}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

/** RFC 3339 UTC without fractions from an <input type="datetime-local"> value; '' stays ''. */
export function fromLocalInput(value) {
  if (!value) return '';
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? '' : date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** Whole days until `value` (negative once past), or null. */
export function daysUntil(value) {
  const date = parse(value, 'datetime');
  if (!date) return null;
  return Math.ceil((date.getTime() - Date.now()) / 86_400_000);
}

// ---------------------------------------------------------------- errors

/** Who holds a company name that is taken, as a fragment. */
export const holderText = (holder) => message(holderMessage(holder));

/**
 * Shows an error in `element`, in the user's language: an ApiError with who holds a taken name
 * or the fields at fault listed, or one of our messages by key.
 */
export function showError(element, error) {
  if (!element?.isConnected) return;
  const fields = error instanceof http.ApiError ? error.errors : [];
  const holder = error instanceof http.ApiError ? error.problem?.holder : null;
  show(
    element,
    html`${message(describeError(error))}${holder ? html` <strong class="holder">${holderText(holder)}</strong>` : ''}${fields.length > 0
      ? html`<ul class="error-fields">${fields.map((f) => html`<li data-field="${f.field}">${message(fieldErrorLine(f))}</li>`)}</ul>`
      : ''}`,
  );
  element.hidden = false;
}

export function hideError(element) {
  if (!element) return;
  element.hidden = true;
  element.replaceChildren();
}

/** Removes the marks left by showFieldErrors. */
function clearFieldErrors(form) {
  for (const el of form.querySelectorAll('.field-error')) el.remove();
  for (const el of form.querySelectorAll('[aria-invalid="true"]')) el.removeAttribute('aria-invalid');
}

/**
 * Puts each field error of a 422 ({field, code, message}) next to the input named like the field
 * (`name="website"`) and answers the errors no input claimed, for the form's own error box.
 */
export function showFieldErrors(form, errors) {
  clearFieldErrors(form);
  const left = [];
  for (const error of errors ?? []) {
    const name = String(error.field).replace(/\[\d+\]$/, '');
    const input = form.querySelector(`[name="${CSS.escape(name)}"]`);
    if (!input) {
      left.push(error);
      continue;
    }
    input.setAttribute('aria-invalid', 'true');
    const note = document.createElement('p');
    note.className = 'field-error';
    note.dataset.errorFor = name;
    note.setAttribute('role', 'alert');
    show(note, message(describeFieldError(error)));
    (input.closest('.field') ?? input.parentElement).append(note);
  }
  return left;
}

/** Field errors beside their inputs, the rest in `box`. */
function reportFormError(form, box, error) {
  if (error instanceof http.ApiError && error.errors.length > 0) {
    const left = showFieldErrors(form, error.errors);
    showError(box, new http.ApiError(error.status, { ...error.problem, errors: left }));
  } else {
    showError(box, error);
  }
}

/**
 * Runs `action` (a request and what follows it) with `control` busy: a button, or every button
 * of a form. A failure shows in `box`, and when `control` is a form, the fields of a 422 beside
 * their inputs; both are cleared first. `onError(error)` may show a failure its own way and
 * answer true. Answers what `action` answered, or undefined when it failed. The control is enabled
 * again when `action` ends: what enables or disables it afterwards follows `attempt`.
 */
export async function attempt(control, box, action, { onError } = {}) {
  const form = control instanceof HTMLFormElement ? control : null;
  hideError(box);
  if (form) clearFieldErrors(form);
  try {
    return await (control ? busy(control, action) : action());
  } catch (error) {
    // An aborted request made way for a newer one; a box no longer on screen belongs to a screen
    // left behind (after a 401, the http core has gone back to sign-in).
    if (error?.name === 'AbortError' || !box?.isConnected || onError?.(error)) return undefined;
    if (form) reportFormError(form, box, error);
    else showError(box, error);
    return undefined;
  }
}

/**
 * Runs `action` through `attempt` when `form` is submitted; failures show in `box`, by default the
 * form's own error line (its `.error`).
 */
export function onSubmit(form, action, { box = form.querySelector('.error'), onError } = {}) {
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    attempt(form, box, action, { onError });
  });
}

// ---------------------------------------------------------------- forms and events

/** The form's named fields as trimmed strings (checkboxes as booleans). */
export function formValues(form) {
  const values = {};
  for (const el of form.elements) {
    if (!el.name || el.disabled) continue;
    if (el.type === 'checkbox') values[el.name] = el.checked;
    else if (el.type === 'radio') {
      if (el.checked) values[el.name] = el.value;
    } else if (el.type !== 'file' && el.type !== 'submit' && el.type !== 'button') values[el.name] = el.value.trim();
  }
  return values;
}

/** One listener on `root` for every `selector` match inside it (event delegation). */
function delegate(root, type, selector, handler) {
  root.addEventListener(type, (event) => {
    const target = event.target instanceof Element ? event.target.closest(selector) : null;
    if (target && root.contains(target)) handler(event, target);
  });
}

/** Calls `actions[data-action]` for clicks on [data-action] buttons inside root. */
export function onActions(root, actions) {
  delegate(root, 'click', '[data-action]', (event, target) => {
    const action = actions[target.dataset.action];
    if (!action) return;
    event.preventDefault();
    action(target, event);
  });
}

/** Disables a button (or every button of a form) while `work` runs. */
async function busy(element, work) {
  const buttons = element instanceof HTMLFormElement ? [...element.querySelectorAll('button')] : [element];
  for (const b of buttons) b.disabled = true;
  element.setAttribute('aria-busy', 'true');
  try {
    return await work();
  } finally {
    for (const b of buttons) b.disabled = false;
    element.removeAttribute('aria-busy');
  }
}

/** Calls `fn` once typing pauses for `wait` ms. */
export function debounce(fn, wait = 300) {
  let timer = null;
  const debounced = (...args) => {
    clearTimeout(timer);
    timer = setTimeout(() => fn(...args), wait);
  };
  debounced.cancel = () => clearTimeout(timer);
  return debounced;
}

// ---------------------------------------------------------------- dialogs and notices

/** Opens a modal <dialog> with `fragment`; it removes itself when closed. */
export function openDialog(fragment, { className = '' } = {}) {
  const dialog = document.createElement('dialog');
  dialog.className = `dialog ${className}`.trim();
  show(dialog, fragment);
  document.body.append(dialog);
  dialog.addEventListener('close', () => dialog.remove());
  dialog.addEventListener('click', (event) => {
    // A click on the backdrop (the dialog itself, outside its content) closes it.
    if (event.target === dialog) dialog.close();
    const closer = event.target instanceof Element ? event.target.closest('[data-close]') : null;
    if (closer) dialog.close(closer.dataset.close);
  });
  dialog.showModal();
  return dialog;
}

/**
 * Opens a dialog with a form `id`: its `title` (a fragment), `fields`, an error line, Cancel and
 * Save. Saving runs `save(form)` through `attempt` and closes the dialog once it succeeded.
 */
export function formDialog(id, title, fields, save) {
  const dialog = openDialog(html`<form class="dialog-body" id="${id}" novalidate>
    <h2>${title}</h2>
    ${fields}
    <p id="${`${id}-error`}" class="error" role="alert" hidden></p>
    <div class="actions">
      <button type="button" class="secondary" data-close="cancel" data-i18n="action.cancel"></button>
      <button type="submit" class="primary" data-i18n="action.save"></button>
    </div>
  </form>`);
  const form = dialog.querySelector('form');
  onSubmit(form, async () => {
    await save(form);
    dialog.close();
  });
}

/** Asks a yes/no question by message key; resolves true when confirmed. */
export function confirmDialog(key, args) {
  return new Promise((resolve) => {
    const dialog = openDialog(html`<form method="dialog" class="dialog-body confirm-dialog">
      <p class="confirm-text">${msg(key, args)}</p>
      <div class="actions">
        <button type="submit" value="cancel" class="secondary" data-i18n="action.cancel"></button>
        <button type="submit" value="ok" class="danger" data-i18n="action.confirm" data-confirm-ok></button>
      </div>
    </form>`);
    dialog.addEventListener('close', () => resolve(dialog.returnValue === 'ok'));
  });
}

/** A short status line at the bottom of the screen, by message key. */
export function toast(key, args) {
  let box = document.getElementById('toast');
  if (!box) {
    box = document.createElement('div');
    box.id = 'toast';
    box.className = 'toast';
    box.setAttribute('role', 'status');
    document.body.append(box);
  }
  show(box, msg(key, args));
  box.hidden = false;
  clearTimeout(box.timer);
  box.timer = setTimeout(() => {
    box.hidden = true;
  }, 3500);
}

/** Saves a Blob as a file through a temporary object URL. */
export function saveBlob(blob, filename) {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** A server address such as '/api/v1/files/3', through the API base when it lives elsewhere. */
export function assetUrl(url) {
  if (!url) return '';
  return url.startsWith('/') ? `${http.apiBase()}${url}` : url;
}

/** Reads an image file's pixel size in the browser, before it is uploaded. */
export function imageSize(file) {
  return new Promise((resolve) => {
    const url = URL.createObjectURL(file);
    const img = new Image();
    img.onload = () => {
      resolve({ width: img.naturalWidth, height: img.naturalHeight });
      URL.revokeObjectURL(url);
    };
    img.onerror = () => {
      resolve(null);
      URL.revokeObjectURL(url);
    };
    img.src = url;
  });
}

/** Icons are best at 64×64 or 96×96 (docs/settings.md#icon-size). */
export const isRecommendedIconSize = (width, height) => (width === 64 && height === 64) || (width === 96 && height === 96);

