// The department tree and each department's positions (name, manage-subordinates flag, roles).

import { html } from '../html.js';
import * as admin from '../api/admin.js';
import { attempt, confirmDialog, formValues, onActions, onSubmit, show, toast } from '../ui.js';
import { departmentSubtree, departmentTree } from '../tree.js';

export async function render(root, _params, { isCurrent }) {
  const [deptList, roleList] = await Promise.all([admin.departments(), admin.roles()]);
  if (!isCurrent()) return;
  let departments = deptList.items ?? [];
  const roles = roleList.items ?? [];
  let selected = departments[0]?.id ?? null;
  let positions = [];

  const roleChecks = (chosen = [], prefix) => html`<ul class="checks">
    ${roles.length === 0 ? html`<li class="muted" data-i18n="roles.empty"></li>` : ''}
    ${roles.map((r) => html`<li><label><input type="checkbox" name="roleIds" value="${r.id}" ${chosen.includes(r.id) ? html`checked` : ''}
      data-prefix="${prefix}"> ${r.name}</label></li>`)}
  </ul>`;

  async function loadPositions() {
    positions = selected ? (await admin.positions(selected)).items ?? [] : [];
  }

  function paint() {
    const dept = departments.find((d) => d.id === selected);
    const banned = dept ? departmentSubtree(departments, dept.id) : new Set();
    show(
      root,
      html`<section class="split admin-departments">
        <aside>
          <ul class="list-box tree" id="dept-tree">
            ${departments.length === 0 ? html`<li class="muted empty" data-i18n="departments.empty"></li>` : ''}
            ${departmentTree(departments).map(
              ({ item: d, depth }) => html`<li><button type="button" class="${`tree-node indent-${Math.min(depth, 3)}`}" data-action="select" data-id="${d.id}"
                aria-current="${String(d.id === selected)}">${'　'.repeat(depth)}${depth > 0 ? '└ ' : ''}${d.name}</button></li>`,
            )}
          </ul>
          <form id="dept-new" class="panel" novalidate>
            <div class="field"><label for="dept-new-name" data-i18n="departments.name"></label>
              <input id="dept-new-name" name="name" type="text" maxlength="100"></div>
            <div class="field"><label for="dept-new-parent" data-i18n="departments.parent"></label>
              <select id="dept-new-parent" name="parentId"><option value="" data-i18n="departments.topLevel"></option>
                ${departmentTree(departments).map(({ item: d, depth }) => html`<option value="${d.id}" ${d.id === selected ? html`selected` : ''}>${'　'.repeat(depth)}${d.name}</option>`)}
              </select></div>
            <p id="dept-new-error" class="error" role="alert" hidden></p>
            <div class="actions"><button type="submit" class="primary" data-i18n="departments.add"></button></div>
          </form>
        </aside>
        <div>
          ${dept
            ? html`<form id="dept-edit" class="panel-flat" novalidate>
                <div class="form-grid">
                  <div class="field"><label for="dept-name" data-i18n="departments.name"></label>
                    <input id="dept-name" name="name" type="text" maxlength="100" value="${dept.name}"></div>
                  <div class="field"><label for="dept-parent" data-i18n="departments.parent"></label>
                    <select id="dept-parent" name="parentId"><option value="" data-i18n="departments.topLevel"></option>
                      ${departmentTree(departments).filter(({ item: d }) => !banned.has(d.id)).map(
                        ({ item: d, depth }) => html`<option value="${d.id}" ${d.id === dept.parentId ? html`selected` : ''}>${'　'.repeat(depth)}${d.name}</option>`,
                      )}</select></div>
                  <div class="field"><label for="dept-order" data-i18n="pages.order"></label>
                    <input id="dept-order" name="sortOrder" type="number" step="1" value="${dept.sortOrder}"></div>
                </div>
                <p id="dept-edit-error" class="error" role="alert" hidden></p>
                <div class="actions">
                  <button type="button" class="danger-outline" data-action="delete-dept" data-i18n="departments.delete"></button>
                  <button type="submit" class="primary" data-i18n="action.save"></button>
                </div>
              </form>
              <h3 data-i18n="positions.title"></h3>
              <ul class="position-list" id="position-list">
                ${positions.length === 0 ? html`<li class="muted" data-i18n="positions.empty"></li>` : ''}
                ${positions.map(
                  (p) => html`<li class="panel position" data-position-id="${p.id}">
                    <form class="position-form" novalidate>
                      <div class="form-grid">
                        <div class="field"><label for="${`pos-name-${p.id}`}" data-i18n="positions.name"></label>
                          <input id="${`pos-name-${p.id}`}" name="name" type="text" maxlength="100" value="${p.name}"></div>
                        <label class="check-field"><input type="checkbox" name="manageSubordinates" ${p.manageSubordinates ? html`checked` : ''}>
                          <span data-i18n="positions.manage"></span></label>
                      </div>
                      <p class="muted hint" data-i18n="positions.roles"></p>
                      ${roleChecks(p.roleIds, `pos-${p.id}`)}
                      <p class="error" role="alert" hidden></p>
                      <div class="actions">
                        <button type="button" class="danger-outline" data-action="delete-position" data-id="${p.id}" data-i18n="positions.delete"></button>
                        <button type="submit" class="primary" data-i18n="action.save"></button>
                      </div>
                    </form>
                  </li>`,
                )}
              </ul>
              <form id="position-new" class="panel" novalidate>
                <h3 data-i18n="positions.add"></h3>
                <div class="form-grid">
                  <div class="field"><label for="pos-new-name" data-i18n="positions.name"></label>
                    <input id="pos-new-name" name="name" type="text" maxlength="100"></div>
                  <label class="check-field"><input type="checkbox" name="manageSubordinates"> <span data-i18n="positions.manage"></span></label>
                </div>
                <p class="muted hint" data-i18n="positions.roles"></p>
                ${roleChecks([], 'pos-new')}
                <p id="position-new-error" class="error" role="alert" hidden></p>
                <div class="actions"><button type="submit" class="primary" data-i18n="positions.add"></button></div>
              </form>`
            : html`<p class="muted" data-i18n="departments.choose"></p>`}
        </div>
      </section>`,
    );
    bind();
  }

  const checkedRoles = (form) => [...form.querySelectorAll('input[name="roleIds"]:checked')].map((el) => Number(el.value));

  async function reload() {
    departments = (await admin.departments()).items ?? [];
    if (!departments.some((d) => d.id === selected)) selected = departments[0]?.id ?? null;
    await loadPositions();
    if (isCurrent()) paint();
  }

  function bind() {
    const create = root.querySelector('#dept-new');
    onSubmit(create, async () => {
      const v = formValues(create);
      const dept = await admin.createDepartment({ name: v.name, parentId: v.parentId ? Number(v.parentId) : null });
      selected = dept.id;
      await reload();
    });
    const edit = root.querySelector('#dept-edit');
    if (edit) {
      onSubmit(edit, async () => {
        const v = formValues(edit);
        await admin.updateDepartment(selected, { name: v.name, parentId: v.parentId ? Number(v.parentId) : null, sortOrder: Number(v.sortOrder) || 0 });
        toast('common.saved');
        await reload();
      });
    }
    for (const form of root.querySelectorAll('.position-form')) {
      onSubmit(form, async () => {
        const id = Number(form.closest('[data-position-id]').dataset.positionId);
        const v = formValues(form);
        await admin.updatePosition(id, { name: v.name, manageSubordinates: v.manageSubordinates, roleIds: checkedRoles(form) });
        toast('common.saved');
        await reload();
      });
    }
    const newPosition = root.querySelector('#position-new');
    if (newPosition) {
      onSubmit(newPosition, async () => {
        const v = formValues(newPosition);
        await admin.createPosition({ departmentId: selected, name: v.name, manageSubordinates: v.manageSubordinates, roleIds: checkedRoles(newPosition) });
        await reload();
      });
    }
  }

  onActions(root, {
    select: async (button) => {
      selected = Number(button.dataset.id);
      await loadPositions();
      if (isCurrent()) paint();
    },
    'delete-dept': async (button) => {
      const dept = departments.find((d) => d.id === selected);
      if (!dept || !(await confirmDialog('departments.confirmDelete', { name: dept.name }))) return;
      await attempt(button, root.querySelector('#dept-edit-error'), async () => {
        await admin.removeDepartment(dept.id);
        await reload();
      });
    },
    'delete-position': async (button) => {
      const position = positions.find((p) => p.id === Number(button.dataset.id));
      if (!position || !(await confirmDialog('positions.confirmDelete', { name: position.name }))) return;
      await attempt(button, button.closest('form').querySelector('.error'), async () => {
        await admin.removePosition(position.id);
        await reload();
      });
    },
  });

  await loadPositions();
  if (isCurrent()) paint();
}
