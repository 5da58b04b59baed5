// Lists read a page at a time behind a "more" button, as every list endpoint pages: by cursor.

import { attempt } from './ui.js';

/**
 * A list read a page at a time from an endpoint answering {items, nextCursor}: `fetch(cursor,
 * query)` reads a page (the first without a cursor), `paint(items)` draws every item loaded so
 * far, and the `more` button, shown while there is a next page, appends the next page of the
 * same query. Failures show in `box`.
 */
export function pager({ fetch, paint, more, box }) {
  let items = [];
  let query;
  let cursor = null;
  let generation = 0;
  let loading = false;

  async function load(append) {
    const ticket = append ? generation : ++generation;
    if (!append) loading = true;
    try {
      const page = await fetch(append ? cursor : undefined, query);
      if (ticket !== generation) return;
      items = append ? [...items, ...(page.items ?? [])] : page.items ?? [];
      cursor = page.nextCursor ?? null;
    } finally {
      // A newer first page replaces this one; a screen left behind is not painted.
      if (ticket === generation && more.isConnected) {
        loading = false;
        more.hidden = !cursor;
        await paint(items);
      }
    }
  }

  more.addEventListener('click', () => attempt(more, box, () => load(true)));
  return {
    get items() {
      return items;
    },
    /** Whether the first page is on its way. */
    get loading() {
      return loading;
    },
    /** Reads the first page for `query`; `clear` empties the list at once rather than when it comes. */
    reload(next, { clear = false } = {}) {
      query = next;
      if (clear) {
        items = [];
        cursor = null;
        more.hidden = true;
      }
      return attempt(null, box, () => load(false));
    },
  };
}
