// The signed-in user's uploaded images (GET /api/v1/me/files?purpose=) and uploading new ones.

import { html } from './html.js';
import * as auth from './api/auth.js';
import * as settingsApi from './api/settings.js';
import { cached, session } from './session.js';
import { assetUrl, isRecommendedIconSize } from './ui.js';

/**
 * {items, listed}: the user's uploads of one purpose, newest first. While a server lacks
 * GET /me/files (404), `listed` is false and the items are those uploaded in this session only.
 */
export async function myUploads(purpose) {
  const local = cached(`uploads:${purpose}`, async () => []);
  try {
    const answer = await auth.myFiles(purpose);
    return { items: answer.items ?? [], listed: true };
  } catch (error) {
    if (error?.status !== 404) throw error;
    return { items: [...(await local)], listed: false };
  }
}

export async function upload(file, purpose) {
  const stored = await settingsApi.uploadImage(file, purpose);
  const local = await cached(`uploads:${purpose}`, async () => []);
  local.unshift(stored);
  session.cache.set(`uploads:${purpose}`, Promise.resolve(local));
  return stored;
}

/** One image of a gallery; double-click previews it (the screen wires that up). */
export function galleryItem(file, { selected = false, icon = false } = {}) {
  const warn = icon && !isRecommendedIconSize(file.width, file.height);
  return html`<li class="gallery-item" data-file-id="${file.id}" data-url="${file.url}" tabindex="0" role="option"
      aria-selected="${String(selected)}" data-i18n-title="files.previewHint">
    <img src="${assetUrl(file.url)}" alt="" loading="lazy" width="${file.width}" height="${file.height}">
    <span class="gallery-meta">${file.width}×${file.height} · ${Math.ceil(file.size / 1024)} KB</span>
    ${warn ? html`<span class="size-warning" data-i18n="files.iconSizeWarning"></span>` : ''}
  </li>`;
}
