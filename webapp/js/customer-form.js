// The customer's fields, shared by "add customer" (step 2) and the detail screen's data tab.

import { html } from './html.js';
import { holderText, msg, show } from './ui.js';

const TEXT_FIELDS = [
  ['website', 'url', 200],
  ['phone', 'tel', 50],
  ['address', 'text', 300],
  ['region', 'text', 100],
  ['industry', 'text', 100],
  ['source', 'text', 100],
];

/** Marks a label of a required field: the asterisk is decoration, aria-required tells the rest. */
const label = (id, field, required) =>
  html`<label for="${id}"><span data-i18n="${`customer.${field}`}"></span>${required ? html`<span class="required-mark" aria-hidden="true">*</span>` : ''}</label>`;

/**
 * The inputs, named as the API names the fields, so a 422's `errors[].field` finds its input.
 * `required` lists the fields the user's department requires; `prefix` keeps ids unique.
 */
export function customerFields(c = {}, { required = [], categories = [], prefix = 'cf', readOnly = false } = {}) {
  const req = new Set(required);
  const attrs = (field) => html`${req.has(field) ? html`required aria-required="true"` : ''} ${readOnly ? html`disabled` : ''}`;
  const type = c.type ?? 'open';
  return html`<div class="form-grid customer-fields">
    <div class="field field-wide${req.has('name') ? ' is-required' : ''}">
      ${label(`${prefix}-name`, 'name', true)}
      <input id="${`${prefix}-name`}" name="name" type="text" maxlength="200" value="${c.name ?? ''}" required aria-required="true" ${readOnly ? html`disabled` : ''}>
    </div>
    ${TEXT_FIELDS.map(
      ([field, inputType, max]) => html`<div class="field${req.has(field) ? ' is-required' : ''}" data-field="${field}">
        ${label(`${prefix}-${field}`, field, req.has(field))}
        <input id="${`${prefix}-${field}`}" name="${field}" type="${inputType === 'url' ? 'text' : inputType}" maxlength="${max}" value="${c[field] ?? ''}" ${attrs(field)}>
      </div>`,
    )}
    <div class="field" data-field="type">
      ${label(`${prefix}-type`, 'type', false)}
      <select id="${`${prefix}-type`}" name="type" ${readOnly ? html`disabled` : ''}>
        <option value="open" ${type === 'open' ? html`selected` : ''} data-i18n="customer.type.open"></option>
        <option value="closed" ${type === 'closed' ? html`selected` : ''} data-i18n="customer.type.closed"></option>
      </select>
    </div>
    <div class="field${req.has('categoryId') ? ' is-required' : ''}" data-field="categoryId">
      ${label(`${prefix}-categoryId`, 'category', req.has('categoryId'))}
      <select id="${`${prefix}-categoryId`}" name="categoryId" ${attrs('categoryId')}>
        <option value="" data-i18n="customer.noCategory"></option>
        ${categories.map(
          (cat) => html`<option value="${cat.id}" data-type="${cat.type}" ${cat.id === c.categoryId ? html`selected` : ''}
            ${cat.type !== type ? html`hidden disabled` : ''}>${cat.name}</option>`,
        )}
      </select>
    </div>
    <div class="field${req.has('importance') ? ' is-required' : ''}" data-field="importance">
      ${label(`${prefix}-importance`, 'importance', req.has('importance'))}
      <select id="${`${prefix}-importance`}" name="importance" ${attrs('importance')}>
        ${[1, 2, 3, 4, 5].map(
          (n) => html`<option value="${n}" ${n === (c.importance ?? 3) ? html`selected` : ''}>${n} ${'★'.repeat(n)}</option>`,
        )}
      </select>
    </div>
    <div class="field field-wide${req.has('notes') ? ' is-required' : ''}" data-field="notes">
      ${label(`${prefix}-notes`, 'notes', req.has('notes'))}
      <textarea id="${`${prefix}-notes`}" name="notes" rows="3" maxlength="5000" ${attrs('notes')}>${c.notes ?? ''}</textarea>
    </div>
  </div>`;
}

/** Keeps the category choices to those of the chosen type. */
export function bindTypeToCategories(form) {
  const type = form.querySelector('select[name="type"]');
  const category = form.querySelector('select[name="categoryId"]');
  if (!type || !category) return;
  type.addEventListener('change', () => {
    for (const option of category.options) {
      if (!option.dataset.type) continue;
      const fits = option.dataset.type === type.value;
      option.hidden = !fits;
      option.disabled = !fits;
    }
    if (category.selectedOptions[0]?.disabled) category.value = '';
  });
}

/** The body for POST: empty optional texts left out, numbers as numbers. */
export function readNewCustomer(form) {
  const body = {};
  for (const el of form.elements) {
    if (!el.name) continue;
    const value = el.value.trim();
    if (el.name === 'categoryId' || el.name === 'importance') {
      if (value !== '') body[el.name] = Number(value);
    } else if (value !== '') body[el.name] = value;
  }
  return body;
}

/** The body for PATCH: only what changed; a cleared text or category is null. */
export function readCustomerChanges(form, original) {
  const body = {};
  for (const el of form.elements) {
    if (!el.name || el.disabled) continue;
    const value = el.value.trim();
    let next;
    if (el.name === 'categoryId') next = value === '' ? null : Number(value);
    else if (el.name === 'importance') next = Number(value);
    else next = value === '' ? null : value;
    const before = original[el.name] ?? null;
    if (next !== before) body[el.name] = next;
  }
  if (body.name === null) body.name = '';
  return body;
}

/**
 * Shows a 409 for a company name that is taken, with who holds it, in `box` (the note gets `id`
 * when given) and marks the form's name. Answers true: the error is shown.
 */
export function showDuplicate(form, box, error, id = null) {
  const holder = error.problem?.holder;
  show(
    box,
    html`<span ${id ? html`id="${id}"` : ''} class="duplicate" data-holder-kind="${holder?.kind ?? ''}">${msg('problem.duplicate-customer')}
      <strong class="holder">${holderText(holder)}</strong></span>`,
  );
  box.hidden = false;
  form.elements.name.setAttribute('aria-invalid', 'true');
  return true;
}
