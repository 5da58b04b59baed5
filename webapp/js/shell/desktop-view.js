// The desktop as painted: the wallpaper and the shortcuts, with the workspace window over them.

import { html } from '../html.js';
import { loadDesktop } from '../desktop.js';
import { pageGlyph, glyphGroup } from '../icons.js';
import { pageLink } from '../nav.js';
import { flatMenu, menuTitleOf, pageTitle } from '../session.js';
import { assetUrl, show } from '../ui.js';

/** Puts the desktop and the (hidden) workspace into `view`, unless they are there already. */
export function ensureDesktop(view) {
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

/** Loads the user's desktop and paints wallpaper and shortcuts. */
export async function refreshDesktop() {
  const desktop = document.getElementById('desktop');
  if (!desktop) return;
  let state;
  try {
    state = await loadDesktop();
  } catch {
    // The bare desktop: the START menu still opens every page.
    state = { background: null, shortcuts: [] };
  }
  const url = state.background?.url ? assetUrl(state.background.url) : '';
  // CSSOM from script is allowed by the CSP; a style attribute in markup would not be.
  desktop.style.backgroundImage = url ? `url("${url.replace(/["\\\n]/g, encodeURIComponent)}")` : '';
  desktop.classList.toggle('has-wallpaper', Boolean(url));
  const list = document.getElementById('shortcuts');
  const linkOf = (menuId) => pageLink(menuId, flatMenu().find((p) => p.menuId === menuId)?.url);
  show(
    list,
    state.shortcuts.length > 0
      ? html`${state.shortcuts.map(
          (s) => html`<li class="shortcut" data-menu-id="${s.menuId}">
            <a class="shortcut-link" href="${linkOf(s.menuId).href}" ${linkOf(s.menuId).external ? html`target="_blank" rel="noopener noreferrer"` : ''}>
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
