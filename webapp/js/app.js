// The shell: the hash router, the desktop (wallpaper, shortcuts, START menu) and the workspace in
// which every page opens. Screens live in js/screens/*.js and export `render(root, params, ctx)`.

import { html } from './html.js';
import { LANGUAGES, getLang, setLang, t, translate } from './i18n.js';
import * as http from './http.js';
import * as auth from './api/auth.js';
import { currentPath, navigate, pageHref, setRouter } from './nav.js';
import { can, flatMenu, loadSession, menuTitleOf, pageTitle, resetSession, session } from './session.js';
import { forgetDesktop, loadDesktop } from './desktop.js';
import { assetUrl, localizeDates, msg, show, showError } from './ui.js';
import { pageGlyph, glyphGroup } from './icons.js';
import * as login from './screens/login.js';

const customerList = () => import('./screens/customers.js');
const visitList = () => import('./screens/visits.js');

/** Each menu ID that has a screen: the module that renders it and the params it gets. */
const SCREENS = {
  'customers.mine': { load: customerList, params: { scope: 'mine' } },
  'customers.public': { load: customerList, params: { scope: 'public' } },
  'customers.team': { load: customerList, params: { scope: 'team' } },
  'customers.search': { load: customerList, params: { scope: 'all' } },
  'customers.add': { load: () => import('./screens/customer-add.js') },
  'customers.import': { load: () => import('./screens/customers-import.js') },
  plans: { load: () => import('./screens/plans.js') },
  'visits.mine': { load: visitList, params: { mode: 'mine' } },
  'visits.query': { load: visitList, params: { mode: 'query' } },
  'reports.visits': { load: () => import('./screens/report-visits.js') },
  'reports.pool': { load: () => import('./screens/report-pool.js') },
  'admin.pages': { load: () => import('./screens/admin-pages.js') },
  'admin.roles': { load: () => import('./screens/admin-roles.js') },
  'admin.departments': { load: () => import('./screens/admin-departments.js') },
  'admin.users': { load: () => import('./screens/admin-users.js') },
  'admin.settings': { load: () => import('./screens/admin-settings.js') },
  'admin.audit': { load: () => import('./screens/admin-audit.js') },
  'personal.background': { load: () => import('./screens/personal-background.js') },
  'personal.shortcuts': { load: () => import('./screens/personal-shortcuts.js') },
  'personal.password': { load: () => import('./screens/personal-password.js') },
};

const DETAIL = { load: () => import('./screens/customer-detail.js'), menuId: 'customers.detail' };

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

// ---------------------------------------------------------------- router

let renderCount = 0;

async function route() {
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
  if (!signedIn) return navigate('/login', { replace: true });

  if (!session.me) {
    view.className = 'view';
    view.dataset.screen = 'loading';
    show(view, html`<p class="loading" role="status" data-i18n="home.loading"></p>`);
    try {
      await loadSession();
    } catch (error) {
      // A 401 has already sent us to sign-in through the http core.
      if (!isCurrent() || error?.status === 401) return;
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

async function openWorkspace({ menuId, screen, params }, isCurrent) {
  const workspace = document.getElementById('workspace');
  const title = document.getElementById('workspace-title');
  const old = document.getElementById('workspace-body');
  // A fresh body per screen: listeners a screen attached die with it.
  const body = document.createElement('div');
  body.id = 'workspace-body';
  body.className = 'workspace-body';
  old.replaceWith(body);
  workspace.hidden = false;
  workspace.dataset.menuId = menuId ?? '';

  const setTitle = (fragment) => show(title, fragment);
  if (menuId === DETAIL.menuId) setTitle(msg('customer.detail.title'));
  else setTitle(menuId ? pageTitle(menuId, menuTitleOf(menuId)) : msg('notFound.title'));

  if (!menuId || (!screen && !menuTitleOf(menuId))) {
    show(body, html`<section class="message-panel"><p data-i18n="notFound.title"></p><p><a href="#/" data-i18n="notFound.back"></a></p></section>`);
    return;
  }
  if (!can(menuId)) {
    show(body, html`<section class="message-panel"><p class="error" data-i18n="error.forbiddenPage"></p></section>`);
    return;
  }
  if (!screen) {
    show(body, html`<section class="message-panel"><p class="muted" data-i18n="page.noScreen"></p></section>`);
    return;
  }
  show(body, html`<p class="loading" role="status" data-i18n="home.loading"></p>`);
  let module;
  try {
    module = await screen.load();
  } catch (error) {
    if (isCurrent()) showError(body, error);
    return;
  }
  if (!isCurrent()) return;
  body.replaceChildren();
  try {
    await module.render(body, params, { isCurrent, setTitle, menuId });
  } catch (error) {
    if (error?.status === 401 || !isCurrent()) return;
    const box = document.createElement('p');
    box.className = 'error';
    body.prepend(box);
    showError(box, error);
  }
}

function closeWorkspace() {
  const workspace = document.getElementById('workspace');
  if (!workspace) return;
  workspace.hidden = true;
  document.getElementById('workspace-body').replaceChildren();
}

// ---------------------------------------------------------------- desktop

function ensureDesktop(view) {
  if (view.querySelector('#desktop')) return;
  view.className = 'view view-desktop';
  show(
    view,
    html`<div id="desktop" class="desktop">
        <ul id="shortcuts" class="shortcuts" aria-labelledby="shortcuts-title"></ul>
        <h2 id="shortcuts-title" class="visually-hidden" data-i18n="desktop.shortcuts"></h2>
      </div>
      <section id="workspace" class="workspace" aria-labelledby="workspace-title" hidden>
        <header class="workspace-bar">
          <h1 id="workspace-title" class="workspace-title"></h1>
          <a class="workspace-close" href="#/" data-i18n-title="workspace.close" data-i18n-aria-label="workspace.close">×</a>
        </header>
        <div id="workspace-body" class="workspace-body"></div>
      </section>`,
  );
  refreshDesktop();
}

/** Loads the user's desktop (or the defaults) and paints wallpaper and shortcuts. */
export async function refreshDesktop() {
  const desktop = document.getElementById('desktop');
  if (!desktop) return;
  let state;
  try {
    state = await loadDesktop();
  } catch (error) {
    if (error?.status === 401) return;
    state = { background: null, shortcuts: [] };
  }
  const url = state.background?.url ? assetUrl(state.background.url) : '';
  // CSSOM from script is allowed by the CSP; a style attribute in markup would not be.
  desktop.style.backgroundImage = url ? `url("${url.replace(/["\\\n]/g, encodeURIComponent)}")` : '';
  desktop.classList.toggle('has-wallpaper', Boolean(url));
  const list = document.getElementById('shortcuts');
  show(
    list,
    state.shortcuts.length > 0
      ? html`${state.shortcuts.map(
          (s) => html`<li class="shortcut" data-menu-id="${s.menuId}">
            <a class="shortcut-link" href="${linkFor(s.menuId).href}" ${linkFor(s.menuId).external ? html`target="_blank" rel="noopener noreferrer"` : ''}>
              <span class="shortcut-icon tile-${glyphGroup(s.menuId)}">${s.iconUrl
                ? html`<img src="${assetUrl(s.iconUrl)}" alt="" width="48" height="48">`
                : pageGlyph(s.menuId)}</span>
              <span class="shortcut-title">${pageTitle(s.menuId, s.title ?? menuTitleOf(s.menuId))}</span>
            </a>
          </li>`,
        )}`
      : html`<li class="desktop-hint" data-i18n="desktop.hint"></li>`,
  );
}

// ---------------------------------------------------------------- START menu

function menuTree(items, depth) {
  return html`<ul class="${depth === 0 ? 'menu-tree' : 'menu-children'}">
    ${items.map((item) => {
      const children = Array.isArray(item.children) ? item.children : [];
      const title = html`<span class="menu-title">${pageTitle(item.menuId, item.title)}</span>`;
      let head;
      if (children.length > 0) head = html`<span class="menu-folder">${title}</span>`;
      else if (item.url) {
        head = html`<a class="menu-link" href="${safeExternal(item.url)}" target="_blank" rel="noopener noreferrer">${pageGlyph(item.menuId)}${title}<span class="external" aria-hidden="true">↗</span></a>`;
      } else head = html`<a class="menu-link" href="${pageHref(item.menuId)}">${pageGlyph(item.menuId)}${title}</a>`;
      return html`<li class="menu-item${children.length > 0 ? ' has-children' : ''}" data-menu-id="${item.menuId}" data-depth="${depth}">
        ${head}${children.length > 0 ? menuTree(children, depth + 1) : ''}
      </li>`;
    })}
  </ul>`;
}

/** Where a page opens: its screen in the workspace, or its own URL in a new tab. */
function linkFor(menuId) {
  const url = flatMenu().find((p) => p.menuId === menuId)?.url;
  return url ? { href: safeExternal(url), external: true } : { href: pageHref(menuId), external: false };
}

function safeExternal(url) {
  try {
    const parsed = new URL(url, location.href);
    return ['http:', 'https:'].includes(parsed.protocol) ? parsed.href : '#';
  } catch {
    return '#';
  }
}

function initial(name) {
  const first = [...String(name ?? '').trim()][0] ?? '?';
  return first.toUpperCase();
}

function renderMenu() {
  const nav = document.getElementById('menu');
  const items = session.menu ?? [];
  show(
    nav,
    html`<h2 id="menu-title" class="visually-hidden" data-i18n="menu.title"></h2>
      ${items.length > 0 ? menuTree(items, 0) : html`<p class="muted" data-i18n="menu.empty"></p>`}`,
  );
  const { user, department, position, isAdmin, managesSubordinates } = session.me;
  show(
    document.getElementById('start-head'),
    html`<span class="avatar" aria-hidden="true">${initial(user.displayName || user.username)}</span>
      <div class="identity-text">
        <p class="display-name">${user.displayName}</p>
        <p class="username muted">${user.username}</p>
        <p class="placement muted">${department ? html`<span class="department">${department.name}</span>` : html`<span data-i18n="whoami.unassigned"></span>`}${position ? html` · <span class="position">${position.name}</span>` : ''}</p>
        ${isAdmin ? html`<span class="badge badge-admin" data-i18n="whoami.admin"></span>` : ''}
        ${managesSubordinates && !isAdmin ? html`<span class="badge" data-i18n="whoami.manager"></span>` : ''}
      </div>`,
  );
}

function toggleStart() {
  const panel = document.getElementById('start-menu');
  if (panel.hidden) openStart();
  else closeStart();
}

function openStart() {
  const panel = document.getElementById('start-menu');
  panel.hidden = false;
  document.getElementById('start-button').setAttribute('aria-expanded', 'true');
  panel.querySelector('a')?.focus();
}

function closeStart() {
  const panel = document.getElementById('start-menu');
  if (!panel || panel.hidden) return;
  panel.hidden = true;
  document.getElementById('start-button').setAttribute('aria-expanded', 'false');
}

// ---------------------------------------------------------------- chrome

let chromeFor = null;
const TITLE_KEY = 'crm.systemTitle';

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

function updateTitle() {
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

function updateChrome() {
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
    document.getElementById('menu').replaceChildren();
    document.getElementById('start-head').replaceChildren();
    updateTitle();
    return;
  }
  updateTitle();
  if (chromeFor === session.me) return;
  chromeFor = session.me;
  const { user, department, position } = session.me;
  whoami.dataset.userId = String(user.id);
  whoami.dataset.username = user.username;
  // The START menu's head shows where the user sits; here it is kept for screen readers.
  show(
    whoami,
    html`<span class="avatar avatar-small" aria-hidden="true">${initial(user.displayName || user.username)}</span>
      <span id="session-name" class="session-name display-name">${user.displayName}</span>
      <span class="visually-hidden"><span class="username">${user.username}</span>
        ${department ? html`<span class="department">${department.name}</span>` : ''}
        ${position ? html`<span class="position">${position.name}</span>` : ''}</span>`,
  );
  renderMenu();
}

async function signOut(button) {
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

  http.onUnauthorized(() => {
    resetSession('session.expired');
    navigate('/login', { replace: true });
  });

  document.addEventListener('click', (event) => {
    const target = event.target instanceof Element ? event.target : null;
    const button = target?.closest('[data-action]');
    if (button && !button.closest('#workspace-body, dialog') && Object.hasOwn(actions, button.dataset.action)) {
      event.preventDefault();
      actions[button.dataset.action](button, event);
      return;
    }
    // A choice in the START menu, or a click anywhere outside it, closes it.
    const panel = document.getElementById('start-menu');
    if (!panel.hidden && (target?.closest('#start-menu a') || !target?.closest('#start-menu, #start-button'))) closeStart();
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
      chromeFor = null;
      updateChrome();
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
