// The customer's visit records, newest first, and logging a visit (optionally of a pending plan,
// which the visit marks done).

import { html } from '../../html.js';
import * as customers from '../../api/customers.js';
import * as visitsApi from '../../api/visits.js';
import { pager } from '../../pager.js';
import { can } from '../../session.js';
import { formValues, fromLocalInput, onSubmit, show, time, toLocalInput, toast } from '../../ui.js';

const methodOptions = (selected = 'visit') =>
  html`${visitsApi.METHODS.map((m) => html`<option value="${m}" ${m === selected ? html`selected` : ''} data-i18n="${`method.${m}`}"></option>`)}`;

/** `planId`: the pending plan the visit to log is chosen for. */
export async function render(panel, detail, { planId = null } = {}) {
  const { id, isCurrent } = detail;
  const [contactList, pending] = await Promise.all([
    customers.contacts(id),
    can('plans') ? visitsApi.plans({ customerId: id, status: 'pending', limit: 200 }) : Promise.resolve({ items: [] }),
  ]);
  if (!isCurrent()) return;
  const contacts = contactList.items ?? [];
  const contactName = new Map(contacts.map((c) => [c.id, c.name]));
  const plans = pending.items ?? [];
  const mayLog = can('visits.mine');

  const rows = (visits) =>
    visits.length === 0
      ? html`<li class="empty muted" data-i18n="visits.empty"></li>`
      : html`${visits.map(
          (v) => html`<li class="visit" data-visit-id="${v.id}">
            <div class="visit-head">${time(v.visitedAt)} <span class="tag" data-i18n="${`method.${v.method}`}"></span>
              <span class="muted">${v.userName ?? ''}</span>
              ${v.contactId && contactName.has(v.contactId) ? html`<span class="muted">· ${contactName.get(v.contactId)}</span>` : ''}
              ${v.planId ? html`<span class="tag tag-ok" data-i18n="visits.fromPlan"></span>` : ''}</div>
            <p class="visit-content">${v.content}</p>
            ${v.nextStep ? html`<p class="visit-next"><span class="muted" data-i18n="visit.nextStep"></span>: ${v.nextStep}</p>` : ''}
          </li>`,
        )}`;

  show(
    panel,
    html`${mayLog
        ? html`<form id="visit-form" class="panel-flat" novalidate>
            <h3 data-i18n="visits.log"></h3>
            <div class="form-grid">
              <div class="field"><label for="visit-at" data-i18n="visit.visitedAt"></label>
                <input id="visit-at" name="visitedAt" type="datetime-local" value="${toLocalInput()}"></div>
              <div class="field"><label for="visit-method" data-i18n="visit.method"></label>
                <select id="visit-method" name="method">${methodOptions()}</select></div>
              <div class="field"><label for="visit-contact" data-i18n="visit.contact"></label>
                <select id="visit-contact" name="contactId"><option value="" data-i18n="visit.noContact"></option>
                  ${contacts.map((c) => html`<option value="${c.id}">${c.name}</option>`)}</select></div>
              <div class="field"><label for="visit-plan" data-i18n="visit.plan"></label>
                <select id="visit-plan" name="planId"><option value="" data-i18n="visit.noPlan"></option>
                  ${plans.map((p) => html`<option value="${p.id}" ${p.id === planId ? html`selected` : ''}>${p.subject}</option>`)}</select></div>
              <div class="field field-wide"><label for="visit-content" data-i18n="visit.content"></label>
                <textarea id="visit-content" name="content" rows="3" maxlength="5000"></textarea></div>
              <div class="field field-wide"><label for="visit-next" data-i18n="visit.nextStep"></label>
                <textarea id="visit-next" name="nextStep" rows="2" maxlength="1000"></textarea></div>
            </div>
            <p id="visit-error" class="error" role="alert" hidden></p>
            <div class="actions"><button type="submit" class="primary" id="visit-save" data-i18n="visits.log"></button></div>
          </form>`
        : ''}
      <ul id="visit-list" class="visit-list"></ul>
      <p id="visit-list-error" class="error" role="alert" hidden></p>
      <button type="button" class="secondary" id="visits-more" hidden data-i18n="action.more"></button>`,
  );

  const list = panel.querySelector('#visit-list');
  const visits = pager({
    fetch: (cursor) => visitsApi.forCustomer(id, { limit: 50, cursor }),
    paint: (items) => show(list, rows(items)),
    more: panel.querySelector('#visits-more'),
    box: panel.querySelector('#visit-list-error'),
  });

  const form = panel.querySelector('#visit-form');
  if (form) {
    onSubmit(form, async () => {
      const values = formValues(form);
      const body = { visitedAt: fromLocalInput(values.visitedAt), method: values.method, content: values.content };
      if (values.contactId) body.contactId = Number(values.contactId);
      if (values.planId) body.planId = Number(values.planId);
      if (values.nextStep) body.nextStep = values.nextStep;
      await visitsApi.log(id, body);
      if (!isCurrent()) return;
      toast(body.planId ? 'visits.loggedFromPlan' : 'visits.logged');
      await detail.reloadCustomer();
      await render(panel, detail);
    });
    // Logging a plan's visit starts at what happened.
    if (planId) form.querySelector('#visit-content').focus();
  }
  await visits.reload();
}
