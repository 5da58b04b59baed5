// The signed-in user's desktop: wallpaper and shortcuts (GET /api/v1/me/desktop).

import * as auth from './api/auth.js';
import * as settingsApi from './api/settings.js';
import { cached, can, forget, menuTitleOf, session } from './session.js';

/**
 * {background: {fileId, url} | null, shortcuts: [{menuId, title, iconFileId?, iconUrl?}], custom}.
 * While a server lacks GET /me/desktop (404), the system defaults from GET /settings stand in.
 */
export function loadDesktop() {
  return cached('desktop', async () => {
    try {
      return normalise(await auth.desktop());
    } catch (error) {
      if (error?.status !== 404) throw error;
      return fromSettings(session.settings ?? (await settingsApi.get()));
    }
  });
}

export function forgetDesktop() {
  forget('desktop');
}

function normalise(desktop) {
  return {
    background: desktop?.background ?? null,
    shortcuts: Array.isArray(desktop?.shortcuts) ? desktop.shortcuts : [],
    custom: Boolean(desktop?.custom),
    fallback: false,
  };
}

function fromSettings(settings) {
  const fileId = settings?.defaultBackgroundFileId;
  return {
    background: fileId ? { fileId, url: `/api/v1/files/${fileId}` } : null,
    shortcuts: (settings?.defaultShortcuts ?? [])
      .filter((s) => can(s.menuId))
      .map((s) => ({
        menuId: s.menuId,
        title: s.title ?? menuTitleOf(s.menuId) ?? s.menuId,
        iconFileId: s.iconFileId ?? undefined,
        iconUrl: s.iconFileId ? `/api/v1/files/${s.iconFileId}` : undefined,
      })),
    custom: false,
    fallback: true,
  };
}

/** Tells the shell to repaint the desktop after a change. */
export function desktopChanged() {
  forgetDesktop();
  window.dispatchEvent(new CustomEvent('crm:desktop-changed'));
}
