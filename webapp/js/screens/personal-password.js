// Changing one's own password (PUT /me/password); other sessions end, this one stays.

import { html } from '../html.js';
import * as auth from '../api/auth.js';
import { onSubmit, show, showFieldErrors, toast } from '../ui.js';

export function render(root, _params, { isCurrent }) {
  show(
    root,
    html`<form id="password-form" class="panel narrow" novalidate>
      <input type="text" name="username" autocomplete="username" hidden>
      <div class="field"><label for="current-password" data-i18n="password.current"></label>
        <input id="current-password" name="currentPassword" type="password" autocomplete="current-password"></div>
      <div class="field"><label for="new-password" data-i18n="password.new"></label>
        <input id="new-password" name="newPassword" type="password" autocomplete="new-password" maxlength="72">
        <p class="hint muted" data-i18n="password.rule"></p></div>
      <div class="field"><label for="confirm-password" data-i18n="password.confirm"></label>
        <input id="confirm-password" name="confirmPassword" type="password" autocomplete="new-password" maxlength="72"></div>
      <p id="password-error" class="error" role="alert" hidden></p>
      <p id="password-done" class="notice success" role="status" hidden data-i18n="password.changed"></p>
      <div class="actions"><button type="submit" class="primary" data-i18n="password.submit"></button></div>
    </form>`,
  );
  const form = root.querySelector('#password-form');
  const done = form.querySelector('#password-done');
  onSubmit(form, async () => {
    done.hidden = true;
    const current = form.elements.currentPassword.value;
    const next = form.elements.newPassword.value;
    if (next !== form.elements.confirmPassword.value) {
      showFieldErrors(form, [{ field: 'confirmPassword', key: 'password.mismatch' }]);
      return;
    }
    await auth.changePassword(current, next);
    if (!isCurrent()) return;
    form.reset();
    done.hidden = false;
    toast('password.changed');
  });
}
