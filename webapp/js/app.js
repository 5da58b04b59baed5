// The web app's shell: a hash router, the sign-in screen and the home screen. Each screen is
// `{ render(root, params, isCurrent) }` so it can move to its own module (js/screens/*.js) as the
// desktop grows; API calls for a resource live together (here `auth`, later js/api/*.js).

import { html, mount } from './html.js';
import { LANGUAGES, getLang, setLang, translate } from './i18n.js';
import * as http from './http.js';

const API = '/api/v1';

const auth = {
  login: (username, password) => http.post(`${API}/auth/login`, { username, password }),
  // A 401 here only means the session was already gone, so it must not bounce to sign-in twice.
  logout: () => http.post(`${API}/auth/logout`, undefined, { handle401: false }),
  me: () => http.get(`${API}/me`),
  menu: () => http.get(`${API}/me/menu`),
};

/** What the signed-in screens share; cleared on sign-out. `notice` is an i18n key for the sign-in screen. */
const session = { me: null, menu: null, notice: null };

function resetSession(notice = null) {
  session.me = null;
  session.menu = null;
  session.notice = notice;
}

/** Renders a fragment whose text comes from data-i18n keys, then fills in the current language. */
function show(root, fragment) {
  mount(root, fragment);
  translate(root);
}

/** Shows an error: the server's problem `detail` as sent, or one of our own messages by key. */
function showError(element, error) {
  let message;
  if (typeof error === 'string') message = html`<span data-i18n="${error}"></span>`;
  else if (error instanceof http.ApiError && error.detail) message = html`<span>${error.detail}</span>`;
  else if (error instanceof http.ApiError && error.isNetworkError) message = html`<span data-i18n="error.network"></span>`;
  else {
    const args = JSON.stringify({ status: error?.status ?? '?' });
    message = html`<span data-i18n="error.status" data-i18n-args="${args}"></span>`;
  }
  const fields = error instanceof http.ApiError ? error.errors : [];
  show(
    element,
    html`${message}${fields.length > 0
      ? html`<ul class="error-fields">${fields.map((f) => html`<li data-field="${f.field}">${f.field}: ${f.message}</li>`)}</ul>`
      : ''}`,
  );
  element.hidden = false;
}

function hideError(element) {
  element.hidden = true;
  element.replaceChildren();
}

// ---------------------------------------------------------------- screens

const loginScreen = {
  name: 'login',
  public: true,
  render(root, _params, isCurrent) {
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
          <button id="login-submit" type="submit" class="primary" data-i18n="login.submit"></button>
        </form>
      </section>`,
    );
    session.notice = null;

    const form = root.querySelector('#login-form');
    const username = form.querySelector('#username');
    const password = form.querySelector('#password');
    const submit = form.querySelector('#login-submit');
    const errorBox = form.querySelector('#login-error');
    let busy = false;

    const setBusy = (value) => {
      busy = value;
      submit.disabled = value;
      form.setAttribute('aria-busy', String(value));
      submit.dataset.i18n = value ? 'login.submitting' : 'login.submit';
      translate(submit);
    };

    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      if (busy) return;
      hideError(errorBox);
      for (const input of [username, password]) input.removeAttribute('aria-invalid');

      const name = username.value.trim();
      if (name === '' || password.value === '') {
        showError(errorBox, 'login.required');
        const empty = name === '' ? username : password;
        empty.setAttribute('aria-invalid', 'true');
        empty.focus();
        return;
      }

      setBusy(true);
      try {
        const result = await auth.login(name, password.value);
        http.setToken(result.token);
        resetSession();
        navigate('/');
      } catch (error) {
        if (!isCurrent()) return;
        setBusy(false);
        showError(errorBox, error);
        for (const { field } of error?.errors ?? []) form.querySelector(`#${CSS.escape(field)}`)?.setAttribute('aria-invalid', 'true');
        if (error?.status === 401) {
          password.value = '';
          password.focus();
        }
      }
    });

    username.focus();
  },
};

const homeScreen = {
  name: 'home',
  async render(root, _params, isCurrent) {
    if (!session.me || !session.menu) {
      show(root, html`<p class="loading" role="status" data-i18n="home.loading"></p>`);
      try {
        const [me, menu] = await Promise.all([auth.me(), auth.menu()]);
        session.me = me;
        session.menu = Array.isArray(menu?.items) ? menu.items : [];
      } catch (error) {
        // A 401 has already sent us to sign-in through the http core.
        if (!isCurrent() || error?.status === 401) return;
        show(
          root,
          html`<section class="card message">
            <p id="home-error" class="error" role="alert"></p>
            <button type="button" class="secondary" data-action="retry" data-i18n="home.retry"></button>
          </section>`,
        );
        showError(root.querySelector('#home-error'), error);
        return;
      }
      if (!isCurrent()) return;
    }
    updateChrome();
    show(root, homeMarkup(session.me, session.menu));
  },
};

const notFoundScreen = {
  name: 'not-found',
  render(root) {
    show(
      root,
      html`<section class="card message">
        <h1 data-i18n="notFound.title"></h1>
        <p><a href="#/" data-i18n="notFound.back"></a></p>
      </section>`,
    );
  },
};

function initial(name) {
  const first = [...String(name ?? '').trim()][0] ?? '?';
  return first.toUpperCase();
}

function homeMarkup(me, items) {
  const { user, department, position, isAdmin, managesSubordinates } = me;
  return html`<section class="home">
    <aside id="whoami" class="card whoami" data-user-id="${user.id}" data-username="${user.username}">
      <h2 class="card-title" data-i18n="whoami.title"></h2>
      <div class="identity">
        <span class="avatar" aria-hidden="true">${initial(user.displayName || user.username)}</span>
        <div class="identity-text">
          <p class="display-name">${user.displayName}</p>
          <p class="username muted">${user.username}</p>
        </div>
      </div>
      ${department || position
        ? html`<dl class="facts">
            ${department ? html`<div><dt data-i18n="whoami.department"></dt><dd class="department">${department.name}</dd></div>` : ''}
            ${position ? html`<div><dt data-i18n="whoami.position"></dt><dd class="position">${position.name}</dd></div>` : ''}
          </dl>`
        : ''}
      ${isAdmin || managesSubordinates
        ? html`<p class="badges">
            ${isAdmin ? html`<span class="badge badge-admin" data-i18n="whoami.admin"></span>` : ''}
            ${managesSubordinates && !isAdmin ? html`<span class="badge" data-i18n="whoami.manager"></span>` : ''}
          </p>`
        : ''}
    </aside>
    <nav id="menu" class="card menu" aria-labelledby="menu-title">
      <h2 id="menu-title" class="card-title" data-i18n="menu.title"></h2>
      ${items.length > 0 ? menuTree(items, 0) : html`<p class="muted" data-i18n="menu.empty"></p>`}
    </nav>
  </section>`;
}

// The menu's titles are data (administrators rename pages), so they are shown as sent, not translated.
function menuTree(items, depth) {
  return html`<ul class="${depth === 0 ? 'menu-tree' : 'menu-children'}">
    ${items.map(
      (item) => html`<li class="menu-item" data-menu-id="${item.menuId}" data-depth="${depth}">
        <span class="menu-title">${item.title}</span>
        ${Array.isArray(item.children) && item.children.length > 0 ? menuTree(item.children, depth + 1) : ''}
      </li>`,
    )}
  </ul>`;
}

// ---------------------------------------------------------------- router

/** Patterns may capture `:name` segments, e.g. '/customers/:id'. */
const routes = [
  { pattern: '/login', screen: loginScreen },
  { pattern: '/', screen: homeScreen },
].map((route) => ({ ...route, regex: compile(route.pattern) }));

function compile(pattern) {
  const source = pattern
    .split('/')
    .map((part) => (part.startsWith(':') ? `(?<${part.slice(1)}>[^/]+)` : part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
    .join('/');
  return new RegExp(`^${source}/?$`);
}

function match(path) {
  for (const { regex, screen } of routes) {
    const found = regex.exec(path);
    if (found) {
      const params = Object.fromEntries(Object.entries(found.groups ?? {}).map(([k, v]) => [k, decodeURIComponent(v)]));
      return { screen, params };
    }
  }
  return { screen: notFoundScreen, params: {} };
}

function currentPath() {
  const path = location.hash.replace(/^#/, '').split('?')[0];
  if (path === '') return '/';
  return path.startsWith('/') ? path : `/${path}`;
}

/** Goes to `path` ('/login'); `replace` keeps a redirect out of the back-button history. */
export function navigate(path, { replace = false } = {}) {
  if (currentPath() === path) {
    route();
  } else if (replace) {
    history.replaceState(history.state, '', `#${path}`);
    route();
  } else {
    location.hash = path; // hashchange calls route()
  }
}

let renderCount = 0;

function route() {
  const ticket = ++renderCount;
  const isCurrent = () => ticket === renderCount;
  const path = currentPath();
  const { screen, params } = match(path);
  const signedIn = Boolean(http.getToken());

  if (!screen.public && !signedIn) return navigate('/login', { replace: true });
  if (screen === loginScreen && signedIn) return navigate('/', { replace: true });

  updateChrome();
  const view = document.getElementById('view');
  view.dataset.screen = screen.name;
  return screen.render(view, params, isCurrent);
}

// ---------------------------------------------------------------- chrome

function updateChrome() {
  const signedIn = Boolean(http.getToken());
  document.body.dataset.signedIn = String(signedIn);
  document.getElementById('session').hidden = !signedIn;
  document.getElementById('session-name').textContent = signedIn ? (session.me?.user?.displayName ?? '') : '';
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

/** One delegated listener for `data-action` buttons instead of a listener per element. */
const actions = {
  logout: (button) => signOut(button),
  retry: () => route(),
};

function start() {
  document.documentElement.lang = getLang();

  const langSwitch = document.getElementById('lang-switch');
  mount(langSwitch, html`${LANGUAGES.map((lang) => html`<option value="${lang.code}" lang="${lang.code}">${lang.label}</option>`)}`);
  langSwitch.value = getLang();
  langSwitch.addEventListener('change', () => setLang(langSwitch.value));
  translate(document);

  http.onUnauthorized(() => {
    resetSession('session.expired');
    navigate('/login', { replace: true });
  });

  document.addEventListener('click', (event) => {
    const target = event.target instanceof Element ? event.target.closest('[data-action]') : null;
    if (target && Object.hasOwn(actions, target.dataset.action)) {
      event.preventDefault();
      actions[target.dataset.action](target, event);
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

  route();
}

start();
