// One customer: its data (editable), contacts, visit records (log one, optionally from a pending
// plan), plans and the history of its owners.

import { html } from '../html.js';
import * as customers from '../api/customers.js';
import * as visitsApi from '../api/visits.js';
import { bindTypeToCategories, customerFields, readCustomerChanges } from '../customer-form.js';
import { showDuplicate } from '../holder.js';
import { hashQuery, navigate } from '../nav.js';
import { can, categories, session, userName } from '../session.js';
import { pager } from '../pager.js';
import {
  assetUrl, attempt, confirmDialog, daysUntil, formValues, fromLocalInput, hideError, onActions, onSubmit,
  openDialog, show, showError, time, toLocalInput, toast,
} from '../ui.js';

const TABS = ['data', 'contacts', 'visits', 'plans', 'history'];

export async function render(root, { id }, { isCurrent, setTitle }) {
  let customer;
  try {
    customer = await customers.get(id);
  } catch (error) {
    if (!isCurrent() || error?.status === 401) return;
    show(root, html`<p id="detail-error" class="error" role="alert"></p>`);
    showError(root.querySelector('#detail-error'), error?.status === 404 ? 'customer.notFound' : error);
    return;
  }
  const cats = await categories();
  if (!isCurrent()) return;
  setTitle(html`<span data-i18n="customer.detail.title"></span> · <span class="title-name">${customer.name}</span>`);

  const mayEdit = can('customers.edit') && (customer.ownerId ? true : session.me.isAdmin);
  let current = 'data';
  let contacts = [];

  function header() {
    const category = cats.find((c) => c.id === customer.categoryId);
    const days = customer.ownerId && customer.type === 'open' ? daysUntil(customer.protectionExpiresAt) : null;
    return html`<header class="detail-head">
      <h2 class="detail-name" id="detail-name">
        ${category?.iconUrl ? html`<img class="category-icon" src="${assetUrl(category.iconUrl)}" alt="${category.name}" width="24" height="24">` : ''}
        <span>${customer.name}</span>
      </h2>
      <p class="detail-meta">
        <span class="${`tag tag-${customer.type}`}" data-i18n="${`customer.type.${customer.type}`}"></span>
        ${category ? html`<span class="tag">${category.name}</span>` : ''}
        <span class="importance" title="${customer.importance}">${'★'.repeat(customer.importance)}</span>
        <span class="detail-owner">${customer.ownerId
          ? html`<span data-i18n="customer.owner"></span>: <strong id="detail-owner-name">${customer.ownerName ?? `#${customer.ownerId}`}</strong>`
          : html`<span class="tag tag-public" data-i18n="customer.public"></span>`}</span>
        ${days !== null ? html`<span class="${days <= 7 ? 'days warn' : 'days'}" data-i18n="customer.daysLeftLong" data-i18n-args="${JSON.stringify({ days: Math.max(days, 0) })}"></span>` : ''}
      </p>
      <div class="detail-actions">
        ${!customer.ownerId && can('customers.claim') ? html`<button type="button" class="secondary" data-action="bulk" data-op="claim" data-i18n="bulk.claim"></button>` : ''}
        ${customer.ownerId && can('customers.release') ? html`<button type="button" class="secondary" data-action="bulk" data-op="release" data-i18n="bulk.release"></button>` : ''}
        ${can('customers.delete') ? html`<button type="button" class="danger-outline" data-action="delete-customer" data-i18n="bulk.delete"></button>` : ''}
      </div>
      <p id="head-error" class="error" role="alert" hidden></p>
    </header>`;
  }

  function frame() {
    show(
      root,
      html`<section class="customer-detail" data-customer-id="${customer.id}">
        <div id="detail-head">${header()}</div>
        <div class="tabs" role="tablist">
          ${TABS.map(
            (tab) => html`<button type="button" role="tab" class="tab" id="${`tab-${tab}`}" data-action="tab" data-tab="${tab}"
              aria-selected="${String(tab === current)}" aria-controls="tab-panel" data-i18n="${`detail.tab.${tab}`}"></button>`,
          )}
        </div>
        <div id="tab-panel" class="tab-panel" role="tabpanel"></div>
      </section>`,
    );
  }

  async function reloadCustomer() {
    customer = await customers.get(id);
    if (!isCurrent()) return;
    show(root.querySelector('#detail-head'), header());
  }

  // ---------------------------------------------------------------- tabs

  async function showTab(tab) {
    current = tab;
    for (const button of root.querySelectorAll('[data-action="tab"]')) button.setAttribute('aria-selected', String(button.dataset.tab === tab));
    const panel = root.querySelector('#tab-panel');
    panel.dataset.tab = tab;
    show(panel, html`<p class="loading" data-i18n="home.loading"></p>`);
    try {
      if (tab === 'data') dataTab(panel);
      else if (tab === 'contacts') await contactsTab(panel);
      else if (tab === 'visits') await visitsTab(panel);
      else if (tab === 'plans') await plansTab(panel);
      else await historyTab(panel);
    } catch (error) {
      if (!isCurrent() || error?.status === 401) return;
      show(panel, html`<p class="error" role="alert"></p>`);
      showError(panel.firstElementChild, error);
    }
  }

  function dataTab(panel) {
    show(
      panel,
      html`<form id="customer-edit" class="panel-flat" novalidate>
        ${customerFields(customer, { categories: cats, prefix: 'edit', readOnly: !mayEdit })}
        <dl class="facts-inline">
          <div><dt data-i18n="customer.createdAt"></dt><dd>${time(customer.createdAt)}</dd></div>
          <div><dt data-i18n="customer.updatedAt"></dt><dd>${time(customer.updatedAt)}</dd></div>
          <div><dt data-i18n="customer.lastVisitAt"></dt><dd>${time(customer.lastVisitAt)}</dd></div>
          <div><dt data-i18n="customer.trackingSince"></dt><dd>${time(customer.trackingSince)}</dd></div>
          <div><dt data-i18n="customer.protectionExpiresAt"></dt><dd>${time(customer.protectionExpiresAt)}</dd></div>
        </dl>
        <p id="edit-error" class="error" role="alert" hidden></p>
        ${mayEdit ? html`<div class="actions"><button type="submit" class="primary" id="edit-save" data-i18n="action.save"></button></div>` : ''}
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
      customer = await customers.update(id, changes);
      if (!isCurrent()) return;
      show(root.querySelector('#detail-head'), header());
      setTitle(html`<span data-i18n="customer.detail.title"></span> · <span class="title-name">${customer.name}</span>`);
      toast('common.saved');
      dataTab(panel);
    };
    onSubmit(form, save, { onError: (error) => error.status === 409 && showDuplicate(form, errorBox, error) });
  }

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

  async function contactsTab(panel) {
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
        if (isCurrent()) await contactsTab(panel);
      });
    }
  }

  function editContact(contactId) {
    const contact = contacts.find((c) => c.id === contactId);
    if (!contact) return;
    const dialog = openDialog(html`<form class="dialog-body" id="contact-edit" novalidate>
      <h2 data-i18n="contacts.edit"></h2>
      ${contactFields(contact)}
      <p id="contact-edit-error" class="error" role="alert" hidden></p>
      <div class="actions">
        <button type="button" class="secondary" data-close="cancel" data-i18n="action.cancel"></button>
        <button type="submit" class="primary" data-i18n="action.save"></button>
      </div>
    </form>`);
    const form = dialog.querySelector('form');
    onSubmit(form, async () => {
      await customers.updateContact(contactId, contactBody(form, contact));
      dialog.close();
      if (isCurrent()) await contactsTab(root.querySelector('#tab-panel'));
    });
  }

  const methodOptions = (selected = 'visit') =>
    html`${visitsApi.METHODS.map((m) => html`<option value="${m}" ${m === selected ? html`selected` : ''} data-i18n="${`method.${m}`}"></option>`)}`;

  async function visitsTab(panel, { planId = null } = {}) {
    const [contactList, pending] = await Promise.all([
      customers.contacts(id),
      can('plans') ? visitsApi.plans({ customerId: id, status: 'pending', limit: 200 }) : Promise.resolve({ items: [] }),
    ]);
    if (!isCurrent()) return;
    contacts = contactList.items ?? [];
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
        await reloadCustomer();
        await visitsTab(panel);
      });
    }
    await visits.reload();
  }

  async function plansTab(panel) {
    if (!can('plans')) {
      show(panel, html`<p class="muted" data-i18n="error.forbiddenPage"></p>`);
      return;
    }
    const page = await visitsApi.plans({ customerId: id, limit: 200 });
    if (!isCurrent()) return;
    const plans = page.items ?? [];
    show(
      panel,
      html`<form id="plan-form" class="panel-flat" novalidate>
          <h3 data-i18n="plans.add"></h3>
          <div class="form-grid">
            <div class="field"><label for="plan-at" data-i18n="plan.plannedAt"></label>
              <input id="plan-at" name="plannedAt" type="datetime-local" value="${toLocalInput(new Date(Date.now() + 86_400_000))}"></div>
            <div class="field"><label for="plan-subject" data-i18n="plan.subject"></label>
              <input id="plan-subject" name="subject" type="text" maxlength="200"></div>
            <div class="field field-wide"><label for="plan-notes" data-i18n="plan.notes"></label>
              <textarea id="plan-notes" name="notes" rows="2" maxlength="5000"></textarea></div>
          </div>
          <p id="plan-error" class="error" role="alert" hidden></p>
          <div class="actions"><button type="submit" class="primary" id="plan-save" data-i18n="plans.add"></button></div>
        </form>
        <p id="plans-error" class="error" role="alert" hidden></p>
        <ul id="plan-list" class="plan-list">
          ${plans.length === 0
            ? html`<li class="empty muted" data-i18n="plans.empty"></li>`
            : plans.map(
                (p) => html`<li class="${`plan plan-${p.status}${p.overdue ? ' overdue' : ''}`}" data-plan-id="${p.id}" data-status="${p.status}">
                  <span class="plan-time">${time(p.plannedAt)}</span>
                  <span class="plan-subject">${p.subject}</span>
                  <span class="${`tag status-${p.status}`}" data-i18n="${`plan.status.${p.status}`}"></span>
                  ${p.overdue ? html`<span class="tag tag-fail" data-i18n="plan.overdue"></span>` : ''}
                  ${p.status === 'pending' && can('visits.mine')
                    ? html`<button type="button" class="link" data-action="log-from-plan" data-id="${p.id}" data-i18n="plans.logVisit"></button>`
                    : ''}
                  ${p.status === 'pending' ? html`<button type="button" class="link" data-action="plan-status" data-status="cancelled" data-id="${p.id}" data-i18n="plans.cancel"></button>` : ''}
                  <button type="button" class="link danger-link" data-action="delete-plan" data-id="${p.id}" data-i18n="action.delete"></button>
                  ${p.notes ? html`<p class="plan-notes muted">${p.notes}</p>` : ''}
                </li>`,
              )}
        </ul>`,
    );
    const form = panel.querySelector('#plan-form');
    onSubmit(form, async () => {
      const values = formValues(form);
      const body = { customerId: id, plannedAt: fromLocalInput(values.plannedAt), subject: values.subject };
      if (values.notes) body.notes = values.notes;
      await visitsApi.createPlan(body);
      if (isCurrent()) await plansTab(panel);
    });
  }

  async function historyTab(panel) {
    const items = (await customers.history(id)).items ?? [];
    const ids = new Set(items.flatMap((h) => [h.actorId, h.fromUserId, h.toUserId]).filter(Boolean));
    const names = new Map(await Promise.all([...ids].map(async (uid) => [uid, await userName(uid)])));
    if (!isCurrent()) return;
    const who = (uid) => (uid ? html`<span class="user-ref">${names.get(uid) ?? `#${uid}`}</span>` : html`<span class="muted" data-i18n="customer.public"></span>`);
    show(
      panel,
      html`<div class="table-wrap"><table class="data history-table">
        <thead><tr><th data-i18n="history.at"></th><th data-i18n="history.action"></th><th data-i18n="history.from"></th>
          <th data-i18n="history.to"></th><th data-i18n="history.actor"></th></tr></thead>
        <tbody>${items.length === 0
          ? html`<tr class="empty"><td colspan="5" data-i18n="history.empty"></td></tr>`
          : items.map(
              (h) => html`<tr data-action-kind="${h.action}">
                <td>${time(h.at)}</td>
                <td><span class="tag" data-i18n="${`history.action.${h.action}`}"></span></td>
                <td>${h.action === 'created' ? '' : who(h.fromUserId)}</td>
                <td>${who(h.toUserId)}</td>
                <td>${h.actorId ? html`${names.get(h.actorId) ?? `#${h.actorId}`}` : html`<span class="muted" data-i18n="history.system"></span>`}</td>
              </tr>`,
            )}</tbody>
      </table></div>`,
    );
  }

  // ---------------------------------------------------------------- actions

  onActions(root, {
    tab: (button) => showTab(button.dataset.tab),
    bulk: async (button) => {
      const op = button.dataset.op;
      const errorBox = root.querySelector('#head-error');
      hideError(errorBox);
      if (op === 'release' && !(await confirmDialog('bulk.confirmRelease', { count: 1 }))) return;
      const answer = await attempt(button, errorBox, () => customers.bulk(op, [id]));
      if (!answer) return;
      const status = answer.results?.[0]?.status;
      if (status !== 'ok') {
        showError(errorBox, `bulk.status.${status}`);
        return;
      }
      toast(`bulk.done.${op}`, { ok: 1, total: 1 });
      try {
        await reloadCustomer();
        if (isCurrent()) showTab(current);
      } catch (error) {
        // Released by someone who may not see public customers' details any more.
        if (error?.status === 404 && isCurrent()) navigate('/');
      }
    },
    'delete-customer': async (button) => {
      if (!(await confirmDialog('customer.confirmDelete', { name: customer.name }))) return;
      await attempt(button, root.querySelector('#head-error'), async () => {
        await customers.remove(id);
        toast('customer.deleted');
        history.back();
      });
    },
    'edit-contact': (button) => editContact(Number(button.dataset.id)),
    'delete-contact': async (button) => {
      if (!(await confirmDialog('contacts.confirmDelete'))) return;
      await attempt(button, root.querySelector('#contacts-error'), async () => {
        await customers.removeContact(Number(button.dataset.id));
        if (isCurrent()) await contactsTab(root.querySelector('#tab-panel'));
      });
    },
    'log-from-plan': (button) => {
      current = 'visits';
      for (const b of root.querySelectorAll('[data-action="tab"]')) b.setAttribute('aria-selected', String(b.dataset.tab === 'visits'));
      const panel = root.querySelector('#tab-panel');
      panel.dataset.tab = 'visits';
      visitsTab(panel, { planId: Number(button.dataset.id) }).then(() => panel.querySelector('#visit-content')?.focus());
    },
    'plan-status': (button) =>
      attempt(button, root.querySelector('#plans-error'), async () => {
        await visitsApi.updatePlan(Number(button.dataset.id), { status: button.dataset.status });
        if (isCurrent()) await plansTab(root.querySelector('#tab-panel'));
      }),
    'delete-plan': async (button) => {
      if (!(await confirmDialog('plans.confirmDelete'))) return;
      await attempt(button, root.querySelector('#plans-error'), async () => {
        await visitsApi.removePlan(Number(button.dataset.id));
        if (isCurrent()) await plansTab(root.querySelector('#tab-panel'));
      });
    },
  });

  frame();
  const wanted = hashQuery().get('tab');
  await showTab(TABS.includes(wanted) ? wanted : 'data');
}
