// Who holds a company name that is taken, as the API tells it: {kind: 'self' | 'public' | 'user', displayName?}.

import { html } from './html.js';
import { holderMessage } from './problems.js';
import { message, show } from './ui.js';

/** The holder as a fragment: another user's name, the public pool, or "you". */
export const holderText = (holder) => message(holderMessage(holder));

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
