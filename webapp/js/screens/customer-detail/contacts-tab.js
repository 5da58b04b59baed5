// The customer's contacts: listed, added below the list, edited in a dialog, deleted.

import { html } from '../../html.js';
import * as customers from '../../api/customers.js';
import { attempt, confirmDialog, formDialog, formValues, msg, onActions, onSubmit, show } from '../../ui.js';

function contactFields(c = {}) {
  const field = (name, type = 'text', max = 100) => html`<div class="field">
    <label for="${`contact-${name}`}" data-i18n="${`contact.${name}`}"></label>
    <input id="${`contact-${name}`}" name="${name}" type="${type}" maxlength="${max}" value="${c[name] ?? ''}">
  </div>`;
  return html`<div class="form-grid">
    ${field('name')}${field('title')}${field('phone', 'tel', 50)}${field('mobile', 'tel', 50)}${field('email', 'email', 200)}${field('wechat')}
    <div class="field field-wide"><label for="contact-notes" data-i18n="contact.notes"></label>
      <textarea id="contact-notes" name="notes" rows="2" maxlength="5000">${c.notes ?? ''}</textarea></div>
    <label class="check-field"><input type="checkbox" name="primary" ${c.primary ? html`checked` : ''}> <span data-i18n="contact.primary"></span></label>
  </div>`;
}

/** The body of a new contact (empty texts left out), or of the changes to `original` (a cleared text is null). */
function contactBody(form, original = {}) {
  const values = formValues(form);
  const body = {};
  for (const [key, value] of Object.entries(values)) {
    if (key === 'primary') {
      if (value !== Boolean(original.primary)) body.primary = value;
    } else if (value !== (original[key] ?? '')) body[key] = value === '' && original.id ? null : value;
  }
  if (!original.id) for (const key of Object.keys(body)) if (body[key] === '') delete body[key];
  return body;
}

export async function render(panel, { id, mayEdit, isCurrent }) {
  let contacts = [];

  async function load() {
    contacts = (await customers.contacts(id)).items ?? [];
    if (!isCurrent()) return;
    show(
      panel,
      html`<div class="table-wrap"><table class="data contacts-table">
          <thead><tr><th data-i18n="contact.name"></th><th data-i18n="contact.title"></th><th data-i18n="contact.phone"></th>
            <th data-i18n="contact.mobile"></th><th data-i18n="contact.email"></th><th data-i18n="contact.wechat"></th>${mayEdit ? html`<th></th>` : ''}</tr></thead>
          <tbody>${contacts.length === 0
            ? html`<tr class="empty"><td colspan="7" data-i18n="contacts.empty"></td></tr>`
            : contacts.map(
                (c) => html`<tr data-contact-id="${c.id}">
                  <td>${c.name} ${c.primary ? html`<span class="tag tag-ok" data-i18n="contact.primary"></span>` : ''}</td>
                  <td>${c.title ?? ''}</td><td>${c.phone ?? ''}</td><td>${c.mobile ?? ''}</td><td>${c.email ?? ''}</td><td>${c.wechat ?? ''}</td>
                  ${mayEdit
                    ? html`<td class="row-actions"><button type="button" class="link" data-action="edit-contact" data-id="${c.id}" data-i18n="action.edit"></button>
                      <button type="button" class="link danger-link" data-action="delete-contact" data-id="${c.id}" data-i18n="action.delete"></button></td>`
                    : ''}
                </tr>`,
              )}</tbody>
        </table></div>
        <p id="contacts-error" class="error" role="alert" hidden></p>
        ${mayEdit
          ? html`<form id="contact-add" class="panel-flat" novalidate>
              <h3 data-i18n="contacts.add"></h3>
              ${contactFields()}
              <p id="contact-add-error" class="error" role="alert" hidden></p>
              <div class="actions"><button type="submit" class="primary" data-i18n="contacts.add"></button></div>
            </form>`
          : ''}`,
    );
    const form = panel.querySelector('#contact-add');
    if (form) {
      onSubmit(form, async () => {
        await customers.addContact(id, contactBody(form));
        if (isCurrent()) await load();
      });
    }
  }

  function edit(contactId) {
    const contact = contacts.find((c) => c.id === contactId);
    if (!contact) return;
    formDialog('contact-edit', msg('contacts.edit'), contactFields(contact), async (form) => {
      await customers.updateContact(contactId, contactBody(form, contact));
      if (isCurrent()) await load();
    });
  }

  onActions(panel, {
    'edit-contact': (button) => edit(Number(button.dataset.id)),
    'delete-contact': async (button) => {
      if (!(await confirmDialog('contacts.confirmDelete'))) return;
      await attempt(button, panel.querySelector('#contacts-error'), async () => {
        await customers.removeContact(Number(button.dataset.id));
        if (isCurrent()) await load();
      });
    },
  });
  await load();
}
