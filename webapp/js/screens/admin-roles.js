// Roles: add, rename, delete, and tick the pages each role grants (PUT /roles/{id}/pages).

import { html } from '../html.js';
import * as admin from '../api/admin.js';
import { attempt, confirmDialog, formValues, onActions, onSubmit, show, toast } from '../ui.js';
import { pageTree } from '../tree.js';

export async function render(root, _params, { isCurrent }) {
  let [roles, pages] = await Promise.all([admin.roles(), admin.pages()]).then(([r, p]) => [r.items ?? [], p.items ?? []]);
  if (!isCurrent()) return;
  let selected = roles[0]?.id ?? null;

  function paint() {
    const role = roles.find((r) => r.id === selected);
    show(
      root,
      html`<section class="split admin-roles">
        <aside>
          <ul class="list-box tree" id="role-list">
            ${roles.length === 0 ? html`<li class="muted empty" data-i18n="roles.empty"></li>` : ''}
            ${roles.map(
              (r) => html`<li><button type="button" class="tree-node" data-action="select" data-id="${r.id}"
                aria-current="${String(r.id === selected)}">${r.name} <span class="muted">(${r.menuIds.length})</span></button></li>`,
            )}
          </ul>
          <form id="role-new" class="panel" novalidate>
            <div class="field"><label for="role-new-name" data-i18n="roles.name"></label>
              <input id="role-new-name" name="name" type="text" maxlength="100"></div>
            <p id="role-new-error" class="error" role="alert" hidden></p>
            <div class="actions"><button type="submit" class="primary" data-i18n="roles.add"></button></div>
          </form>
        </aside>
        <div>
          ${role
            ? html`<form id="role-edit" class="panel-flat" novalidate data-role-id="${role.id}">
                <div class="form-grid">
                  <div class="field"><label for="role-name" data-i18n="roles.name"></label>
                    <input id="role-name" name="name" type="text" maxlength="100" value="${role.name}"></div>
                  <div class="field"><label for="role-description" data-i18n="roles.description"></label>
                    <input id="role-description" name="description" type="text" maxlength="500" value="${role.description ?? ''}"></div>
                </div>
                <p id="role-edit-error" class="error" role="alert" hidden></p>
                <div class="actions">
                  <button type="button" class="danger-outline" data-action="delete" data-i18n="roles.delete"></button>
                  <button type="submit" class="primary" data-i18n="action.save"></button>
                </div>
              </form>
              <form id="role-pages" novalidate>
                <h3 data-i18n="roles.pages"></h3>
                <p class="hint muted" data-i18n="roles.pagesHelp"></p>
                <ul class="checks">
                  ${pageTree(pages).map(
                    ({ item: page, depth }) => html`<li class="${`depth-${Math.min(depth, 2)}`}"><label>
                      <input type="checkbox" name="menuIds" value="${page.menuId}" ${role.menuIds.includes(page.menuId) ? html`checked` : ''}>
                      <span>${'　'.repeat(depth)}${page.title}</span> <code class="muted">${page.menuId}</code>
                      ${page.checkPermission ? '' : html`<span class="tag" data-i18n="roles.open"></span>`}
                    </label></li>`,
                  )}
                </ul>
                <p id="role-pages-error" class="error" role="alert" hidden></p>
                <div class="actions"><button type="submit" class="primary" id="role-pages-save" data-i18n="roles.savePages"></button></div>
              </form>`
            : html`<p class="muted" data-i18n="roles.choose"></p>`}
        </div>
      </section>`,
    );
    bind();
  }

  async function reload() {
    roles = (await admin.roles()).items ?? [];
    if (!roles.some((r) => r.id === selected)) selected = roles[0]?.id ?? null;
    if (isCurrent()) paint();
  }

  function bind() {
    const create = root.querySelector('#role-new');
    onSubmit(create, async () => {
      const role = await admin.createRole({ name: formValues(create).name });
      selected = role.id;
      await reload();
    });
    const edit = root.querySelector('#role-edit');
    if (edit) {
      onSubmit(edit, async () => {
        const v = formValues(edit);
        await admin.updateRole(selected, { name: v.name, description: v.description });
        toast('common.saved');
        await reload();
      });
    }
    const grants = root.querySelector('#role-pages');
    if (grants) {
      onSubmit(grants, async () => {
        const menuIds = [...grants.querySelectorAll('input[name="menuIds"]:checked')].map((el) => el.value);
        await admin.setRolePages(selected, menuIds);
        toast('common.saved');
        await reload();
        window.dispatchEvent(new CustomEvent('crm:menu-changed'));
      });
    }
  }

  onActions(root, {
    select: (button) => {
      selected = Number(button.dataset.id);
      paint();
    },
    delete: async (button) => {
      const role = roles.find((r) => r.id === selected);
      if (!role || !(await confirmDialog('roles.confirmDelete', { name: role.name }))) return;
      await attempt(button, root.querySelector('#role-edit-error'), async () => {
        await admin.removeRole(role.id);
        await reload();
      });
    },
  });

  paint();
}
