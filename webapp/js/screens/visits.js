// Visit records: "mine" lists the signed-in user's own; "query" picks a salesperson in scope (or
// oneself) and a date range, and can export the result as CSV.

import { html } from '../html.js';
import * as visitsApi from '../api/visits.js';
import { customerHref } from '../nav.js';
import { can, myId, selfAndTeam } from '../session.js';
import { pager } from '../pager.js';
import { attempt, formValues, isoDay, msg, onActions, saveBlob, show, time } from '../ui.js';

export async function render(root, { mode = 'mine' }, { isCurrent }) {
  const people = mode === 'query' ? await selfAndTeam().catch(() => []) : [];
  if (!isCurrent()) return;

  show(
    root,
    html`<section class="visits" data-mode="${mode}">
      <form id="visit-filters" class="toolbar">
        ${mode === 'query'
          ? html`<label for="visits-user" data-i18n="filter.salesperson"></label>
            <select id="visits-user" name="userId">
              <option value="" data-i18n="filter.everyone"></option>
              ${people.map((p) => html`<option value="${p.id}" ${p.id === myId() ? html`selected` : ''}>${p.displayName}</option>`)}
            </select>`
          : ''}
        <label for="visits-from" data-i18n="filter.from"></label>
        <input id="visits-from" name="from" type="date" value="${isoDay(-30)}">
        <label for="visits-to" data-i18n="filter.to"></label>
        <input id="visits-to" name="to" type="date" value="${isoDay()}">
        <label for="visits-method" data-i18n="visit.method"></label>
        <select id="visits-method" name="method"><option value="" data-i18n="filter.any"></option>
          ${visitsApi.METHODS.map((m) => html`<option value="${m}" data-i18n="${`method.${m}`}"></option>`)}</select>
        <button type="submit" class="primary" data-i18n="action.search"></button>
        <span class="spacer"></span>
        ${mode === 'query' && can('visits.query') ? html`<button type="button" class="secondary" data-action="export" data-i18n="visits.export"></button>` : ''}
      </form>
      <p id="visits-error" class="error" role="alert" hidden></p>
      <div class="table-wrap">
        <table class="data visits-table">
          <thead><tr><th data-i18n="visit.visitedAt"></th><th data-i18n="visit.user"></th><th data-i18n="visit.customer"></th>
            <th data-i18n="visit.method"></th><th data-i18n="visit.content"></th><th class="hide-narrow" data-i18n="visit.nextStep"></th></tr></thead>
          <tbody id="visit-rows"></tbody>
        </table>
      </div>
      <div class="list-footer"><span id="visits-count" class="muted"></span>
        <button type="button" class="secondary" id="visits-more" hidden data-i18n="action.more"></button></div>
    </section>`,
  );

  const filters = root.querySelector('#visit-filters');
  const rows = root.querySelector('#visit-rows');
  const errorBox = root.querySelector('#visits-error');

  function query() {
    const values = formValues(filters);
    return {
      userId: mode === 'mine' ? myId() : values.userId || undefined,
      from: values.from,
      to: values.to,
      method: values.method || undefined,
    };
  }

  function paint(visits) {
    show(
      rows,
      visits.length === 0
        ? html`<tr class="empty"><td colspan="6" data-i18n="visits.empty"></td></tr>`
        : html`${visits.map(
            (v) => html`<tr data-visit-id="${v.id}">
              <td>${time(v.visitedAt)}</td>
              <td>${v.userName ?? `#${v.userId}`}</td>
              <td><a href="${customerHref(v.customerId)}">${v.customerName ?? `#${v.customerId}`}</a></td>
              <td><span class="tag" data-i18n="${`method.${v.method}`}"></span></td>
              <td class="text-cell">${v.content}</td>
              <td class="text-cell hide-narrow">${v.nextStep ?? ''}</td>
            </tr>`,
          )}`,
    );
    show(root.querySelector('#visits-count'), msg('customers.count', { shown: visits.length }));
  }

  const list = pager({
    fetch: (cursor, filter) => visitsApi.list({ ...filter, limit: 100, cursor }),
    paint,
    more: root.querySelector('#visits-more'),
    box: errorBox,
  });
  const load = () => list.reload(query());

  filters.addEventListener('submit', (event) => {
    event.preventDefault();
    load();
  });
  onActions(root, {
    export: (button) =>
      attempt(button, errorBox, async () => {
        const { blob, filename } = await visitsApi.exportFile(query());
        saveBlob(blob, filename ?? 'visits.csv');
      }),
  });
  await load();
}
