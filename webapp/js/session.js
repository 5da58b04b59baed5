// What the signed-in screens share, loaded once per sign-in and cleared on sign-out.

import * as auth from './api/auth.js';
import * as settingsApi from './api/settings.js';
import { html } from './html.js';
import { builtInTitle } from './i18n.js';
import { setServerTimeZone } from './ui.js';

export const session = {
  me: null,
  menu: null,
  settings: null,
  /** An i18n key for the sign-in screen, e.g. 'session.expired'. */
  notice: null,
  cache: new Map(),
};

export function resetSession(notice = null) {
  session.me = null;
  session.menu = null;
  session.settings = null;
  session.notice = notice;
  session.cache.clear();
}

/** Loads who is signed in, their START menu and the settings. */
export async function loadSession() {
  const [me, menu, settings] = await Promise.all([auth.me(), auth.menu(), settingsApi.get()]);
  session.me = me;
  session.menu = Array.isArray(menu?.items) ? menu.items : [];
  session.settings = settings;
  setServerTimeZone(settings?.timeZone);
}

/** Whether the signed-in user may open the page or call the operations of `menuId`. */
export function can(menuId) {
  const me = session.me;
  return Boolean(me && (me.isAdmin || me.menuIds.includes(menuId)));
}

export const myId = () => session.me?.user?.id;

/** Fetches once per session: the team, the categories and the like. */
export function cached(key, load) {
  if (!session.cache.has(key)) {
    const promise = load().catch((error) => {
      session.cache.delete(key);
      throw error;
    });
    session.cache.set(key, promise);
  }
  return session.cache.get(key);
}

export const forget = (key) => session.cache.delete(key);

/** The users the signed-in user manages (GET /me/team), the user excluded. */
export const team = () => cached('team', async () => (await auth.team()).items ?? []);

/** The user and their team, for "salesperson" pickers: [{id, displayName, username}]. */
export async function selfAndTeam() {
  const me = session.me.user;
  const members = await team();
  return [{ id: me.id, displayName: me.displayName, username: me.username }, ...members.filter((m) => m.id !== me.id)];
}

export const categories = () => cached('categories', async () => (await settingsApi.categories()).items ?? []);

/** A display name for a user id from what we know (self and team), else null. */
export async function userName(id) {
  if (id === null || id === undefined) return null;
  if (id === session.me?.user?.id) return session.me.user.displayName;
  try {
    const member = (await team()).find((m) => m.id === id);
    return member?.displayName ?? null;
  } catch {
    return null;
  }
}

/** Every page of the menu tree, flattened in order: [{menuId, title, url, icon, depth, parent}]. */
export function flatMenu(items = session.menu ?? [], depth = 0, parent = null, out = []) {
  for (const item of items) {
    out.push({ ...item, depth, parent });
    if (Array.isArray(item.children)) flatMenu(item.children, depth + 1, item.menuId, out);
  }
  return out;
}

/**
 * A page's title as a fragment: built-in pages still carrying their original title follow the
 * language switch; a title an administrator changed is data and is shown as sent.
 */
export function pageTitle(menuId, title) {
  const key = builtInTitle(menuId, title);
  return key ? html`<span data-i18n="${key}"></span>` : html`<span>${title ?? menuId}</span>`;
}

/** The title a page has in the menu (by menu ID), or null when the user's menu lacks it. */
export function menuTitleOf(menuId) {
  return flatMenu().find((p) => p.menuId === menuId)?.title ?? null;
}
