// A visit plan's fields, shared by the plans screen and a customer's plans tab.

import { html } from './html.js';
import { formValues, fromLocalInput, toLocalInput } from './ui.js';

/** When, what and notes, with ids `${prefix}-at`, `-subject` and `-notes`; tomorrow at this time by default. */
export const planFields = (prefix) => html`<div class="field"><label for="${`${prefix}-at`}" data-i18n="plan.plannedAt"></label>
    <input id="${`${prefix}-at`}" name="plannedAt" type="datetime-local" value="${toLocalInput(new Date(Date.now() + 86_400_000))}"></div>
  <div class="field"><label for="${`${prefix}-subject`}" data-i18n="plan.subject"></label>
    <input id="${`${prefix}-subject`}" name="subject" type="text" maxlength="200"></div>
  <div class="field field-wide"><label for="${`${prefix}-notes`}" data-i18n="plan.notes"></label>
    <textarea id="${`${prefix}-notes`}" name="notes" rows="2" maxlength="5000"></textarea></div>`;

/** The body of POST /plans from the form, for the customer `customerId`. */
export function readPlan(form, customerId) {
  const values = formValues(form);
  const body = { customerId, plannedAt: fromLocalInput(values.plannedAt), subject: values.subject };
  if (values.notes) body.notes = values.notes;
  return body;
}
