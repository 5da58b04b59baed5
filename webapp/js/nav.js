// Hash navigation shared by the shell and the screens: '#/customers.mine', '#/customers/42'.

let router = () => {};

/** The shell registers the function that renders the current hash. */
export function setRouter(fn) {
  router = fn;
}

export function currentPath() {
  const path = location.hash.replace(/^#/, '').split('?')[0];
  if (path === '') return '/';
  return path.startsWith('/') ? path : `/${path}`;
}

/** The '?a=b' part of the hash, e.g. '#/customers.add?name=x'. */
export function hashQuery() {
  const hash = location.hash.replace(/^#/, '');
  const at = hash.indexOf('?');
  return new URLSearchParams(at >= 0 ? hash.slice(at + 1) : '');
}

/** Goes to `path` ('/login'); `replace` keeps a redirect out of the back-button history. */
export function navigate(path, { replace = false } = {}) {
  const current = location.hash.replace(/^#/, '') || '/';
  if (current === path) {
    router();
  } else if (replace) {
    history.replaceState(history.state, '', `#${path}`);
    router();
  } else {
    location.hash = path; // hashchange renders it
  }
}

/** The sign-in page, remembering the page shown now (not the desktop) to return to: '/login?next=…'. */
export function signInPath() {
  const here = location.hash.replace(/^#/, '');
  return ['/', '/login'].includes(currentPath()) ? '/login' : `/login?next=${encodeURIComponent(here)}`;
}

/** Where signing in goes: the page sign-in was sent from, else the desktop. */
export function afterSignInPath() {
  const next = hashQuery().get('next') ?? '';
  return next.startsWith('/') && !next.startsWith('/login') ? next : '/';
}

export const pageHref = (menuId) => `#/${encodeURIComponent(menuId)}`;
export const customerHref = (id) => `#/customers/${encodeURIComponent(id)}`;

/** An http(s) address as a link target; anything else (javascript:, data:) becomes '#'. */
export function externalHref(url) {
  try {
    const parsed = new URL(url, location.href);
    return ['http:', 'https:'].includes(parsed.protocol) ? parsed.href : '#';
  } catch {
    return '#';
  }
}

/** Where a page opens: its own `url` in a new tab when it has one, else its screen in the workspace. */
export const pageLink = (menuId, url) => (url ? { href: externalHref(url), external: true } : { href: pageHref(menuId), external: false });
