// The entry point: the language switch, the shell's listeners, then the first route.

import { html } from './html.js';
import { LANGUAGES, getLang, setLang, translate } from './i18n.js';
import * as http from './http.js';
import { setRouter } from './nav.js';
import { loadSession, resetSession } from './session.js';
import { forgetDesktop } from './desktop.js';
import { localizeDates, show } from './ui.js';
import { repaintChrome, signOut, updateTitle } from './shell/chrome.js';
import { refreshDesktop } from './shell/desktop-view.js';
import { route, toSignIn } from './shell/router.js';
import { closeStart, closeStartOnClickAway, toggleStart } from './shell/start-menu.js';

/** One delegated listener for the shell's `data-action` buttons. */
const actions = {
  logout: (button) => signOut(button),
  retry: () => route(),
  'toggle-start': () => toggleStart(),
};

function start() {
  document.documentElement.lang = getLang();

  const langSwitch = document.getElementById('lang-switch');
  show(langSwitch, html`${LANGUAGES.map((lang) => html`<option value="${lang.code}" lang="${lang.code}">${lang.label}</option>`)}`);
  langSwitch.value = getLang();
  langSwitch.addEventListener('change', () => setLang(langSwitch.value));
  translate(document);
  window.addEventListener('crm:lang', () => {
    localizeDates(document);
    updateTitle();
  });

  // The one place a rejected token is handled: every screen's requests end here.
  http.onUnauthorized(() => toSignIn('session.expired'));

  document.addEventListener('click', (event) => {
    const target = event.target instanceof Element ? event.target : null;
    const button = target?.closest('[data-action]');
    if (button && !button.closest('#workspace-body, dialog') && Object.hasOwn(actions, button.dataset.action)) {
      event.preventDefault();
      actions[button.dataset.action](button, event);
      return;
    }
    closeStartOnClickAway(target);
  });
  document.addEventListener('keydown', (event) => {
    if (event.key === 'Escape') closeStart();
  });
  window.addEventListener('crm:desktop-changed', () => refreshDesktop());
  window.addEventListener('crm:settings-changed', () => {
    forgetDesktop();
    updateTitle();
    refreshDesktop();
  });
  window.addEventListener('crm:menu-changed', async () => {
    try {
      await loadSession();
      repaintChrome();
      refreshDesktop();
    } catch {
      // the menu stays as it was
    }
  });

  window.addEventListener('hashchange', () => route());
  // Signing in or out in another tab changes the token under us.
  window.addEventListener('storage', (event) => {
    if (event.key === 'crm.token' || event.key === null) {
      resetSession();
      route();
    }
  });

  setRouter(route);
  route();
}

start();
