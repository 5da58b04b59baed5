// Visit plans as a calendar-like list grouped by day, overdue ones highlighted; double-clicking a
// plan opens its customer. New plans pick a customer by a keyword search.

import { html } from '../html.js';
import * as customersApi from '../api/customers.js';
import * as visitsApi from '../api/visits.js';
import { customerHref, navigate } from '../nav.js';
import { can, myId, selfAndTeam } from '../session.js';
import { pager } from '../pager.js';
import { planFields, readPlan } from '../plan-form.js';
import {
  attempt, confirmDialog, debounce, formValues, isoDay, localDayOf, onActions, onSubmit, show, showError, time,
} from '../ui.js';

export async function render(root, _params, { isCurrent }) {
  const people = await selfAndTeam().catch(() => []);
  if (!isCurrent()) return;
  const names = new Map(people.map((p) => [p.id, p.displayName]));

  show(
    root,
    html`<section class="plans">
      <form id="plan-filters" class="toolbar">
        ${people.length > 1
          ? html`<label for="plans-user" data-i18n="filter.salesperson"></label>
            <select id="plans-user" name="userId"><option value="" data-i18n="filter.everyone"></option>
              ${people.map((p) => html`<option value="${p.id}">${p.displayName}</option>`)}</select>`
          : ''}
        <label for="plans-status" data-i18n="plan.status"></label>
        <select id="plans-status" name="status">
          <option value="" data-i18n="filter.any"></option>
          ${['pending', 'done', 'cancelled'].map((s) => html`<option value="${s}" data-i18n="${`plan.status.${s}`}"></option>`)}
        </select>
        <label for="plans-from" data-i18n="filter.from"></label>
        <input id="plans-from" name="from" type="date" value="${isoDay(-7)}">
        <label for="plans-to" data-i18n="filter.to"></label>
        <input id="plans-to" name="to" type="date" value="${isoDay(30)}">
        <button type="submit" class="primary" data-i18n="action.search"></button>
        <span class="spacer"></span>
        <button type="button" class="secondary" data-action="new-plan" aria-controls="new-plan" data-i18n="plans.add"></button>
      </form>

      <form id="new-plan" class="panel" novalidate hidden autocomplete="off">
        <h3 data-i18n="plans.add"></h3>
        <div class="form-grid">
          <div class="field field-wide picker">
            <label for="plan-customer-q" data-i18n="plan.customer"></label>
            <input id="plan-customer-q" type="search" data-i18n-placeholder="plans.findCustomer">
            <input type="hidden" name="customerId">
            <ul id="plan-customer-options" class="picker-options" role="listbox" hidden></ul>
          </div>
          ${planFields('new-plan')}
        </div>
        <p id="new-plan-error" class="error" role="alert" hidden></p>
        <div class="actions">
          <button type="button" class="secondary" data-action="new-plan" data-i18n="action.cancel"></button>
          <button type="submit" class="primary" data-i18n="action.save"></button>
        </div>
      </form>

      <p class="hint muted" data-i18n="plans.hint"></p>
      <p id="plans-error" class="error" role="alert" hidden></p>
      <div id="plan-days" class="plan-days"></div>
      <button type="button" class="secondary" id="plans-more" hidden data-i18n="action.more"></button>
    </section>`,
  );

  const filters = root.querySelector('#plan-filters');
  const days = root.querySelector('#plan-days');
  const errorBox = root.querySelector('#plans-error');

  function query() {
    const values = formValues(filters);
    return { userId: values.userId || undefined, status: values.status || undefined, from: values.from, to: values.to, limit: 200 };
  }

  function paint(plans) {
    if (plans.length === 0) {
      show(days, html`<p class="empty muted" data-i18n="plans.empty"></p>`);
      return;
    }
    const groups = new Map();
    for (const plan of plans) {
      const day = localDayOf(plan.plannedAt);
      if (!groups.has(day)) groups.set(day, []);
      groups.get(day).push(plan);
    }
    const today = isoDay();
    show(
      days,
      html`${[...groups].map(
        ([day, plans]) => html`<section class="${`day-group${day === today ? ' today' : ''}${day < today ? ' past' : ''}`}" data-day="${day}">
          <h3 class="day-title">${time(day, 'dayLong')}${day === today ? html` <span class="tag tag-ok" data-i18n="plans.today"></span>` : ''}</h3>
          <ul class="plan-list">
            ${plans.map(
              (p) => html`<li class="${`plan plan-${p.status}${p.overdue ? ' overdue' : ''}`}" data-plan-id="${p.id}" data-customer-id="${p.customerId}"
                data-status="${p.status}" data-overdue="${String(p.overdue)}" tabindex="0" data-i18n-title="plans.openHint">
                <span class="plan-time">${time(p.plannedAt, 'time')}</span>
                <span class="plan-subject">${p.subject}</span>
                <a class="plan-customer" href="${customerHref(p.customerId)}">${p.customerName ?? `#${p.customerId}`}</a>
                ${p.userId !== myId() ? html`<span class="muted plan-user">${names.get(p.userId) ?? `#${p.userId}`}</span>` : ''}
                <span class="${`tag status-${p.status}`}" data-i18n="${`plan.status.${p.status}`}"></span>
                ${p.overdue ? html`<span class="tag tag-fail" data-i18n="plan.overdue"></span>` : ''}
                <span class="plan-actions">
                  ${p.status === 'pending' && can('visits.mine')
                    ? html`<a class="link" href="${`${customerHref(p.customerId)}?tab=plans`}" data-i18n="plans.logVisit"></a>`
                    : ''}
                  ${p.status === 'pending'
                    ? html`<button type="button" class="link" data-action="status" data-status="done" data-id="${p.id}" data-i18n="plans.markDone"></button>
                      <button type="button" class="link" data-action="status" data-status="cancelled" data-id="${p.id}" data-i18n="plans.cancel"></button>`
                    : ''}
                  ${p.status === 'cancelled' ? html`<button type="button" class="link" data-action="status" data-status="pending" data-id="${p.id}" data-i18n="plans.reopen"></button>` : ''}
                  <button type="button" class="link danger-link" data-action="delete" data-id="${p.id}" data-i18n="action.delete"></button>
                </span>
                ${p.notes ? html`<p class="plan-notes muted">${p.notes}</p>` : ''}
              </li>`,
            )}
          </ul>
        </section>`,
      )}`,
    );
  }

  const list = pager({
    fetch: (cursor, filter) => visitsApi.plans({ ...filter, cursor }),
    paint,
    more: root.querySelector('#plans-more'),
    box: errorBox,
  });
  const load = () => list.reload(query());

  filters.addEventListener('submit', (event) => {
    event.preventDefault();
    load();
  });

  days.addEventListener('dblclick', (event) => {
    const item = event.target.closest('.plan');
    if (item && !event.target.closest('button, a')) navigate(`/customers/${item.dataset.customerId}`);
  });
  days.addEventListener('keydown', (event) => {
    const item = event.target.closest('.plan');
    if (item && event.key === 'Enter' && event.target === item) navigate(`/customers/${item.dataset.customerId}`);
  });

  // ---------------------------------------------------------------- new plan with a customer picker
  const form = root.querySelector('#new-plan');
  const search = form.querySelector('#plan-customer-q');
  const options = form.querySelector('#plan-customer-options');
  const chosen = form.elements.customerId;
  const scopes = can('customers.search') ? ['all'] : ['mine', ...(can('customers.team') ? ['team'] : [])];
  const findCustomers = debounce(async () => {
    chosen.value = '';
    const q = search.value.trim();
    if (q === '') {
      options.hidden = true;
      return;
    }
    await attempt(null, form.querySelector('#new-plan-error'), async () => {
      const pages = await Promise.all(scopes.map((scope) => customersApi.list({ scope, q, limit: 10 })));
      const found = pages.flatMap((p) => p.items ?? []);
      show(
        options,
        found.length > 0
          ? html`${found.map((c) => html`<li role="option" tabindex="-1" data-id="${c.id}" data-name="${c.name}">${c.name}</li>`)}`
          : html`<li class="muted" data-i18n="customers.empty"></li>`,
      );
      options.hidden = false;
    });
  }, 250);
  search.addEventListener('input', findCustomers);
  options.addEventListener('click', (event) => {
    const option = event.target.closest('[data-id]');
    if (!option) return;
    chosen.value = option.dataset.id;
    search.value = option.dataset.name;
    options.hidden = true;
  });

  onSubmit(form, async () => {
    if (!chosen.value) {
      showError(form.querySelector('#new-plan-error'), 'plans.chooseCustomer');
      search.focus();
      return;
    }
    await visitsApi.createPlan(readPlan(form, Number(chosen.value)));
    if (!isCurrent()) return;
    form.reset();
    form.hidden = true;
    await load();
  });

  onActions(root, {
    'new-plan': () => {
      form.hidden = !form.hidden;
      if (!form.hidden) search.focus();
    },
    status: (button) =>
      attempt(button, errorBox, async () => {
        await visitsApi.updatePlan(Number(button.dataset.id), { status: button.dataset.status });
        await load();
      }),
    delete: async (button) => {
      if (!(await confirmDialog('plans.confirmDelete'))) return;
      await attempt(button, errorBox, async () => {
        await visitsApi.removePlan(Number(button.dataset.id));
        await load();
      });
    },
  });

  await load();
}
