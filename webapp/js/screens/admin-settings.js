// System settings: title and protection days; customer categories with icons; the fields each
// department requires; the default desktop background and shortcuts.

import { html } from '../html.js';
import * as admin from '../api/admin.js';
import * as settingsApi from '../api/settings.js';
import { forget, session } from '../session.js';
import { shortcutEditor } from '../shortcut-editor.js';
import { departmentTree } from '../tree.js';
import { galleryItem, myUploads } from '../uploads.js';
import {
  assetUrl, attempt, confirmDialog, formValues, imageSize, isRecommendedIconSize, onActions, onSubmit, show, showError, toast,
} from '../ui.js';

const SECTIONS = ['general', 'categories', 'required', 'desktop'];

export async function render(root, _params, { isCurrent }) {
  let [settings, cats, required, departments] = await Promise.all([
    settingsApi.get(),
    settingsApi.categories().then((a) => a.items ?? []),
    settingsApi.requiredFields(),
    admin.departments().then((a) => a.items ?? []).catch(() => []),
  ]);
  if (!isCurrent()) return;
  let section = 'general';

  show(
    root,
    html`<section class="admin-settings">
      <div class="tabs" role="tablist">
        ${SECTIONS.map(
          (s) => html`<button type="button" role="tab" class="tab" id="${`settings-tab-${s}`}" data-action="section" data-section="${s}"
            aria-selected="${String(s === section)}" data-i18n="${`settings.tab.${s}`}"></button>`,
        )}
      </div>
      <div id="settings-panel" class="tab-panel"></div>
    </section>`,
  );
  const panel = root.querySelector('#settings-panel');

  const settingsChanged = (next) => {
    settings = next;
    session.settings = next;
    window.dispatchEvent(new CustomEvent('crm:settings-changed'));
  };

  // ---------------------------------------------------------------- general
  function general() {
    show(
      panel,
      html`<form id="settings-general" class="panel narrow" novalidate>
        <div class="field"><label for="settings-title" data-i18n="settings.systemTitle"></label>
          <input id="settings-title" name="systemTitle" type="text" maxlength="100" value="${settings.systemTitle}"></div>
        <div class="field"><label for="settings-days" data-i18n="settings.protectionDays"></label>
          <input id="settings-days" name="protectionDays" type="number" min="0" max="3650" step="1" value="${settings.protectionDays}">
          <p class="hint muted" data-i18n="settings.protectionHelp"></p></div>
        <p id="settings-general-error" class="error" role="alert" hidden></p>
        <div class="actions"><button type="submit" class="primary" data-i18n="action.save"></button></div>
      </form>`,
    );
    const form = panel.querySelector('form');
    onSubmit(form, async () => {
      const v = formValues(form);
      settingsChanged(await settingsApi.update({ systemTitle: v.systemTitle, protectionDays: v.protectionDays === '' ? null : Number(v.protectionDays) }));
      toast('common.saved');
    });
  }

  // ---------------------------------------------------------------- categories
  function categories() {
    const typeSelect = (value) => html`<select name="type">
      <option value="open" ${value === 'open' ? html`selected` : ''} data-i18n="customer.type.open"></option>
      <option value="closed" ${value === 'closed' ? html`selected` : ''} data-i18n="customer.type.closed"></option></select>`;
    show(
      panel,
      html`<p class="hint muted" data-i18n="settings.categoriesHelp"></p>
        <div class="table-wrap"><table class="data categories-table">
          <thead><tr><th data-i18n="settings.icon"></th><th data-i18n="settings.categoryName"></th><th data-i18n="customer.type"></th>
            <th data-i18n="pages.order"></th><th></th></tr></thead>
          <tbody>${cats.map(
            (c) => html`<tr data-category-id="${c.id}">
              <td class="icon-cell">${c.iconUrl ? html`<img class="category-icon" src="${assetUrl(c.iconUrl)}" alt="" width="24" height="24">` : html`<span class="muted">—</span>`}
                <label class="link upload-label"><span data-i18n="settings.uploadIcon"></span>
                  <input type="file" class="visually-hidden" data-upload-icon="${c.id}" accept="image/png,image/jpeg,image/gif,image/webp"></label>
                ${c.iconFileId ? html`<button type="button" class="link danger-link" data-action="clear-icon" data-i18n="action.remove"></button>` : ''}</td>
              <td><input type="text" name="name" value="${c.name}" maxlength="100" aria-label="${c.name}"></td>
              <td>${typeSelect(c.type)}</td>
              <td><input type="number" name="sortOrder" value="${c.sortOrder}" step="1" aria-label="${c.name}"></td>
              <td class="row-actions">
                <button type="button" class="link" data-action="save-category" data-i18n="action.save"></button>
                <button type="button" class="link danger-link" data-action="delete-category" data-i18n="action.delete"></button>
                <p class="error row-error" role="alert" hidden></p>
              </td>
            </tr>`,
          )}</tbody>
        </table></div>
        <form id="category-new" class="panel" novalidate>
          <h3 data-i18n="settings.addCategory"></h3>
          <div class="form-grid">
            <div class="field"><label for="category-new-name" data-i18n="settings.categoryName"></label>
              <input id="category-new-name" name="name" type="text" maxlength="100"></div>
            <div class="field"><label for="category-new-type" data-i18n="customer.type"></label>
              <select id="category-new-type" name="type">
                <option value="open" data-i18n="customer.type.open"></option><option value="closed" data-i18n="customer.type.closed"></option></select></div>
            <div class="field"><label for="category-new-order" data-i18n="pages.order"></label>
              <input id="category-new-order" name="sortOrder" type="number" step="1" value="${(cats.at(-1)?.sortOrder ?? 0) + 10}"></div>
          </div>
          <p class="error" role="alert" hidden></p>
          <div class="actions"><button type="submit" class="primary" data-i18n="settings.addCategory"></button></div>
        </form>`,
    );
    const form = panel.querySelector('#category-new');
    onSubmit(form, async () => {
      const v = formValues(form);
      await settingsApi.createCategory({ name: v.name, type: v.type, sortOrder: Number(v.sortOrder) || 0 });
      await reloadCategories();
    });
    panel.querySelectorAll('[data-upload-icon]').forEach((input) =>
      input.addEventListener('change', () => {
        const file = input.files?.[0];
        if (!file) return;
        attempt(null, input.closest('tr').querySelector('.row-error'), async () => {
          const size = await imageSize(file);
          const stored = await settingsApi.uploadImage(file, 'category');
          await settingsApi.updateCategory(Number(input.dataset.uploadIcon), { iconFileId: stored.id });
          if (size && !isRecommendedIconSize(size.width, size.height)) toast('files.iconSizeWarningLong', size);
          await reloadCategories();
        });
      }),
    );
  }

  async function reloadCategories() {
    cats = (await settingsApi.categories()).items ?? [];
    forget('categories');
    if (isCurrent() && section === 'categories') categories();
  }

  // ---------------------------------------------------------------- required fields
  function requiredFields(departmentId = departments[0]?.id ?? null) {
    const own = required.departments.find((d) => d.departmentId === departmentId);
    const fields = own ? own.fields : required.defaultFields;
    show(
      panel,
      html`<form id="required-form" class="panel narrow" novalidate>
        <p class="hint muted">${html`<span data-i18n="settings.requiredHelp"></span>`}
          ${required.defaultFields.map((f) => html`<span class="tag" data-i18n="${`customer.${f}`}"></span> `)}</p>
        <div class="field"><label for="required-department" data-i18n="settings.department"></label>
          <select id="required-department" name="departmentId">
            ${departments.length === 0 ? html`<option value="" data-i18n="departments.empty"></option>` : ''}
            ${departmentTree(departments).map(({ item: dept, depth }) => html`<option value="${dept.id}" ${dept.id === departmentId ? html`selected` : ''}>${'　'.repeat(depth)}${dept.name}</option>`)}
          </select></div>
        <p class="muted hint" data-i18n="${own ? 'settings.requiredOwn' : 'settings.requiredDefault'}"></p>
        <ul class="checks">
          ${required.fields.map(
            (f) => html`<li><label><input type="checkbox" name="fields" value="${f}" ${fields.includes(f) ? html`checked` : ''} ${f === 'name' ? html`disabled checked` : ''}>
              <span data-i18n="${`customer.${f}`}"></span></label></li>`,
          )}
        </ul>
        <p class="error" role="alert" hidden></p>
        <div class="actions"><button type="submit" class="primary" data-i18n="action.save" ${departmentId ? '' : html`disabled`}></button></div>
      </form>`,
    );
    const form = panel.querySelector('form');
    form.elements.departmentId.addEventListener('change', () => requiredFields(Number(form.elements.departmentId.value)));
    onSubmit(form, async () => {
      const chosen = ['name', ...[...form.querySelectorAll('input[name="fields"]:checked:not(:disabled)')].map((el) => el.value)];
      await settingsApi.setRequiredFields(departmentId, chosen);
      required = await settingsApi.requiredFields();
      toast('common.saved');
      if (isCurrent()) requiredFields(departmentId);
    });
  }

  // ---------------------------------------------------------------- default desktop
  async function desktopDefaults() {
    const uploads = await myUploads('background');
    if (!isCurrent() || section !== 'desktop') return;
    const current = settings.defaultBackgroundFileId ?? null;
    const files = [...uploads];
    if (current && !files.some((f) => f.id === current)) files.unshift({ id: current, url: `/api/v1/files/${current}`, width: 0, height: 0, size: 0 });
    show(
      panel,
      html`<h3 data-i18n="settings.defaultBackground"></h3>
        <form id="default-background" class="toolbar" novalidate>
          <label for="default-background-file" data-i18n="files.uploadBackground"></label>
          <input id="default-background-file" type="file" accept="image/png,image/jpeg,image/gif,image/webp">
          <button type="submit" class="secondary" data-i18n="settings.uploadAndUse"></button>
          <button type="button" class="secondary" data-action="builtin-background" data-i18n="settings.builtinBackground" ${current ? '' : html`disabled`}></button>
        </form>
        <p class="error" id="default-background-error" role="alert" hidden></p>
        <ul class="gallery" id="default-gallery" role="listbox">
          ${files.map((f) => galleryItem(f, { selected: f.id === current }))}
        </ul>
        <p class="hint muted" data-i18n="settings.clickToUse"></p>
        <h3 data-i18n="settings.defaultShortcuts"></h3>
        <div id="default-shortcuts"></div>`,
    );
    const form = panel.querySelector('#default-background');
    const box = panel.querySelector('#default-background-error');
    const setBackground = async (fileId) => {
      settingsChanged(await settingsApi.update({ defaultBackgroundFileId: fileId }));
      toast('common.saved');
      if (isCurrent()) desktopDefaults();
    };
    onSubmit(form, async () => {
      const file = form.querySelector('input[type="file"]').files?.[0];
      if (!file) {
        showError(box, 'import.chooseFile');
        return;
      }
      const stored = await settingsApi.uploadImage(file, 'background');
      await setBackground(stored.id);
    }, { box });
    panel.querySelector('#default-gallery').addEventListener('click', (event) => {
      const item = event.target.closest('.gallery-item');
      if (item) attempt(null, box, () => setBackground(Number(item.dataset.fileId)));
    });
    shortcutEditor(panel.querySelector('#default-shortcuts'), {
      shortcuts: settings.defaultShortcuts.map((s) => ({ ...s, iconUrl: s.iconFileId ? `/api/v1/files/${s.iconFileId}` : null })),
      save: async (list) => {
        try {
          settingsChanged(await settingsApi.update({ defaultShortcuts: list }));
          toast('common.saved');
        } catch (error) {
          // The settings name the list `defaultShortcuts`; the editor's rows are `shortcuts[i]`.
          for (const e of error?.errors ?? []) e.field = String(e.field).replace(/^defaultShortcuts/, 'shortcuts');
          throw error;
        }
      },
    });
  }

  async function showSection(next) {
    section = next;
    for (const b of root.querySelectorAll('[data-action="section"]')) b.setAttribute('aria-selected', String(b.dataset.section === next));
    if (next === 'general') general();
    else if (next === 'categories') categories();
    else if (next === 'required') requiredFields();
    else await desktopDefaults();
  }

  onActions(root, {
    section: (button) => showSection(button.dataset.section).catch((error) => showError(panel, error)),
    'save-category': async (button) => {
      const row = button.closest('tr');
      const c = cats.find((x) => x.id === Number(row.dataset.categoryId));
      const body = {};
      const name = row.querySelector('[name="name"]').value.trim();
      if (name !== c.name) body.name = name;
      const type = row.querySelector('[name="type"]').value;
      if (type !== c.type) body.type = type;
      const order = Number(row.querySelector('[name="sortOrder"]').value);
      if (order !== c.sortOrder) body.sortOrder = order;
      if (Object.keys(body).length === 0) return toast('common.noChanges');
      await attempt(button, row.querySelector('.row-error'), async () => {
        await settingsApi.updateCategory(c.id, body);
        toast('common.saved');
        await reloadCategories();
      });
    },
    'clear-icon': async (button) => {
      const row = button.closest('tr');
      await attempt(button, row.querySelector('.row-error'), async () => {
        await settingsApi.updateCategory(Number(row.dataset.categoryId), { iconFileId: null });
        await reloadCategories();
      });
    },
    'delete-category': async (button) => {
      const row = button.closest('tr');
      const c = cats.find((x) => x.id === Number(row.dataset.categoryId));
      if (!(await confirmDialog('settings.confirmDeleteCategory', { name: c.name }))) return;
      await attempt(button, row.querySelector('.row-error'), async () => {
        await settingsApi.removeCategory(c.id);
        await reloadCategories();
      });
    },
    'builtin-background': async (button) => {
      await attempt(button, panel.querySelector('#default-background-error'), async () => {
        settingsChanged(await settingsApi.update({ defaultBackgroundFileId: null }));
        if (isCurrent()) desktopDefaults();
      });
    },
  });

  await showSection('general');
}
