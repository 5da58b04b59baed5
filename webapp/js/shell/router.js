// The hash router: which screen a hash names, and rendering it once the session is loaded.
// Screens live in js/screens/*.js and export `render(root, params, ctx)`.

import { html } from '../html.js';
import * as http from '../http.js';
import { currentPath, navigate, signInPath } from '../nav.js';
import { loadSession, resetSession, session } from '../session.js';
import { show, showError } from '../ui.js';
import * as login from '../screens/login.js';
import { updateChrome } from './chrome.js';
import { ensureDesktop } from './desktop-view.js';
import { closeStart } from './start-menu.js';
import { closeWorkspace, openWorkspace } from './workspace.js';

const customerList = () => import('../screens/customers.js');
const visitList = () => import('../screens/visits.js');

/** Each menu ID that has a screen: the module that renders it and the params it gets. */
const SCREENS = {
  'customers.mine': { load: customerList, params: { scope: 'mine' } },
  'customers.public': { load: customerList, params: { scope: 'public' } },
  'customers.team': { load: customerList, params: { scope: 'team' } },
  'customers.search': { load: customerList, params: { scope: 'all' } },
  'customers.add': { load: () => import('../screens/customer-add.js') },
  'customers.import': { load: () => import('../screens/customers-import.js') },
  plans: { load: () => import('../screens/plans.js') },
  'visits.mine': { load: visitList, params: { mode: 'mine' } },
  'visits.query': { load: visitList, params: { mode: 'query' } },
  'reports.visits': { load: () => import('../screens/report-visits.js') },
  'reports.pool': { load: () => import('../screens/report-pool.js') },
  'admin.pages': { load: () => import('../screens/admin-pages.js') },
  'admin.roles': { load: () => import('../screens/admin-roles.js') },
  'admin.departments': { load: () => import('../screens/admin-departments.js') },
  'admin.users': { load: () => import('../screens/admin-users.js') },
  'admin.settings': { load: () => import('../screens/admin-settings.js') },
  'admin.audit': { load: () => import('../screens/admin-audit.js') },
  'personal.background': { load: () => import('../screens/personal-background.js') },
  'personal.shortcuts': { load: () => import('../screens/personal-shortcuts.js') },
  'personal.password': { load: () => import('../screens/personal-password.js') },
};

/** A customer's page: not in any menu, titled by the screen once the customer is loaded. */
const DETAIL = { load: () => import('../screens/customer-detail.js'), menuId: 'customers.detail', title: 'customer.detail.title' };

/** '/', '/login', '/customers/42' or '/<menuId>'. */
function match(path) {
  if (path === '/') return { kind: 'desktop' };
  if (path === '/login') return { kind: 'login' };
  const detail = /^\/customers\/(\d+)\/?$/.exec(path);
  if (detail) return { kind: 'page', menuId: DETAIL.menuId, screen: DETAIL, params: { id: Number(detail[1]) } };
  const page = /^\/([A-Za-z0-9._-]{1,64})\/?$/.exec(path);
  if (page) {
    const menuId = decodeURIComponent(page[1]);
    const screen = SCREENS[menuId];
    return { kind: 'page', menuId, screen, params: { ...(screen?.params ?? {}) } };
  }
  return { kind: 'page', menuId: null, screen: null, params: {} };
}

/**
 * Goes to sign-in, which returns to the page shown now once signed in; `notice` (a message key)
 * says why, e.g. 'session.expired'.
 */
export function toSignIn(notice = null) {
  resetSession(notice);
  navigate(signInPath(), { replace: true });
}

let renderCount = 0;

/** Renders the screen the current hash names; a newer call makes the older one's `isCurrent()` false. */
export async function route() {
  const ticket = ++renderCount;
  const isCurrent = () => ticket === renderCount;
  const found = match(currentPath());
  const signedIn = Boolean(http.getToken());
  const view = document.getElementById('view');
  closeStart();

  if (found.kind === 'login') {
    if (signedIn) return navigate('/', { replace: true });
    updateChrome();
    view.className = 'view';
    view.dataset.screen = 'login';
    return login.render(view, {}, { isCurrent });
  }
  if (!signedIn) return toSignIn(session.notice);

  if (!session.me) {
    view.className = 'view';
    view.dataset.screen = 'loading';
    show(view, html`<p class="loading" role="status" data-i18n="home.loading"></p>`);
    try {
      await loadSession();
    } catch (error) {
      if (!isCurrent()) return;
      show(
        view,
        html`<section class="card message">
          <p id="home-error" class="error" role="alert"></p>
          <button type="button" class="secondary" data-action="retry" data-i18n="home.retry"></button>
        </section>`,
      );
      showError(view.querySelector('#home-error'), error);
      return;
    }
    if (!isCurrent()) return;
  }

  updateChrome();
  ensureDesktop(view);

  if (found.kind === 'desktop') {
    view.dataset.screen = 'desktop';
    closeWorkspace();
    return;
  }
  view.dataset.screen = found.menuId ?? 'not-found';
  await openWorkspace(found, isCurrent);
}
