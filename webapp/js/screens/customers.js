// Customer lists: my customers, the public pool, the team's and the search over all one may see.
// Quick search (category + keyword), an advanced panel, selection with bulk operations that report
// an outcome per customer, and cursor paging.

import { html } from '../html.js';
import * as customers from '../api/customers.js';
import { customerHref } from '../nav.js';
import { can, categories, myId, selfAndTeam, session, team } from '../session.js';
import { pager } from '../pager.js';
import {
  assetUrl, attempt, confirmDialog, daysUntil, formValues, hideError, msg, onActions, saveBlob, show, showError, time,
} from '../ui.js';

const PAGE_SIZE = 50;

/** Which bulk operations each list offers (each also needs its page permission). */
const OPERATIONS = {
  mine: ['release', 'assign', 'delete'],
  public: ['claim', 'assign', 'delete'],
  team: ['release', 'assign', 'delete'],
  all: ['claim', 'release', 'assign', 'delete'],
};

export async function render(root, { scope = 'mine' }, { isCurrent }) {
  const [cats, people] = await Promise.all([
    categories(),
    (scope === 'team' || scope === 'all') || can('customers.assign') ? selfAndTeam().catch(() => []) : Promise.resolve([]),
  ]);
  if (!isCurrent()) return;
  const categoryById = new Map(cats.map((c) => [c.id, c]));
  const managed = (await team().catch(() => [])).length > 0 || session.me.isAdmin;
  const operations = OPERATIONS[scope].filter((op) => can(`customers.${op}`) && (op !== 'assign' || managed));
  const showOwnerFilter = scope === 'team' || scope === 'all';

  const state = { filters: {}, total: null, selected: new Set(), generation: 0 };

  show(
    root,
    html`<section class="customers" data-scope="${scope}">
      <form id="quick-search" class="toolbar quick-search" role="search">
        <label class="visually-hidden" for="qs-category" data-i18n="customer.category"></label>
        <select id="qs-category" name="categoryId">
          <option value="" data-i18n="customers.allCategories"></option>
          ${cats.map((c) => html`<option value="${c.id}">${c.name}</option>`)}
        </select>
        <label class="visually-hidden" for="qs-keyword" data-i18n="customers.keyword"></label>
        <input id="qs-keyword" name="q" type="search" maxlength="100" data-i18n-placeholder="customers.keyword">
        <button type="submit" class="primary" data-i18n="action.search"></button>
        <button type="button" class="secondary" data-action="toggle-advanced" aria-expanded="false" aria-controls="advanced-search" data-i18n="customers.advanced"></button>
      </form>

      <form id="advanced-search" class="panel advanced-search" hidden>
        <div class="form-grid">
          ${showOwnerFilter
            ? html`<div class="field"><label for="adv-owner" data-i18n="customer.owner"></label>
                <select id="adv-owner" name="ownerId"><option value="" data-i18n="filter.any"></option>
                  ${people.map((p) => html`<option value="${p.id}">${p.displayName}</option>`)}</select></div>`
            : ''}
          <div class="field"><label for="adv-type" data-i18n="customer.type"></label>
            <select id="adv-type" name="type"><option value="" data-i18n="filter.any"></option>
              <option value="open" data-i18n="customer.type.open"></option>
              <option value="closed" data-i18n="customer.type.closed"></option></select></div>
          <div class="field"><label for="adv-importance" data-i18n="customer.importance"></label>
            <select id="adv-importance" name="importance"><option value="" data-i18n="filter.any"></option>
              ${[5, 4, 3, 2, 1].map((n) => html`<option value="${n}">${'★'.repeat(n)}</option>`)}</select></div>
          <div class="field"><label for="adv-industry" data-i18n="customer.industry"></label>
            <input id="adv-industry" name="industry" type="text"></div>
          <div class="field"><label for="adv-region" data-i18n="customer.region"></label>
            <input id="adv-region" name="region" type="text"></div>
          <div class="field"><label for="adv-created-from" data-i18n="customers.createdFrom"></label>
            <input id="adv-created-from" name="createdFrom" type="date"></div>
          <div class="field"><label for="adv-created-to" data-i18n="customers.createdTo"></label>
            <input id="adv-created-to" name="createdTo" type="date"></div>
          <div class="field"><label for="adv-visit-from" data-i18n="customers.lastVisitFrom"></label>
            <input id="adv-visit-from" name="lastVisitFrom" type="date"></div>
          <div class="field"><label for="adv-visit-to" data-i18n="customers.lastVisitTo"></label>
            <input id="adv-visit-to" name="lastVisitTo" type="date"></div>
          <div class="field"><label for="adv-sort" data-i18n="customers.sort"></label>
            <select id="adv-sort" name="sort">
              ${['-createdAt', 'createdAt', 'name', '-name', '-importance', 'importance', '-updatedAt'].map(
                (s) => html`<option value="${s}" data-i18n="${`sort.${s}`}"></option>`,
              )}</select></div>
        </div>
        <div class="actions">
          <button type="reset" class="secondary" data-i18n="action.reset"></button>
          <button type="submit" class="primary" data-i18n="action.search"></button>
        </div>
      </form>

      <div class="bulk-bar" id="bulk-bar">
        <span class="selection-count" id="selection-count"></span>
        ${operations.includes('claim') ? html`<button type="button" class="secondary" data-action="bulk" data-op="claim" data-i18n="bulk.claim" disabled></button>` : ''}
        ${operations.includes('release') ? html`<button type="button" class="secondary" data-action="bulk" data-op="release" data-i18n="bulk.release" disabled></button>` : ''}
        ${operations.includes('assign')
          ? html`<span class="assign-group">
              <label class="visually-hidden" for="assign-user" data-i18n="bulk.assignTo"></label>
              <select id="assign-user" name="assignUser">
                <option value="" data-i18n="bulk.assignTo"></option>
                ${people.map((p) =>
                  p.id === myId()
                    ? html`<option value="${p.id}" data-i18n="common.nameMe" data-i18n-args="${JSON.stringify({ name: p.displayName })}"></option>`
                    : html`<option value="${p.id}">${p.displayName}</option>`,
                )}
              </select>
              <button type="button" class="secondary" data-action="bulk" data-op="assign" data-i18n="bulk.assign" disabled></button>
            </span>`
          : ''}
        ${operations.includes('delete') ? html`<button type="button" class="danger-outline" data-action="bulk" data-op="delete" data-i18n="bulk.delete" disabled></button>` : ''}
        <span class="spacer"></span>
        ${can('customers.export') ? html`<button type="button" class="secondary" data-action="export" data-i18n="customers.export"></button>` : ''}
      </div>
      <p id="bulk-error" class="error" role="alert" hidden></p>
      <div id="bulk-results" class="bulk-results" role="status" hidden></div>
      <p id="list-error" class="error" role="alert" hidden></p>

      <div class="table-wrap">
        <table class="data customers-table">
          <thead><tr>
            <th class="check"><input type="checkbox" id="select-all" data-i18n-aria-label="customers.selectAll"></th>
            <th data-i18n="customer.name"></th>
            <th class="hide-narrow" data-i18n="customer.category"></th>
            <th data-i18n="customer.type"></th>
            <th data-i18n="customer.importance"></th>
            <th data-i18n="customer.owner"></th>
            <th class="hide-narrow" data-i18n="customer.region"></th>
            <th class="hide-narrow" data-i18n="customer.industry"></th>
            <th class="hide-narrow" data-i18n="customer.lastVisitAt"></th>
            <th data-i18n="customer.daysLeft"></th>
            <th class="hide-narrow" data-i18n="customer.createdAt"></th>
          </tr></thead>
          <tbody id="customer-rows"></tbody>
        </table>
      </div>
      <div class="list-footer">
        <span id="list-count" class="muted"></span>
        <button type="button" class="secondary" id="load-more" hidden data-i18n="action.more"></button>
      </div>
    </section>`,
  );

  const quick = root.querySelector('#quick-search');
  const advanced = root.querySelector('#advanced-search');
  const rows = root.querySelector('#customer-rows');
  const listError = root.querySelector('#list-error');
  const selectAll = root.querySelector('#select-all');

  function readFilters() {
    const values = { ...formValues(quick), ...(advanced.hidden ? {} : formValues(advanced)) };
    const filters = { scope };
    for (const [key, value] of Object.entries(values)) if (value !== '' && value !== false) filters[key] = value;
    return filters;
  }

  function rowMarkup(c) {
    const category = categoryById.get(c.categoryId);
    const days = c.ownerId && c.type === 'open' ? daysUntil(c.protectionExpiresAt) : null;
    return html`<tr data-id="${c.id}" class="${state.selected.has(c.id) ? 'selected' : ''}">
      <td class="check"><input type="checkbox" class="row-select" value="${c.id}" ${state.selected.has(c.id) ? html`checked` : ''}
        aria-label="${c.name}"></td>
      <td class="name-cell">
        ${category?.iconUrl ? html`<img class="category-icon" src="${assetUrl(category.iconUrl)}" alt="${category.name}" title="${category.name}" width="20" height="20">` : ''}
        <a class="customer-name" href="${customerHref(c.id)}">${c.name}</a>
      </td>
      <td class="hide-narrow">${category ? category.name : html`<span class="muted">—</span>`}</td>
      <td><span class="${`tag tag-${c.type}`}" data-i18n="${`customer.type.${c.type}`}"></span></td>
      <td class="importance" title="${c.importance}">${'★'.repeat(c.importance)}</td>
      <td class="owner">${c.ownerId ? c.ownerName ?? `#${c.ownerId}` : html`<span class="tag tag-public" data-i18n="customer.public"></span>`}</td>
      <td class="hide-narrow">${c.region ?? ''}</td>
      <td class="hide-narrow">${c.industry ?? ''}</td>
      <td class="hide-narrow">${time(c.lastVisitAt, 'date')}</td>
      <td class="days-left">${days === null
        ? html`<span class="muted">—</span>`
        : html`<span class="${days <= 7 ? 'days warn' : 'days'}" data-i18n="customer.daysLeftValue" data-i18n-args="${JSON.stringify({ days: Math.max(days, 0) })}"></span>`}</td>
      <td class="hide-narrow">${time(c.createdAt, 'date')}</td>
    </tr>`;
  }

  function paint() {
    const items = list.items;
    show(
      rows,
      items.length > 0
        ? html`${items.map(rowMarkup)}`
        : html`<tr class="empty"><td colspan="11" data-i18n="${list.loading ? 'home.loading' : 'customers.empty'}"></td></tr>`,
    );
    paintSelection();
    const count = root.querySelector('#list-count');
    show(
      count,
      state.total !== null
        ? msg('customers.countOfTotal', { shown: items.length, total: state.total })
        : msg('customers.count', { shown: items.length }),
    );
  }

  function paintSelection() {
    const n = state.selected.size;
    const items = list.items;
    show(root.querySelector('#selection-count'), msg('customers.selected', { count: n }));
    for (const button of root.querySelectorAll('[data-action="bulk"]')) button.disabled = n === 0;
    selectAll.checked = items.length > 0 && items.every((c) => state.selected.has(c.id));
    selectAll.indeterminate = !selectAll.checked && items.some((c) => state.selected.has(c.id));
  }

  const list = pager({
    fetch: (cursor, filters) => customers.list({ ...filters, limit: PAGE_SIZE, cursor }),
    paint,
    more: root.querySelector('#load-more'),
    box: listError,
  });

  /** Reads the first page for the filters as they are now, the list emptied meanwhile. */
  function load() {
    state.filters = readFilters();
    state.total = null;
    state.selected.clear();
    state.generation += 1;
    countTotal(state.generation);
    const loaded = list.reload(state.filters, { clear: true });
    paint();
    return loaded;
  }

  /** The total in a request of its own: with a keyword over a million customers counting can take
   *  a second, while the page itself takes milliseconds. */
  async function countTotal(generation) {
    try {
      const answer = await customers.list({ ...state.filters, limit: 1, count: 'true' });
      if (!isCurrent() || generation !== state.generation) return;
      state.total = answer.total ?? null;
      paint();
    } catch {
      // The page's own request shows what went wrong.
    }
  }

  async function runBulk(button, op) {
    const ids = [...state.selected];
    const bulkError = root.querySelector('#bulk-error');
    hideError(bulkError);
    let userId;
    if (op === 'assign') {
      userId = Number(root.querySelector('#assign-user').value) || null;
      if (!userId) {
        showError(bulkError, 'bulk.chooseUser');
        root.querySelector('#assign-user').focus();
        return;
      }
    }
    if (op === 'delete' && !(await confirmDialog('bulk.confirmDelete', { count: ids.length }))) return;
    if (op === 'release' && !(await confirmDialog('bulk.confirmRelease', { count: ids.length }))) return;
    const names = new Map(list.items.map((c) => [c.id, c.name]));
    // The list is read again once the button is free, which disables it with the selection gone.
    const answer = await attempt(button, bulkError, () => customers.bulk(op, ids, userId ?? undefined));
    if (!answer || !isCurrent()) return;
    showResults(op, answer.results ?? [], names);
    await load();
  }

  function showResults(op, results, names) {
    const box = root.querySelector('#bulk-results');
    const ok = results.filter((r) => r.status === 'ok').length;
    show(
      box,
      html`<p class="bulk-summary">${msg(`bulk.done.${op}`, { ok, total: results.length })}</p>
        <ul class="bulk-outcomes">
          ${results.map(
            (r) => html`<li class="${`outcome outcome-${r.status}`}" data-id="${r.id}" data-status="${r.status}">
              <span class="outcome-name">${names.get(r.id) ?? `#${r.id}`}</span>
              <span class="${`tag ${r.status === 'ok' ? 'tag-ok' : 'tag-fail'}`}" data-i18n="${`bulk.status.${r.status}`}"></span>
            </li>`,
          )}
        </ul>
        <button type="button" class="link" data-action="dismiss-results" data-i18n="action.close"></button>`,
    );
    box.hidden = false;
  }

  function exportCsv(button) {
    return attempt(button, listError, async () => {
      const { blob, filename } = await customers.exportFile(readFilters());
      saveBlob(blob, filename ?? `customers-${scope}.csv`);
    });
  }

  quick.addEventListener('submit', (event) => {
    event.preventDefault();
    load();
  });
  advanced.addEventListener('submit', (event) => {
    event.preventDefault();
    load();
  });
  advanced.addEventListener('reset', () => setTimeout(() => load(), 0));
  rows.addEventListener('change', (event) => {
    const box = event.target.closest('.row-select');
    if (!box) return;
    const id = Number(box.value);
    if (box.checked) state.selected.add(id);
    else state.selected.delete(id);
    box.closest('tr').classList.toggle('selected', box.checked);
    paintSelection();
  });
  selectAll.addEventListener('change', () => {
    for (const c of list.items) {
      if (selectAll.checked) state.selected.add(c.id);
      else state.selected.delete(c.id);
    }
    for (const box of rows.querySelectorAll('.row-select')) {
      box.checked = selectAll.checked;
      box.closest('tr').classList.toggle('selected', box.checked);
    }
    paintSelection();
  });
  onActions(root, {
    'toggle-advanced': (button) => {
      advanced.hidden = !advanced.hidden;
      button.setAttribute('aria-expanded', String(!advanced.hidden));
      if (!advanced.hidden) advanced.querySelector('select, input')?.focus();
    },
    bulk: (button) => runBulk(button, button.dataset.op),
    export: (button) => exportCsv(button),
    'dismiss-results': () => {
      root.querySelector('#bulk-results').hidden = true;
    },
  });

  await load();
}
