// The customer's own data, editable by those who may edit it.

import { html } from '../../html.js';
import * as customers from '../../api/customers.js';
import { bindTypeToCategories, customerFields, readCustomerChanges, showDuplicate } from '../../customer-form.js';
import { onSubmit, show, time, toast } from '../../ui.js';

export function render(panel, detail) {
  const { customer } = detail;
  show(
    panel,
    html`<form id="customer-edit" class="panel-flat" novalidate>
      ${customerFields(customer, { fields: detail.fields, categories: detail.categories, prefix: 'edit', readOnly: !detail.mayEdit })}
      <dl class="facts-inline">
        <div><dt data-i18n="customer.createdAt"></dt><dd>${time(customer.createdAt)}</dd></div>
        <div><dt data-i18n="customer.updatedAt"></dt><dd>${time(customer.updatedAt)}</dd></div>
        <div><dt data-i18n="customer.lastVisitAt"></dt><dd>${time(customer.lastVisitAt)}</dd></div>
        <div><dt data-i18n="customer.trackingSince"></dt><dd>${time(customer.trackingSince)}</dd></div>
        <div><dt data-i18n="customer.protectionExpiresAt"></dt><dd>${time(customer.protectionExpiresAt)}</dd></div>
      </dl>
      <p id="edit-error" class="error" role="alert" hidden></p>
      ${detail.mayEdit ? html`<div class="actions"><button type="submit" class="primary" id="edit-save" data-i18n="action.save"></button></div>` : ''}
    </form>`,
  );
  const form = panel.querySelector('#customer-edit');
  const errorBox = form.querySelector('#edit-error');
  bindTypeToCategories(form);
  const save = async () => {
    const changes = readCustomerChanges(form, customer);
    if (Object.keys(changes).length === 0) {
      toast('common.noChanges');
      return;
    }
    const saved = await customers.update(detail.id, changes);
    if (!detail.isCurrent()) return;
    detail.setCustomer(saved);
    toast('common.saved');
    render(panel, detail);
  };
  onSubmit(form, save, { onError: (error) => error.status === 409 && showDuplicate(form, errorBox, error) });
}
