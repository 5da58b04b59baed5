// The audit log, oldest first, a page at a time.

import { html } from '../html.js';
import * as admin from '../api/admin.js';
import { userName } from '../session.js';
import { busy, onActions, show, showError, time } from '../ui.js';

export async function render(root, _params, { isCurrent }) {
  const state = { items: [], cursor: null, names: new Map() };
  show(
    root,
    html`<section class="admin-audit">
      <p id="audit-error" class="error" role="alert" hidden></p>
      <div class="table-wrap"><table class="data audit-table">
        <thead><tr><th data-i18n="audit.at"></th><th data-i18n="audit.action"></th><th data-i18n="audit.actor"></th><th data-i18n="audit.subject"></th></tr></thead>
        <tbody id="audit-rows"></tbody>
      </table></div>
      <div class="list-footer"><span></span><button type="button" class="secondary" id="audit-more" data-action="more" hidden data-i18n="action.more"></button></div>
    </section>`,
  );
  const rows = root.querySelector('#audit-rows');

  async function load(append = false) {
    const page = await admin.audit({ limit: 100, cursor: append ? state.cursor : undefined });
    if (!isCurrent()) return;
    state.items = append ? [...state.items, ...page.items] : page.items;
    state.cursor = page.nextCursor ?? null;
    for (const id of new Set(state.items.map((e) => e.actorId).filter(Boolean))) {
      if (!state.names.has(id)) state.names.set(id, await userName(id));
    }
    show(
      rows,
      state.items.length === 0
        ? html`<tr class="empty"><td colspan="4" data-i18n="audit.empty"></td></tr>`
        : html`${state.items.map(
            (e) => html`<tr><td>${time(e.at)}</td><td><code>${e.action}</code></td>
              <td>${e.actorId ? state.names.get(e.actorId) ?? `#${e.actorId}` : html`<span class="muted" data-i18n="history.system"></span>`}</td>
              <td class="text-cell">${e.subject}</td></tr>`,
          )}`,
    );
    root.querySelector('#audit-more').hidden = !state.cursor;
  }

  onActions(root, { more: (button) => busy(button, () => load(true)) });
  try {
    await load();
  } catch (error) {
    if (isCurrent() && error?.status !== 401) showError(root.querySelector('#audit-error'), error);
  }
}
