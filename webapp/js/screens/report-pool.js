// The public-pool statistics: customers per owner, the pool's size and releases per day (by hand
// and automatic), as a stacked bar chart and tables.

import { html } from '../html.js';
import * as visitsApi from '../api/visits.js';
import { barChart, dayLabels } from '../chart.js';
import { t } from '../i18n.js';
import { attempt, formatDate, formValues, isoDay, show } from '../ui.js';

export async function render(root, _params, { isCurrent }) {
  let report = null;
  show(
    root,
    html`<section class="report report-pool">
      <form id="pool-filters" class="toolbar">
        <label for="pool-from" data-i18n="filter.from"></label>
        <input id="pool-from" name="from" type="date" value="${isoDay(-29)}">
        <label for="pool-to" data-i18n="filter.to"></label>
        <input id="pool-to" name="to" type="date" value="${isoDay()}">
        <button type="submit" class="primary" data-i18n="reports.show"></button>
      </form>
      <p id="pool-error" class="error" role="alert" hidden></p>
      <div id="pool"></div>
    </section>`,
  );
  const form = root.querySelector('#pool-filters');
  const out = root.querySelector('#pool');
  const errorBox = root.querySelector('#pool-error');

  function drawChart() {
    const holder = out.querySelector('#pool-chart');
    if (!holder || !report) return;
    holder.replaceChildren(
      barChart(
        report.releases.map((d) => ({
          ...dayLabels(d.date),
          day: d.date,
          value: d.manual + d.automatic,
          series: [
            { value: d.manual, className: 'manual' },
            { value: d.automatic, className: 'automatic' },
          ],
          manual: d.manual,
          automatic: d.automatic,
        })),
        {
          title: t('pool.releases'),
          className: 'pool-chart',
          describe: (d) => t('pool.barTitle', { day: formatDate(d.day, 'day'), manual: d.manual, automatic: d.automatic }),
        },
      ),
    );
  }

  function paint() {
    const totalManual = report.releases.reduce((n, d) => n + d.manual, 0);
    const totalAuto = report.releases.reduce((n, d) => n + d.automatic, 0);
    show(
      out,
      html`<div class="stats">
          <div class="stat"><span class="stat-value" id="pool-public">${report.publicCustomers}</span><span class="stat-label" data-i18n="pool.public"></span></div>
          <div class="stat"><span class="stat-value">${totalManual}</span><span class="stat-label" data-i18n="pool.manual"></span></div>
          <div class="stat"><span class="stat-value">${totalAuto}</span><span class="stat-label" data-i18n="pool.automatic"></span></div>
        </div>
        <h3 data-i18n="pool.releases"></h3>
        <p class="legend"><span class="swatch manual"></span><span data-i18n="pool.manual"></span>
          <span class="swatch automatic"></span><span data-i18n="pool.automatic"></span></p>
        <div class="chart-wrap" id="pool-chart"></div>
        <h3 data-i18n="pool.owners"></h3>
        <div class="table-wrap"><table class="data pool-owners">
          <thead><tr><th data-i18n="customer.owner"></th><th class="num" data-i18n="pool.customers"></th></tr></thead>
          <tbody>${report.owners.length === 0
            ? html`<tr class="empty"><td colspan="2" data-i18n="customers.empty"></td></tr>`
            : report.owners.map((o) => html`<tr data-user-id="${o.userId}"><td>${o.displayName}</td><td class="num">${o.customers}</td></tr>`)}</tbody>
        </table></div>`,
    );
    drawChart();
  }

  async function load() {
    const values = formValues(form);
    report = await visitsApi.pool({ from: values.from || undefined, to: values.to || undefined });
    if (isCurrent()) paint();
  }

  // The filters sit in a toolbar: errors show in the line below it, not beside the inputs.
  const refresh = () => attempt(form.querySelector('button[type="submit"]'), errorBox, load);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    refresh();
  });
  const redraw = () => (root.isConnected ? drawChart() : window.removeEventListener('crm:lang', redraw));
  window.addEventListener('crm:lang', redraw);
  await refresh();
}
