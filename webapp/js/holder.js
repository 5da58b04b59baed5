// Who holds a company name that is taken, as the API tells it: {kind: 'self' | 'public' | 'user', displayName?}.

import { html } from './html.js';
import { msg } from './ui.js';

/** The holder as a fragment: another user's name, the public pool, or "you". */
export function holderText(holder) {
  if (!holder) return msg('holder.unknown');
  if (holder.kind === 'self') return msg('holder.self');
  if (holder.kind === 'public') return msg('holder.public');
  return html`<span data-i18n="holder.user" data-i18n-args="${JSON.stringify({ name: holder.displayName ?? '?' })}"></span>`;
}
