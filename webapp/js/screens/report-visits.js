// The visit summary: pick a salesperson in scope and a date range; see the totals, a bar chart of
// visits per day, visits by method and a table per customer (with that customer's records).

import { html } from '../html.js';
import * as visitsApi from '../api/visits.js';
import { barChart, dayLabels } from '../chart.js';
import { customerHref } from '../nav.js';
import { myId, selfAndTeam } from '../session.js';
import { t } from '../i18n.js';
import { attempt, formatDate, formValues, formatNumber, isoDay, show, time } from '../ui.js';

function monthStart() {
  return `${isoDay().slice(0, 8)}01`;
}

export async function render(root, _params, { isCurrent }) {
  const people = await selfAndTeam().catch(() => []);
  if (!isCurrent()) return;
  let summary = null;
  let query = null;

  show(
    root,
    html`<section class="report report-visits">
      <form id="summary-filters" class="toolbar">
        <label for="summary-user" data-i18n="filter.salesperson"></label>
        <select id="summary-user" name="userId">
          ${people.map((p) => html`<option value="${p.id}" ${p.id === myId() ? html`selected` : ''}>${p.displayName}</option>`)}
        </select>
        <label for="summary-from" data-i18n="filter.from"></label>
        <input id="summary-from" name="from" type="date" value="${monthStart()}">
        <label for="summary-to" data-i18n="filter.to"></label>
        <input id="summary-to" name="to" type="date" value="${isoDay()}">
        <button type="submit" class="primary" data-i18n="reports.show"></button>
      </form>
      <p id="summary-error" class="error" role="alert" hidden></p>
      <div id="summary"></div>
    </section>`,
  );

  const form = root.querySelector('#summary-filters');
  const out = root.querySelector('#summary');
  const errorBox = root.querySelector('#summary-error');

  function paint() {
    const s = summary;
    show(
      out,
      html`<div class="stats" id="summary-totals">
          <div class="stat"><span class="stat-value" id="stat-total">${s.total}</span><span class="stat-label" data-i18n="summary.total"></span></div>
          <div class="stat"><span class="stat-value" id="stat-working-days">${s.workingDays}</span><span class="stat-label" data-i18n="summary.workingDays"></span></div>
          <div class="stat"><span class="stat-value" id="stat-average">${formatNumber(s.averagePerWorkingDay, { maximumFractionDigits: 2 })}</span><span class="stat-label" data-i18n="summary.average"></span></div>
          <div class="stat"><span class="stat-value" id="stat-customers">${s.customersVisited}</span><span class="stat-label" data-i18n="summary.customersVisited"></span></div>
        </div>
        <h3 data-i18n="summary.perDay"></h3>
        <div class="chart-wrap" id="summary-chart"></div>
        <div class="report-columns">
          <section>
            <h3 data-i18n="summary.byMethod"></h3>
            <table class="data by-method"><tbody>
              ${visitsApi.METHODS.map((m) => html`<tr data-method="${m}"><th data-i18n="${`method.${m}`}"></th><td class="num">${s.byMethod?.[m] ?? 0}</td></tr>`)}
            </tbody></table>
          </section>
          <section class="grow">
            <h3 data-i18n="summary.byCustomer"></h3>
            <div class="table-wrap"><table class="data by-customer">
              <thead><tr><th data-i18n="visit.customer"></th><th class="num" data-i18n="summary.visits"></th><th data-i18n="summary.lastVisit"></th><th></th></tr></thead>
              <tbody>${s.byCustomer.length === 0
                ? html`<tr class="empty"><td colspan="4" data-i18n="visits.empty"></td></tr>`
                : s.byCustomer.map(
                    (c) => html`<tr data-customer-id="${c.customerId}">
                      <td><a href="${customerHref(c.customerId)}">${c.name}</a></td>
                      <td class="num">${c.visits}</td><td>${time(c.lastVisitAt)}</td>
                      <td><button type="button" class="link" data-action="records" data-id="${c.customerId}" data-i18n="summary.records"></button></td>
                    </tr>`,
                  )}</tbody>
            </table></div>
          </section>
        </div>
        <section id="customer-records" class="customer-records" hidden></section>`,
    );
    drawChart();
  }

  function drawChart() {
    const holder = out.querySelector('#summary-chart');
    if (!holder || !summary) return;
    const chart = barChart(
      summary.perDay.map((d) => ({ ...dayLabels(d.date), value: d.visits, day: d.date })),
      {
        title: t('summary.perDay'),
        className: 'visits-chart',
        describe: (d) => t('summary.barTitle', { day: formatDate(d.day, 'day'), count: d.value }),
      },
    );
    holder.replaceChildren(chart);
  }

  // The filters sit in a toolbar: the fields at fault are marked, their errors show below it.
  function failed(error) {
    out.replaceChildren();
    for (const f of error.errors ?? []) form.querySelector(`[name="${CSS.escape(f.field)}"]`)?.setAttribute('aria-invalid', 'true');
  }

  function load() {
    const values = formValues(form);
    query = { userId: values.userId || undefined, from: values.from || undefined, to: values.to || undefined };
    const read = async () => {
      summary = await visitsApi.summary(query);
      if (isCurrent()) paint();
    };
    return attempt(form.querySelector('button[type="submit"]'), errorBox, read, { onError: failed });
  }

  async function records(customerId) {
    const box = out.querySelector('#customer-records');
    const name = summary.byCustomer.find((c) => c.customerId === customerId)?.name ?? '';
    const page = await visitsApi.list({
      userId: query.userId, customerId, from: summary.from, to: summary.to, limit: 200,
    });
    if (!isCurrent()) return;
    show(
      box,
      html`<h3><span data-i18n="summary.recordsOf"></span> ${name}</h3>
        <ul class="visit-list">${(page.items ?? []).map(
          (v) => html`<li class="visit"><div class="visit-head">${time(v.visitedAt)} <span class="tag" data-i18n="${`method.${v.method}`}"></span></div>
            <p class="visit-content">${v.content}</p></li>`,
        )}</ul>`,
    );
    box.hidden = false;
    box.scrollIntoView({ block: 'nearest' });
  }

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    for (const el of form.querySelectorAll('[aria-invalid]')) el.removeAttribute('aria-invalid');
    load();
  });
  out.addEventListener('click', (event) => {
    const button = event.target.closest('[data-action="records"]');
    if (button) attempt(button, errorBox, () => records(Number(button.dataset.id)));
  });
  // The axis labels and tooltips are drawn text, so they are redrawn in the new language.
  const redraw = () => (root.isConnected ? drawChart() : window.removeEventListener('crm:lang', redraw));
  window.addEventListener('crm:lang', redraw);

  await load();
}
