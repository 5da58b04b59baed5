// CSV import: choose a file, check it first (dry run, row by row), then import for real.

import { html } from '../html.js';
import * as customers from '../api/customers.js';
import { customerHref } from '../nav.js';
import { fieldErrorLine } from '../problems.js';
import { attempt, hideError, holderText, message, msg, show, showError } from '../ui.js';

export function render(root, _params, { isCurrent }) {
  show(
    root,
    html`<section class="import">
      <form id="import-form" class="panel narrow" novalidate>
        <p class="hint muted" data-i18n="import.help"></p>
        <p class="hint muted"><code>name,website,phone,address,region,industry,source,notes,category,type,importance</code></p>
        <div class="field">
          <label for="import-file" data-i18n="import.file"></label>
          <input id="import-file" name="file" type="file" accept=".csv,text/csv">
        </div>
        <p id="import-error" class="error" role="alert" hidden></p>
        <div class="actions">
          <button type="submit" class="secondary" id="import-check" data-i18n="import.check"></button>
          <button type="button" class="primary" id="import-run" data-i18n="import.run" disabled></button>
        </div>
      </form>
      <div id="import-report"></div>
    </section>`,
  );
  const form = root.querySelector('#import-form');
  const input = form.querySelector('#import-file');
  const errorBox = form.querySelector('#import-error');
  const run = form.querySelector('#import-run');
  const out = root.querySelector('#import-report');

  function paint(report) {
    show(
      out,
      html`<p class="${report.dryRun ? 'notice' : 'notice success'}" id="import-summary" data-dry-run="${String(report.dryRun)}">
          ${msg(report.dryRun ? 'import.previewSummary' : 'import.doneSummary', {
            created: report.created, duplicates: report.duplicates, invalid: report.invalid,
          })}</p>
        <div class="table-wrap"><table class="data import-rows">
          <thead><tr><th class="num" data-i18n="import.row"></th><th data-i18n="import.status"></th><th data-i18n="import.detail"></th></tr></thead>
          <tbody>${report.rows.map(
            (r) => html`<tr class="${`import-${r.status}`}" data-row="${r.row}" data-status="${r.status}">
              <td class="num">${r.row}</td>
              <td><span class="${`tag ${r.status === 'created' ? 'tag-ok' : 'tag-fail'}`}" data-i18n="${`import.status.${r.status}`}"></span></td>
              <td>${r.status === 'created' && r.id ? html`<a href="${customerHref(r.id)}">#${r.id}</a>` : ''}
                ${r.status === 'duplicate' ? holderText(r.holder) : ''}
                ${r.errors?.length ? html`<ul class="error-fields">${r.errors.map((e) => html`<li>${message(fieldErrorLine(e))}</li>`)}</ul>` : ''}</td>
            </tr>`,
          )}</tbody>
        </table></div>`,
    );
  }

  async function send(dryRun, button) {
    hideError(errorBox);
    const file = input.files?.[0];
    if (!file) {
      showError(errorBox, 'import.chooseFile');
      return;
    }
    const report = await attempt(button, errorBox, () => customers.importFile(file, dryRun));
    if (!report || !isCurrent()) return;
    paint(report);
    // Once checked, the file may be imported; once imported, not again.
    run.disabled = !dryRun || report.created === 0;
  }

  input.addEventListener('change', () => {
    run.disabled = true;
    out.replaceChildren();
  });
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    send(true, form.querySelector('#import-check'));
  });
  run.addEventListener('click', () => send(false, run));
}
