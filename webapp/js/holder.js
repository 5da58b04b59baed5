// Who holds a company name that is taken, as the API tells it: {kind: 'self' | 'public' | 'user', displayName?}.

import { html } from './html.js';
import { msg, show } from './ui.js';

/** The holder as a fragment: another user's name, the public pool, or "you". */
export function holderText(holder) {
  if (!holder) return msg('holder.unknown');
  if (holder.kind === 'self') return msg('holder.self');
  if (holder.kind === 'public') return msg('holder.public');
  return html`<span data-i18n="holder.user" data-i18n-args="${JSON.stringify({ name: holder.displayName ?? '?' })}"></span>`;
}

/**
 * Shows a 409 for a company name that is taken, with who holds it, in `box` (the note gets `id`
 * when given) and marks the form's name. Answers true: the error is shown.
 */
export function showDuplicate(form, box, error, id = null) {
  const holder = error.problem?.holder;
  show(
    box,
    html`<span ${id ? html`id="${id}"` : ''} class="duplicate" data-holder-kind="${holder?.kind ?? ''}"><span data-i18n="add.conflict"></span>
      <strong class="holder">${holderText(holder)}</strong></span>`,
  );
  box.hidden = false;
  form.elements.name.setAttribute('aria-invalid', 'true');
  return true;
}
