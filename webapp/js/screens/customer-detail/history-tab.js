// Who held the customer when: created, claimed, released, assigned, swept into the public pool.

import { html } from '../../html.js';
import * as customers from '../../api/customers.js';
import { userName } from '../../session.js';
import { show, time } from '../../ui.js';

export async function render(panel, { id, isCurrent }) {
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
