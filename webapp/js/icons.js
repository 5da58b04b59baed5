// Built-in glyphs for pages without an uploaded icon: trusted static SVG, chosen by menu ID.

import { htmlRaw } from './html.js';

const paths = {
  customers: 'M16 11a4 4 0 1 0-4-4 4 4 0 0 0 4 4Zm-8 1a3 3 0 1 0-3-3 3 3 0 0 0 3 3Zm8 2c-3.3 0-7 1.6-7 4v2h14v-2c0-2.4-3.7-4-7-4Zm-8 0c-.5 0-1 0-1.6.1A5 5 0 0 1 8 18v2H1v-2c0-2 3.5-4 7-4Z',
  add: 'M11 5h2v6h6v2h-6v6h-2v-6H5v-2h6z',
  public: 'M12 2a10 10 0 1 0 10 10A10 10 0 0 0 12 2Zm6.9 9h-3a15 15 0 0 0-1.3-5.6A8 8 0 0 1 18.9 11ZM12 4c.9 1.2 1.8 3.5 2 7h-4c.2-3.5 1.1-5.8 2-7ZM4.1 13h3a15 15 0 0 0 1.3 5.6A8 8 0 0 1 4.1 13Zm3-2h-3a8 8 0 0 1 4.3-5.6A15 15 0 0 0 7.1 11Zm4.9 9c-.9-1.2-1.8-3.5-2-7h4c-.2 3.5-1.1 5.8-2 7Zm3.6-1.4A15 15 0 0 0 16.9 13h3a8 8 0 0 1-4.3 5.6Z',
  search: 'M10 3a7 7 0 0 1 5.6 11.2l5.1 5.1-1.4 1.4-5.1-5.1A7 7 0 1 1 10 3Zm0 2a5 5 0 1 0 0 10 5 5 0 0 0 0-10Z',
  import: 'M11 3h2v9l3.3-3.3 1.4 1.4L12 15.8l-5.7-5.7 1.4-1.4L11 12zM4 17h16v4H4z',
  plans: 'M7 2h2v2h6V2h2v2h3v18H4V4h3zm-1 8v10h12V10zm2 2h3v3H8z',
  visits: 'M12 2a7 7 0 0 1 7 7c0 5-7 13-7 13S5 14 5 9a7 7 0 0 1 7-7Zm0 4a3 3 0 1 0 0 6 3 3 0 0 0 0-6Z',
  reports: 'M4 20V10h3v10zm6 0V4h3v16zm6 0v-7h3v7z',
  admin: 'M12 1 3 5v6c0 5.5 3.8 10.7 9 12 5.2-1.3 9-6.5 9-12V5zm0 6a3 3 0 1 1-3 3 3 3 0 0 1 3-3Zm0 8c2 0 5 1 5 2.5A7.7 7.7 0 0 1 12 21a7.7 7.7 0 0 1-5-3.5C7 16 10 15 12 15Z',
  personal: 'M12 12a5 5 0 1 0-5-5 5 5 0 0 0 5 5Zm0 2c-4 0-8 2-8 5v3h16v-3c0-3-4-5-8-5Z',
  page: 'M6 2h9l5 5v15H6zm8 1.5V8h4.5z',
};

function glyphFor(menuId) {
  const id = String(menuId ?? '');
  if (id === 'customers.add') return 'add';
  if (id === 'customers.public') return 'public';
  if (id === 'customers.search' || id === 'visits.query') return 'search';
  if (id === 'customers.import') return 'import';
  if (id === 'plans') return 'plans';
  const group = id.split('.')[0];
  return Object.hasOwn(paths, group) ? group : 'page';
}

/** A 24×24 SVG glyph for the page, as trusted markup. */
export function pageGlyph(menuId) {
  const name = glyphFor(menuId);
  return htmlRaw(
    `<svg class="glyph glyph-${name}" viewBox="0 0 24 24" width="24" height="24" aria-hidden="true" focusable="false"><path d="${paths[name]}" fill="currentColor"/></svg>`,
  );
}

/** The colour family of a page's tile, by the first part of its menu ID. */
export const glyphGroup = (menuId) => String(menuId ?? '').split('.')[0] || 'page';
