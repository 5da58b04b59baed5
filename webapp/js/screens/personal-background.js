// The desktop background: upload images, double-click one to preview it, choose one (or go back to
// the system default).

import { html } from '../html.js';
import * as auth from '../api/auth.js';
import * as settingsApi from '../api/settings.js';
import { desktopChanged, loadDesktop } from '../desktop.js';
import { galleryItem, myUploads } from '../uploads.js';
import { assetUrl, attempt, onActions, onSubmit, openDialog, show, showError, toast } from '../ui.js';

/** The body of PUT /me/desktop that keeps the shortcuts as they are. */
function keepShortcuts(desktop) {
  // GET /me/desktop answers the effective shortcuts; only a user with own choices keeps them as own.
  return desktop.customShortcuts
    ? desktop.shortcuts.map((s) => ({ menuId: s.menuId, ...(s.iconFileId ? { iconFileId: s.iconFileId } : {}), ...(s.title ? { title: s.title } : {}) }))
    : [];
}

export async function render(root, _params, { isCurrent }) {
  let [desktop, uploads] = await Promise.all([loadDesktop(), myUploads('background')]);
  if (!isCurrent()) return;
  let chosen = desktop.background?.fileId ?? null;

  function paint() {
    show(
      root,
      html`<section class="personal-background">
        <form id="background-upload" class="toolbar" novalidate>
          <label for="background-file" data-i18n="files.uploadBackground"></label>
          <input id="background-file" name="file" type="file" accept="image/png,image/jpeg,image/gif,image/webp">
          <button type="submit" class="secondary" data-i18n="action.upload"></button>
        </form>
        <p id="background-error" class="error" role="alert" hidden></p>
        <p class="hint muted" data-i18n="files.previewHelp"></p>
        <ul class="gallery" id="background-gallery" role="listbox" data-i18n-aria-label="page.personal.background">
          ${uploads.length === 0 ? html`<li class="muted" data-i18n="files.none"></li>` : ''}
          ${uploads.map((f) => galleryItem(f, { selected: f.id === chosen }))}
        </ul>
        <div class="actions">
          <button type="button" class="secondary" data-action="default" data-i18n="background.useDefault"></button>
          <button type="button" class="primary" data-action="use" id="background-use" data-i18n="background.use" ${chosen ? '' : html`disabled`}></button>
        </div>
      </section>`,
    );
    const form = root.querySelector('#background-upload');
    const box = root.querySelector('#background-error');
    onSubmit(form, async () => {
      const file = form.elements.file.files?.[0];
      if (!file) {
        showError(box, 'import.chooseFile');
        return;
      }
      const stored = await settingsApi.uploadImage(file, 'background');
      uploads = await myUploads('background');
      chosen = stored.id;
      paint();
    }, { box });
    const gallery = root.querySelector('#background-gallery');
    gallery.addEventListener('click', (event) => {
      const item = event.target.closest('.gallery-item');
      if (!item) return;
      chosen = Number(item.dataset.fileId);
      for (const el of gallery.querySelectorAll('.gallery-item')) el.setAttribute('aria-selected', String(el === item));
      root.querySelector('#background-use').disabled = false;
    });
    gallery.addEventListener('dblclick', (event) => {
      const item = event.target.closest('.gallery-item');
      if (item) preview(item.dataset.url);
    });
    gallery.addEventListener('keydown', (event) => {
      const item = event.target.closest('.gallery-item');
      if (item && event.key === 'Enter') preview(item.dataset.url);
    });
  }

  function preview(url) {
    openDialog(
      html`<div class="dialog-body"><img id="preview-image" src="${assetUrl(url)}" alt="">
        <div class="actions"><button type="button" class="secondary" data-close="close" data-i18n="action.close"></button></div></div>`,
      { className: 'preview-dialog' },
    );
  }

  function save(backgroundFileId, button) {
    return attempt(button, root.querySelector('#background-error'), async () => {
      await auth.saveDesktop({ backgroundFileId, shortcuts: keepShortcuts(desktop) });
      desktopChanged();
      desktop = await loadDesktop();
      chosen = desktop.background?.fileId ?? null;
      toast('common.saved');
      if (isCurrent()) paint();
    });
  }

  onActions(root, {
    use: (button) => save(chosen, button),
    default: (button) => save(null, button),
  });
  paint();
}
