// The workspace: the window over the desktop in which every page opens, titled after the page.

import { html } from '../html.js';
import { can, menuTitleOf, pageTitle } from '../session.js';
import { msg, show, showError } from '../ui.js';

/** Opens the page `menuId` with its `screen` ({load, title?}: the module, lazily loaded) and `params`. */
export async function openWorkspace({ menuId, screen, params }, isCurrent) {
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
  if (screen?.title) setTitle(msg(screen.title));
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
    if (!isCurrent()) return;
    const box = document.createElement('p');
    box.className = 'error';
    body.prepend(box);
    showError(box, error);
  }
}

export function closeWorkspace() {
  const workspace = document.getElementById('workspace');
  if (!workspace) return;
  workspace.hidden = true;
  document.getElementById('workspace-body').replaceChildren();
}
