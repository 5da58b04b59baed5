// The START menu: the tree of pages the user may open, opened and closed by the START button.

import { html } from '../html.js';
import { pageGlyph } from '../icons.js';
import { externalHref, pageHref } from '../nav.js';
import { pageTitle, session } from '../session.js';
import { show } from '../ui.js';

function menuTree(items, depth) {
  return html`<ul class="${depth === 0 ? 'menu-tree' : 'menu-children'}">
    ${items.map((item) => {
      const children = Array.isArray(item.children) ? item.children : [];
      const title = html`<span class="menu-title">${pageTitle(item.menuId, item.title)}</span>`;
      let head;
      if (children.length > 0) head = html`<span class="menu-folder">${title}</span>`;
      else if (item.url) {
        head = html`<a class="menu-link" href="${externalHref(item.url)}" target="_blank" rel="noopener noreferrer">${pageGlyph(item.menuId)}${title}<span class="external" aria-hidden="true">↗</span></a>`;
      } else head = html`<a class="menu-link" href="${pageHref(item.menuId)}">${pageGlyph(item.menuId)}${title}</a>`;
      return html`<li class="menu-item${children.length > 0 ? ' has-children' : ''}" data-menu-id="${item.menuId}" data-depth="${depth}">
        ${head}${children.length > 0 ? menuTree(children, depth + 1) : ''}
      </li>`;
    })}
  </ul>`;
}

/** Paints the signed-in user's menu tree. */
export function renderMenu() {
  const items = session.menu ?? [];
  show(
    document.getElementById('menu'),
    html`<h2 id="menu-title" class="visually-hidden" data-i18n="menu.title"></h2>
      ${items.length > 0 ? menuTree(items, 0) : html`<p class="muted" data-i18n="menu.empty"></p>`}`,
  );
}

export function clearMenu() {
  document.getElementById('menu').replaceChildren();
}

export function toggleStart() {
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

export function closeStart() {
  const panel = document.getElementById('start-menu');
  if (!panel || panel.hidden) return;
  panel.hidden = true;
  document.getElementById('start-button').setAttribute('aria-expanded', 'false');
}

/** A choice in the START menu, or a click anywhere outside it, closes it. */
export function closeStartOnClickAway(target) {
  const panel = document.getElementById('start-menu');
  if (!panel.hidden && (target?.closest('#start-menu a') || !target?.closest('#start-menu, #start-button'))) closeStart();
}
