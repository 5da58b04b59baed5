// The sign-in screen.

import { html } from '../html.js';
import { translate } from '../i18n.js';
import * as http from '../http.js';
import * as auth from '../api/auth.js';
import { afterSignInPath, navigate } from '../nav.js';
import { resetSession, session } from '../session.js';
import { onSubmit, show, showError } from '../ui.js';

export function render(root) {
  show(
    root,
    html`<section class="auth">
      <form id="login-form" class="card auth-card" novalidate>
        <h1 data-i18n="login.title"></h1>
        <p class="muted subtitle" data-i18n="login.subtitle"></p>
        ${session.notice ? html`<p id="login-notice" class="notice" role="status" data-i18n="${session.notice}"></p>` : ''}
        <div class="field">
          <label for="username" data-i18n="login.username"></label>
          <input id="username" name="username" type="text" autocomplete="username" autocapitalize="none"
            spellcheck="false" required>
        </div>
        <div class="field">
          <label for="password" data-i18n="login.password"></label>
          <input id="password" name="password" type="password" autocomplete="current-password" required>
        </div>
        <p id="login-error" class="error" role="alert" hidden></p>
        <button id="login-submit" type="submit" class="primary wide" data-i18n="login.submit"></button>
      </form>
    </section>`,
  );
  session.notice = null;

  const form = root.querySelector('#login-form');
  const username = form.querySelector('#username');
  const password = form.querySelector('#password');
  const submit = form.querySelector('#login-submit');
  const errorBox = form.querySelector('#login-error');
  const label = (key) => {
    submit.dataset.i18n = key;
    translate(submit);
  };
  // A wrong password is typed again.
  const onError = (error) => {
    if (error.status === 401) {
      password.value = '';
      password.focus();
    }
    return false;
  };

  onSubmit(form, async () => {
    const name = username.value.trim();
    if (name === '' || password.value === '') {
      showError(errorBox, 'login.required');
      const empty = name === '' ? username : password;
      empty.setAttribute('aria-invalid', 'true');
      empty.focus();
      return;
    }
    label('login.submitting');
    try {
      const result = await auth.login(name, password.value);
      http.setToken(result.token);
      resetSession();
      navigate(afterSignInPath());
    } finally {
      label('login.submit');
    }
  }, { box: errorBox, onError });

  username.focus();
}
