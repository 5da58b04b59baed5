// The customer's fields, shared by "add customer" (step 2) and the detail screen's data tab.

import { html } from './html.js';
import { getLang, has } from './i18n.js';
import { holderText, msg, show } from './ui.js';

/** A field's label: the app's own message where it has one, else the server's label in the language shown. */
const fieldLabel = (field) => {
  const key = `customer.${field.kind === 'category' ? 'category' : field.name}`;
  return has(key) ? html`<span data-i18n="${key}"></span>` : html`<span>${getLang() === 'en' ? field.label.en : field.label.zh}</span>`;
};

/** Marks a label of a required field: the asterisk is decoration, aria-required tells the rest. */
const label = (id, field, required) =>
  html`<label for="${id}">${fieldLabel(field)}${required ? html`<span class="required-mark" aria-hidden="true">*</span>` : ''}</label>`;

/**
 * The inputs for `fields`, the server's description of a customer's fields (GET
 * /api/v1/customer-fields), in its order, each named as the API names it so that a 422's
 * `errors[].field` finds its input. `markRequired` marks the fields the caller must fill in
 * (adding); the name always is. `prefix` keeps ids unique.
 */
export function customerFields(c = {}, { fields = [], markRequired = false, categories = [], prefix = 'cf', readOnly = false } = {}) {
  const type = c.type ?? 'open';
  const input = (field) => {
    const id = `${prefix}-${field.name}`;
    const required = field.kind === 'name' || (markRequired && field.required);
    const attrs = html`${required ? html`required aria-required="true"` : ''} ${readOnly ? html`disabled` : ''}`;
    const wide = field.kind === 'name' || field.multiline;
    let control;
    switch (field.kind) {
      case 'type':
        control = html`<select id="${id}" name="type" ${readOnly ? html`disabled` : ''}>
          <option value="open" ${type === 'open' ? html`selected` : ''} data-i18n="customer.type.open"></option>
          <option value="closed" ${type === 'closed' ? html`selected` : ''} data-i18n="customer.type.closed"></option>
        </select>`;
        break;
      case 'category':
        control = html`<select id="${id}" name="categoryId" ${attrs}>
          <option value="" data-i18n="customer.noCategory"></option>
          ${categories.map(
            (cat) => html`<option value="${cat.id}" data-type="${cat.type}" ${cat.id === c.categoryId ? html`selected` : ''}
              ${cat.type !== type ? html`hidden disabled` : ''}>${cat.name}</option>`,
          )}
        </select>`;
        break;
      case 'importance':
        control = html`<select id="${id}" name="importance" ${attrs}>
          ${[1, 2, 3, 4, 5].map(
            (n) => html`<option value="${n}" ${n === (c.importance ?? 3) ? html`selected` : ''}>${n} ${'★'.repeat(n)}</option>`,
          )}
        </select>`;
        break;
      default:
        control = field.multiline
          ? html`<textarea id="${id}" name="${field.name}" rows="3" maxlength="${field.maxLength}" ${attrs}>${c[field.name] ?? ''}</textarea>`
          : html`<input id="${id}" name="${field.name}" type="${field.inputType ?? 'text'}" maxlength="${field.maxLength}" value="${c[field.name] ?? ''}" ${attrs}>`;
    }
    return html`<div class="field${wide ? ' field-wide' : ''}${required ? ' is-required' : ''}" data-field="${field.name}">
      ${label(id, field, required)}${control}
    </div>`;
  };
  return html`<div class="form-grid customer-fields">${fields.map(input)}</div>`;
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
