// The audit log, oldest first, a page at a time.

import { html } from '../html.js';
import * as admin from '../api/admin.js';
import { userName } from '../session.js';
import { pager } from '../pager.js';
import { show, time } from '../ui.js';

export async function render(root) {
  const names = new Map();
  show(
    root,
    html`<section class="admin-audit">
      <p id="audit-error" class="error" role="alert" hidden></p>
      <div class="table-wrap"><table class="data audit-table">
        <thead><tr><th data-i18n="audit.at"></th><th data-i18n="audit.action"></th><th data-i18n="audit.actor"></th><th data-i18n="audit.subject"></th></tr></thead>
        <tbody id="audit-rows"></tbody>
      </table></div>
      <div class="list-footer"><span></span><button type="button" class="secondary" id="audit-more" hidden data-i18n="action.more"></button></div>
    </section>`,
  );
  const rows = root.querySelector('#audit-rows');

  async function paint(entries) {
    for (const id of new Set(entries.map((e) => e.actorId).filter(Boolean))) {
      if (!names.has(id)) names.set(id, await userName(id));
    }
    show(
      rows,
      entries.length === 0
        ? html`<tr class="empty"><td colspan="4" data-i18n="audit.empty"></td></tr>`
        : html`${entries.map(
            (e) => html`<tr><td>${time(e.at)}</td><td><code>${e.action}</code></td>
              <td>${e.actorId ? names.get(e.actorId) ?? `#${e.actorId}` : html`<span class="muted" data-i18n="history.system"></span>`}</td>
              <td class="text-cell">${e.subject}</td></tr>`,
          )}`,
    );
  }

  const log = pager({
    fetch: (cursor) => admin.audit({ limit: 100, cursor }),
    paint,
    more: root.querySelector('#audit-more'),
    box: root.querySelector('#audit-error'),
  });
  await log.reload();
}
