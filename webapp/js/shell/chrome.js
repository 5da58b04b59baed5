// The chrome around every screen: the system title, who is signed in (top bar and the START menu's
// head), and signing out.

import { html } from '../html.js';
import { t, translate } from '../i18n.js';
import * as http from '../http.js';
import * as auth from '../api/auth.js';
import { navigate } from '../nav.js';
import { resetSession, session } from '../session.js';
import { show } from '../ui.js';
import { clearMenu, renderMenu } from './start-menu.js';

const TITLE_KEY = 'crm.systemTitle';

/** The session the chrome was painted for, so a route within it does not repaint it. */
let chromeFor = null;

/**
 * The system title: from the settings once signed in, remembered for the sign-in screen (which
 * cannot read the settings without a token). The built-in title follows the language switch.
 */
function systemTitle() {
  let title = session.settings?.systemTitle ?? null;
  try {
    if (title) localStorage.setItem(TITLE_KEY, title);
    else title = localStorage.getItem(TITLE_KEY);
  } catch {
    // no storage: the built-in title until signed in
  }
  return !title || title === t('app.title', {}, 'zh-CN') ? null : title;
}

export function updateTitle() {
  const brand = document.getElementById('brand');
  const title = systemTitle();
  if (title) {
    delete brand.dataset.i18n;
    brand.textContent = title;
    document.title = title;
  } else {
    brand.dataset.i18n = 'app.title';
    translate(brand);
    document.title = t('app.title');
  }
}

/** The first letter of the user's name in a circle. */
function avatar(user, className) {
  const first = [...String(user.displayName || user.username || '').trim()][0] ?? '?';
  return html`<span class="${className}" aria-hidden="true">${first.toUpperCase()}</span>`;
}

/** Shows or hides what belongs to a signed-in user, and paints it once per session. */
export function updateChrome() {
  const signedIn = Boolean(http.getToken()) && Boolean(session.me);
  document.body.dataset.signedIn = String(signedIn);
  document.getElementById('session').hidden = !signedIn;
  document.getElementById('start-button').hidden = !signedIn;
  const whoami = document.getElementById('whoami');
  if (!signedIn) {
    chromeFor = null;
    whoami.replaceChildren();
    delete whoami.dataset.userId;
    delete whoami.dataset.username;
    clearMenu();
    document.getElementById('start-head').replaceChildren();
    updateTitle();
    return;
  }
  updateTitle();
  if (chromeFor === session.me) return;
  chromeFor = session.me;
  const { user, department, position, isAdmin, managesSubordinates } = session.me;
  whoami.dataset.userId = String(user.id);
  whoami.dataset.username = user.username;
  // The START menu's head shows where the user sits; here it is kept for screen readers.
  show(
    whoami,
    html`${avatar(user, 'avatar avatar-small')}
      <span id="session-name" class="session-name display-name">${user.displayName}</span>
      <span class="visually-hidden"><span class="username">${user.username}</span>
        ${department ? html`<span class="department">${department.name}</span>` : ''}
        ${position ? html`<span class="position">${position.name}</span>` : ''}</span>`,
  );
  renderMenu();
  show(
    document.getElementById('start-head'),
    html`${avatar(user, 'avatar')}
      <div class="identity-text">
        <p class="display-name">${user.displayName}</p>
        <p class="username muted">${user.username}</p>
        <p class="placement muted">${department ? html`<span class="department">${department.name}</span>` : html`<span data-i18n="whoami.unassigned"></span>`}${position ? html` · <span class="position">${position.name}</span>` : ''}</p>
        ${isAdmin ? html`<span class="badge badge-admin" data-i18n="whoami.admin"></span>` : ''}
        ${managesSubordinates && !isAdmin ? html`<span class="badge" data-i18n="whoami.manager"></span>` : ''}
      </div>`,
  );
}

/** Paints the chrome again after the session was reloaded (the menu changed). */
export function repaintChrome() {
  chromeFor = null;
  updateChrome();
}

export async function signOut(button) {
  button.disabled = true;
  try {
    await auth.logout();
  } catch {
    // Signing out locally is what matters; the server forgets the token when it expires anyway.
  }
  http.clearToken();
  resetSession('session.signedOut');
  button.disabled = false;
  navigate('/login');
}
