// The signed-in user's desktop: wallpaper and shortcuts (GET /api/v1/me/desktop).

import * as auth from './api/auth.js';
import { cached, forget } from './session.js';

/**
 * {background: {fileId, url} | null, shortcuts: [{menuId, title?, iconFileId?, iconUrl?}], custom,
 * customBackground, customShortcuts}: the desktop in effect, and which parts are the user's own
 * rather than the system's defaults.
 */
export const loadDesktop = () => cached('desktop', () => auth.desktop());

export function forgetDesktop() {
  forget('desktop');
}

/** Tells the shell to repaint the desktop after a change. */
export function desktopChanged() {
  forgetDesktop();
  window.dispatchEvent(new CustomEvent('crm:desktop-changed'));
}
