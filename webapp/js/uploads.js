// The signed-in user's uploaded images (GET /api/v1/me/files?purpose=), shown as galleries.

import { html } from './html.js';
import * as auth from './api/auth.js';
import { assetUrl, isRecommendedIconSize } from './ui.js';

/** The user's uploads of one purpose ('background' | 'icon'), newest first. */
export const myUploads = async (purpose) => (await auth.myFiles(purpose)).items ?? [];

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
