// Users: create, change display name and position, disable or enable, reset the password.

import { html } from '../html.js';
import * as admin from '../api/admin.js';
import { pager } from '../pager.js';
import { attempt, confirmDialog, formDialog, formValues, onActions, onSubmit, show, time, toast } from '../ui.js';
import { departmentTree } from '../tree.js';

export async function render(root, _params, { isCurrent }) {
  const [deptList, positionList] = await Promise.all([admin.departments(), admin.positions()]);
  if (!isCurrent()) return;
  const departments = deptList.items ?? [];
  const positions = positionList.items ?? [];

  /** Positions grouped by department, in tree order. */
  const positionOptions = (selected) => html`<option value="" data-i18n="users.unassigned"></option>
    ${departmentTree(departments).map(({ item: dept, depth }) => {
      const own = positions.filter((p) => p.departmentId === dept.id);
      return own.length === 0
        ? ''
        : html`<optgroup label="${`${'　'.repeat(depth)}${dept.name}`}">
            ${own.map((p) => html`<option value="${p.id}" ${p.id === selected ? html`selected` : ''}>${p.name}</option>`)}
          </optgroup>`;
    })}`;

  show(
    root,
    html`<section class="admin-users">
      <details class="panel" id="user-new-panel">
        <summary data-i18n="users.add"></summary>
        <form id="user-new" novalidate autocomplete="off">
          <div class="form-grid">
            <div class="field"><label for="user-new-username" data-i18n="login.username"></label>
              <input id="user-new-username" name="username" type="text" maxlength="64" autocapitalize="none" spellcheck="false"></div>
            <div class="field"><label for="user-new-display" data-i18n="users.displayName"></label>
              <input id="user-new-display" name="displayName" type="text" maxlength="100"></div>
            <div class="field"><label for="user-new-password" data-i18n="login.password"></label>
              <input id="user-new-password" name="password" type="password" autocomplete="new-password" maxlength="72"></div>
            <div class="field"><label for="user-new-position" data-i18n="users.position"></label>
              <select id="user-new-position" name="positionId">${positionOptions(null)}</select></div>
          </div>
          <p id="user-new-error" class="error" role="alert" hidden></p>
          <div class="actions"><button type="submit" class="primary" data-i18n="users.add"></button></div>
        </form>
      </details>
      <p id="users-error" class="error" role="alert" hidden></p>
      <div class="table-wrap">
        <table class="data users-table">
          <thead><tr><th data-i18n="login.username"></th><th data-i18n="users.displayName"></th><th data-i18n="users.position"></th>
            <th data-i18n="users.status"></th><th class="hide-narrow" data-i18n="users.createdAt"></th><th></th></tr></thead>
          <tbody id="user-rows"></tbody>
        </table>
      </div>
      <div class="list-footer"><span></span><button type="button" class="secondary" id="users-more" hidden data-i18n="action.more"></button></div>
    </section>`,
  );

  const rows = root.querySelector('#user-rows');

  function paint(users) {
    show(
      rows,
      html`${users.map(
        (u) => html`<tr data-user-id="${u.id}" data-username="${u.username}" class="${u.active ? '' : 'inactive'}">
          <td><code>${u.username}</code> ${u.isAdmin ? html`<span class="badge badge-admin" data-i18n="whoami.admin"></span>` : ''}</td>
          <td><input type="text" name="displayName" value="${u.displayName}" maxlength="100" aria-label="${u.username}"></td>
          <td><select name="positionId" aria-label="${u.username}" ${u.isAdmin ? html`disabled` : ''}>${positionOptions(u.positionId ?? null)}</select></td>
          <td><span class="${`tag ${u.active ? 'tag-ok' : 'tag-fail'}`}" data-i18n="${u.active ? 'users.active' : 'users.disabled'}"></span></td>
          <td class="hide-narrow">${time(u.createdAt, 'date')}</td>
          <td class="row-actions">
            <button type="button" class="link" data-action="save" data-i18n="action.save"></button>
            ${u.isAdmin
              ? ''
              : html`<button type="button" class="link ${u.active ? 'danger-link' : ''}" data-action="toggle-active"
                  data-i18n="${u.active ? 'users.disable' : 'users.enable'}"></button>`}
            <button type="button" class="link" data-action="reset-password" data-i18n="users.resetPassword"></button>
            <p class="error row-error" role="alert" hidden></p>
          </td>
        </tr>`,
      )}`,
    );
  }

  const users = pager({
    fetch: (cursor) => admin.users({ limit: 100, cursor }),
    paint,
    more: root.querySelector('#users-more'),
    box: root.querySelector('#users-error'),
  });

  const create = root.querySelector('#user-new');
  onSubmit(create, async () => {
    const v = formValues(create);
    const body = { username: v.username, displayName: v.displayName, password: create.elements.password.value };
    if (v.positionId) body.positionId = Number(v.positionId);
    await admin.createUser(body);
    create.reset();
    toast('users.created');
    await users.reload();
  });

  const rowOf = (button) => {
    const row = button.closest('tr');
    return { row, user: users.items.find((u) => u.id === Number(row.dataset.userId)), box: row.querySelector('.row-error') };
  };

  onActions(root, {
    save: async (button) => {
      const { row, user, box } = rowOf(button);
      const body = {};
      const displayName = row.querySelector('[name="displayName"]').value.trim();
      if (displayName !== user.displayName) body.displayName = displayName;
      const select = row.querySelector('[name="positionId"]');
      const positionId = select.value ? Number(select.value) : null;
      if (!select.disabled && positionId !== (user.positionId ?? null)) body.positionId = positionId;
      if (Object.keys(body).length === 0) {
        toast('common.noChanges');
        return;
      }
      await attempt(button, box, async () => {
        await admin.updateUser(user.id, body);
        toast('common.saved');
        await users.reload();
      });
    },
    'toggle-active': async (button) => {
      const { user, box } = rowOf(button);
      if (user.active && !(await confirmDialog('users.confirmDisable', { name: user.displayName }))) return;
      await attempt(button, box, async () => {
        await admin.updateUser(user.id, { active: !user.active });
        await users.reload();
      });
    },
    'reset-password': (button) => {
      const { user } = rowOf(button);
      const fields = html`<div class="field"><label for="reset-password" data-i18n="password.new"></label>
        <input id="reset-password" name="password" type="password" autocomplete="new-password" maxlength="72"></div>`;
      formDialog('reset-form', html`<span data-i18n="users.resetPassword"></span>: ${user.displayName}`, fields, async (form) => {
        await admin.resetPassword(user.id, form.elements.password.value);
        toast('users.passwordReset');
      });
    },
  });

  await users.reload();
}
