// Arranging desktop shortcuts (a page, an optional title and an uploaded icon each), shared by the
// personal shortcuts screen and the system default shortcuts in the settings.

import { html } from './html.js';
import * as settingsApi from './api/settings.js';
import { pageGlyph, glyphGroup } from './icons.js';
import { flatMenu } from './session.js';
import { galleryItem, myUploads } from './uploads.js';
import {
  assetUrl, attempt, imageSize, isRecommendedIconSize, onActions, onSubmit, openDialog, show, showError, showFieldErrors,
} from './ui.js';

/** The pages a shortcut may open: the leaves of the user's menu. */
function shortcutPages() {
  return flatMenu().filter((p) => !p.children || p.children.length === 0);
}

/**
 * Renders the editor into `root`. `shortcuts`: [{menuId, title?, iconFileId?, iconUrl?}].
 * `save(list)` receives [{menuId, title?, iconFileId?}] and may throw an ApiError (422 fields such
 * as `shortcuts[2].iconFileId` are shown on their row). `reset()` goes back to the defaults.
 */
export function shortcutEditor(root, { shortcuts, save, reset, resetKey = 'shortcuts.reset', note = null }) {
  const pages = shortcutPages();
  const titleOf = (menuId) => pages.find((p) => p.menuId === menuId)?.title;
  // A title equal to the page's own is no title of the shortcut's: it keeps following the page.
  const toRow = (s) => ({
    menuId: s.menuId,
    title: s.title && s.title !== titleOf(s.menuId) ? s.title : '',
    iconFileId: s.iconFileId ?? null,
    iconUrl: s.iconUrl ?? null,
  });
  let rows = shortcuts.map(toRow);

  function paint() {
    show(
      root,
      html`<form class="shortcut-editor" novalidate>
        ${note ?? ''}
        <div class="table-wrap"><table class="data shortcut-rows">
          <thead><tr><th data-i18n="shortcuts.icon"></th><th data-i18n="shortcuts.page"></th><th data-i18n="shortcuts.title"></th><th></th></tr></thead>
          <tbody>
            ${rows.length === 0 ? html`<tr class="empty"><td colspan="4" data-i18n="shortcuts.none"></td></tr>` : ''}
            ${rows.map(
              (r, i) => html`<tr data-index="${i}" data-menu-id="${r.menuId}">
                <td><button type="button" class="link icon-choice" data-action="icon" data-i18n-title="shortcuts.chooseIcon">
                  <span class="${`shortcut-icon tile-${glyphGroup(r.menuId)}`}">${r.iconUrl ? html`<img src="${assetUrl(r.iconUrl)}" alt="">` : pageGlyph(r.menuId)}</span>
                </button><input type="hidden" name="${`shortcuts[${i}].iconFileId`}"></td>
                <td><select name="${`shortcuts[${i}].menuId`}" data-field="menuId" aria-label="${String(i + 1)}">
                  ${pages.some((p) => p.menuId === r.menuId) ? '' : html`<option value="${r.menuId}" selected>${r.menuId}</option>`}
                  ${pages.map((p) => html`<option value="${p.menuId}" ${p.menuId === r.menuId ? html`selected` : ''}>${'　'.repeat(Math.max(p.depth - 1, 0))}${p.title}</option>`)}
                </select></td>
                <td><input type="text" name="${`shortcuts[${i}].title`}" data-field="title" maxlength="100" value="${r.title}"
                  placeholder="${titleOf(r.menuId) ?? ''}"></td>
                <td class="row-actions">
                  <button type="button" class="link" data-action="up" ${i === 0 ? html`disabled` : ''} data-i18n="action.moveUp"></button>
                  <button type="button" class="link" data-action="down" ${i === rows.length - 1 ? html`disabled` : ''} data-i18n="action.moveDown"></button>
                  <button type="button" class="link danger-link" data-action="remove" data-i18n="action.remove"></button>
                </td>
              </tr>`,
            )}
          </tbody>
        </table></div>
        <p class="shortcut-error error" role="alert" hidden></p>
        <div class="actions">
          <button type="button" class="secondary" data-action="add" data-i18n="shortcuts.add"></button>
          <span class="spacer"></span>
          ${reset ? html`<button type="button" class="secondary" data-action="reset" data-i18n="${resetKey}"></button>` : ''}
          <button type="submit" class="primary" data-i18n="action.save"></button>
        </div>
      </form>`,
    );
    const form = root.querySelector('form');
    form.addEventListener('change', (event) => {
      const row = event.target.closest('tr[data-index]');
      if (!row) return;
      const r = rows[Number(row.dataset.index)];
      if (event.target.dataset.field === 'menuId') {
        r.menuId = event.target.value;
        paint();
      }
    });
    form.addEventListener('input', (event) => {
      const row = event.target.closest('tr[data-index]');
      if (row && event.target.dataset.field === 'title') rows[Number(row.dataset.index)].title = event.target.value;
    });
    const box = form.querySelector('.shortcut-error');
    const list = () =>
      rows.map((r) => {
        const item = { menuId: r.menuId };
        if (r.title.trim()) item.title = r.title.trim();
        if (r.iconFileId) item.iconFileId = r.iconFileId;
        return item;
      });
    // Errors of rows show on their rows, with one line under the table pointing at them.
    const onRows = (error) => {
      const fields = error.errors ?? [];
      if (showFieldErrors(form, fields).length === fields.length) return false;
      showError(box, 'shortcuts.fixRows');
      return true;
    };
    onSubmit(form, () => save(list()), { box, onError: onRows });
  }

  async function chooseIcon(index) {
    const items = await myUploads('icon');
    const dialog = openDialog(
      html`<div class="dialog-body icon-dialog">
        <h2 data-i18n="shortcuts.chooseIcon"></h2>
        <p class="hint muted" data-i18n="files.iconHelp"></p>
        <div class="field"><label for="icon-upload" data-i18n="files.uploadIcon"></label>
          <input id="icon-upload" type="file" accept="image/png,image/jpeg,image/gif,image/webp"></div>
        <p class="icon-warning notice" role="status" hidden></p>
        <p class="icon-error error" role="alert" hidden></p>
        <ul class="gallery icons" role="listbox">${items.map((f) => galleryItem(f, { icon: true, selected: f.id === rows[index].iconFileId }))}</ul>
        <div class="actions">
          <button type="button" class="secondary" data-pick="" data-i18n="shortcuts.noIcon"></button>
          <button type="button" class="secondary" data-close="cancel" data-i18n="action.cancel"></button>
        </div>
      </div>`,
      { className: 'wide-dialog' },
    );
    const pick = (fileId, url) => {
      rows[index].iconFileId = fileId;
      rows[index].iconUrl = url;
      dialog.close();
      paint();
    };
    dialog.addEventListener('click', (event) => {
      const item = event.target.closest('.gallery-item');
      if (item) pick(Number(item.dataset.fileId), item.dataset.url);
      const none = event.target.closest('[data-pick=""]');
      if (none) pick(null, null);
    });
    dialog.querySelector('#icon-upload').addEventListener('change', (event) => {
      const file = event.target.files?.[0];
      if (!file) return;
      const warning = dialog.querySelector('.icon-warning');
      attempt(null, dialog.querySelector('.icon-error'), async () => {
        const size = await imageSize(file);
        const stored = await settingsApi.uploadImage(file, 'icon');
        const width = stored.width ?? size?.width;
        const height = stored.height ?? size?.height;
        if (!isRecommendedIconSize(width, height)) {
          show(warning, html`<span data-i18n="files.iconSizeWarningLong" data-i18n-args="${JSON.stringify({ width, height })}"></span>`);
          warning.hidden = false;
        }
        show(dialog.querySelector('.gallery'), html`${(await myUploads('icon')).map((f) => galleryItem(f, { icon: true }))}`);
      });
    });
  }

  onActions(root, {
    add: () => {
      const used = new Set(rows.map((r) => r.menuId));
      const page = pages.find((p) => !used.has(p.menuId)) ?? pages[0];
      if (!page) return;
      rows.push({ menuId: page.menuId, title: '', iconFileId: null, iconUrl: null });
      paint();
    },
    remove: (button) => {
      rows.splice(Number(button.closest('tr').dataset.index), 1);
      paint();
    },
    up: (button) => {
      const i = Number(button.closest('tr').dataset.index);
      [rows[i - 1], rows[i]] = [rows[i], rows[i - 1]];
      paint();
    },
    down: (button) => {
      const i = Number(button.closest('tr').dataset.index);
      [rows[i + 1], rows[i]] = [rows[i], rows[i + 1]];
      paint();
    },
    icon: (button) => chooseIcon(Number(button.closest('tr').dataset.index)),
    reset: (button) => attempt(button, root.querySelector('.shortcut-error'), reset),
  });

  paint();
  return {
    setShortcuts(list) {
      rows = list.map(toRow);
      paint();
    },
  };
}
