// The page tree editor: title, parent, order, icon, URL and the two flags of every page
// (checkPermission, showInMenu); custom pages can be added and deleted, built-in ones not.

import { html } from '../html.js';
import * as admin from '../api/admin.js';
import { attempt, confirmDialog, formValues, onActions, onSubmit, show, toast } from '../ui.js';
import { pageSubtree, pageTree } from '../tree.js';

export async function render(root, _params, { isCurrent }) {
  let pages = (await admin.pages()).items ?? [];
  if (!isCurrent()) return;

  const parentOptions = (exclude, selected) => {
    const banned = exclude ? pageSubtree(pages, exclude) : new Set();
    return html`<option value="" data-i18n="pages.topLevel"></option>
      ${pageTree(pages)
        .filter(({ item: page }) => !banned.has(page.menuId))
        .map(({ item: page, depth }) => html`<option value="${page.menuId}" ${page.menuId === selected ? html`selected` : ''}>${'　'.repeat(depth)}${page.title} (${page.menuId})</option>`)}`;
  };

  function paint() {
    show(
      root,
      html`<section class="admin-pages">
        <p class="hint muted" data-i18n="pages.help"></p>
        <details class="panel" id="page-new-panel">
          <summary data-i18n="pages.add"></summary>
          <form id="page-new" novalidate>
            <div class="form-grid">
              <div class="field"><label for="new-menu-id" data-i18n="pages.menuId"></label>
                <input id="new-menu-id" name="menuId" type="text" maxlength="64" pattern="[A-Za-z0-9._-]+"></div>
              <div class="field"><label for="new-title" data-i18n="pages.title"></label>
                <input id="new-title" name="title" type="text" maxlength="100"></div>
              <div class="field"><label for="new-parent" data-i18n="pages.parent"></label>
                <select id="new-parent" name="parentId">${parentOptions(null, '')}</select></div>
              <div class="field"><label for="new-order" data-i18n="pages.order"></label>
                <input id="new-order" name="sortOrder" type="number" step="1" value="0"></div>
              <div class="field field-wide"><label for="new-url" data-i18n="pages.url"></label>
                <input id="new-url" name="url" type="text" maxlength="2000" placeholder="https://"></div>
              <label class="check-field"><input type="checkbox" name="checkPermission" checked> <span data-i18n="pages.checkPermission"></span></label>
              <label class="check-field"><input type="checkbox" name="showInMenu" checked> <span data-i18n="pages.showInMenu"></span></label>
            </div>
            <p id="page-new-error" class="error" role="alert" hidden></p>
            <div class="actions"><button type="submit" class="primary" data-i18n="pages.add"></button></div>
          </form>
        </details>
        <div class="table-wrap">
          <table class="data pages-table">
            <thead><tr>
              <th data-i18n="pages.title"></th><th data-i18n="pages.menuId"></th><th data-i18n="pages.parent"></th>
              <th data-i18n="pages.order"></th><th data-i18n="pages.checkPermission"></th><th data-i18n="pages.showInMenu"></th>
              <th data-i18n="pages.url"></th><th></th>
            </tr></thead>
            <tbody>
              ${pageTree(pages).map(
                ({ item: page, depth }) => html`<tr data-menu-id="${page.menuId}">
                  <td class="${`indent-${Math.min(depth, 3)}`}">
                    <input type="text" name="title" value="${page.title}" maxlength="100" aria-label="${page.menuId}">
                  </td>
                  <td><code>${page.menuId}</code> ${page.builtIn ? html`<span class="tag" data-i18n="pages.builtIn"></span>` : ''}</td>
                  <td><select name="parentId" aria-label="${page.menuId}">${parentOptions(page.menuId, page.parentId ?? '')}</select></td>
                  <td><input type="number" name="sortOrder" value="${page.sortOrder}" step="1" aria-label="${page.menuId}"></td>
                  <td><input type="checkbox" name="checkPermission" ${page.checkPermission ? html`checked` : ''} aria-label="${page.menuId}"></td>
                  <td><input type="checkbox" name="showInMenu" ${page.showInMenu ? html`checked` : ''} aria-label="${page.menuId}"></td>
                  <td><input type="text" name="url" value="${page.url ?? ''}" maxlength="2000" aria-label="${page.menuId}"></td>
                  <td class="row-actions">
                    <button type="button" class="link" data-action="save" data-i18n="action.save"></button>
                    ${page.builtIn ? '' : html`<button type="button" class="link danger-link" data-action="delete" data-i18n="action.delete"></button>`}
                    <p class="error row-error" role="alert" hidden></p>
                  </td>
                </tr>`,
              )}
            </tbody>
          </table>
        </div>
      </section>`,
    );

    const form = root.querySelector('#page-new');
    onSubmit(form, async () => {
      const v = formValues(form);
      const body = {
        menuId: v.menuId, title: v.title, parentId: v.parentId || null, sortOrder: Number(v.sortOrder) || 0,
        checkPermission: v.checkPermission, showInMenu: v.showInMenu,
      };
      if (v.url) body.url = v.url;
      await admin.createPage(body);
      await reload();
      toast('common.saved');
    });
  }

  async function reload() {
    pages = (await admin.pages()).items ?? [];
    if (!isCurrent()) return;
    paint();
    window.dispatchEvent(new CustomEvent('crm:menu-changed'));
  }

  function rowChanges(row, page) {
    const get = (name) => row.querySelector(`[name="${name}"]`);
    const body = {};
    const title = get('title').value.trim();
    if (title !== page.title) body.title = title;
    const parent = get('parentId').value || null;
    if (parent !== (page.parentId ?? null)) body.parentId = parent;
    const order = Number(get('sortOrder').value);
    if (order !== page.sortOrder) body.sortOrder = order;
    if (get('checkPermission').checked !== page.checkPermission) body.checkPermission = get('checkPermission').checked;
    if (get('showInMenu').checked !== page.showInMenu) body.showInMenu = get('showInMenu').checked;
    const url = get('url').value.trim();
    if (url !== (page.url ?? '')) body.url = url === '' ? null : url;
    return body;
  }

  onActions(root, {
    save: async (button) => {
      const row = button.closest('tr');
      const page = pages.find((p) => p.menuId === row.dataset.menuId);
      const body = rowChanges(row, page);
      if (Object.keys(body).length === 0) {
        toast('common.noChanges');
        return;
      }
      await attempt(button, row.querySelector('.row-error'), async () => {
        await admin.updatePage(page.menuId, body);
        toast('common.saved');
        await reload();
      });
    },
    delete: async (button) => {
      const row = button.closest('tr');
      if (!(await confirmDialog('pages.confirmDelete', { menuId: row.dataset.menuId }))) return;
      await attempt(button, row.querySelector('.row-error'), async () => {
        await admin.removePage(row.dataset.menuId);
        await reload();
      });
    },
  });

  paint();
}
