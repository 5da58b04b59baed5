// Adding a customer in two steps: 1. type the full registered name and see at once whether the
// company is in the CRM and who holds it; 2. fill in the details (the department's required fields
// marked) and save, which returns to step 1 for the next one.

import { html } from '../html.js';
import * as customers from '../api/customers.js';
import * as settingsApi from '../api/settings.js';
import { bindTypeToCategories, customerFields, readNewCustomer, showDuplicate } from '../customer-form.js';
import { customerHref } from '../nav.js';
import { categories } from '../session.js';
import { attempt, debounce, hideError, holderText, msg, show } from '../ui.js';

export async function render(root, _params, { isCurrent }) {
  const [cats, fields] = await Promise.all([categories(), settingsApi.customerFields()]);
  if (!isCurrent()) return;
  let lastAdded = null;

  function stepOne(name = '') {
    show(
      root,
      html`<section class="add-customer" data-step="1">
        <ol class="steps">
          <li class="step active" aria-current="step"><span class="step-no">1</span><span data-i18n="add.step1"></span></li>
          <li class="step"><span class="step-no">2</span><span data-i18n="add.step2"></span></li>
        </ol>
        ${lastAdded
          ? html`<p id="add-saved" class="notice" role="status"><span data-i18n="add.saved"></span>
              <a class="saved-name" href="${customerHref(lastAdded.id)}">${lastAdded.name}</a></p>`
          : ''}
        <form id="check-form" class="panel narrow" novalidate autocomplete="off">
          <div class="field">
            <label for="check-name" data-i18n="add.fullName"></label>
            <input id="check-name" name="name" type="text" maxlength="200" value="${name}" data-i18n-placeholder="add.fullNameHint">
            <p class="hint muted" data-i18n="add.fullNameHelp"></p>
          </div>
          <div id="check-result" class="check-result" aria-live="polite"></div>
          <p id="check-error" class="error" role="alert" hidden></p>
          <div class="actions">
            <button id="check-next" type="submit" class="primary" data-i18n="add.next" disabled></button>
          </div>
        </form>
      </section>`,
    );
    const form = root.querySelector('#check-form');
    const input = form.querySelector('#check-name');
    const result = form.querySelector('#check-result');
    const next = form.querySelector('#check-next');
    const errorBox = form.querySelector('#check-error');
    let controller = null;
    let checked = null; // the name the result belongs to, when it is free

    const check = debounce(() => {
      const value = input.value.trim();
      controller?.abort();
      checked = null;
      next.disabled = true;
      if (value === '') {
        hideError(errorBox);
        result.replaceChildren();
        return;
      }
      controller = new AbortController();
      const { signal } = controller;
      show(result, html`<p class="muted checking" data-i18n="add.checking"></p>`);
      const showAnswer = async () => {
        const answer = await customers.check(value, { signal });
        if (!isCurrent() || input.value.trim() !== value) return;
        show(
          result,
          html`${answer.exists
              ? html`<p id="check-taken" class="check-taken" data-holder-kind="${answer.holder?.kind ?? ''}">
                  <span data-i18n="add.taken"></span> <strong class="holder">${holderText(answer.holder)}</strong></p>`
              : html`<p id="check-free" class="check-free" data-i18n="add.free"></p>`}
            ${answer.similar?.length
              ? html`<div class="similar"><p class="muted" data-i18n="add.similar"></p>
                  <ul class="similar-names">${answer.similar.map((s) => html`<li>${s}</li>`)}</ul></div>`
              : ''}`,
        );
        if (!answer.exists) {
          checked = value;
          next.disabled = false;
        }
      };
      // On failure the error replaces the "checking" line.
      attempt(null, errorBox, showAnswer, { onError: () => void result.replaceChildren() });
    }, 250);

    input.addEventListener('input', check);
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      if (checked && checked === input.value.trim()) stepTwo(checked);
    });
    input.focus();
    if (name) check();
  }

  function stepTwo(name) {
    show(
      root,
      html`<section class="add-customer" data-step="2">
        <ol class="steps">
          <li class="step done"><span class="step-no">1</span><span data-i18n="add.step1"></span></li>
          <li class="step active" aria-current="step"><span class="step-no">2</span><span data-i18n="add.step2"></span></li>
        </ol>
        <form id="customer-form" class="panel" novalidate>
          <p class="hint muted">${msg('add.requiredHint')}</p>
          ${customerFields({ name }, { fields, markRequired: true, categories: cats, prefix: 'add' })}
          <p id="add-error" class="error" role="alert" hidden></p>
          <div class="actions">
            <button type="button" class="secondary" data-action="back" data-i18n="add.back"></button>
            <button id="add-save" type="submit" class="primary" data-i18n="action.save"></button>
          </div>
        </form>
      </section>`,
    );
    const form = root.querySelector('#customer-form');
    const errorBox = form.querySelector('#add-error');
    bindTypeToCategories(form);
    form.querySelector('[data-action="back"]').addEventListener('click', () => stepOne(form.elements.name.value.trim()));
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      const save = async () => {
        const created = await customers.create(readNewCustomer(form));
        if (!isCurrent()) return;
        lastAdded = created;
        stepOne();
      };
      attempt(form, errorBox, save, { onError: (error) => error.status === 409 && showDuplicate(form, errorBox, error, 'add-conflict') });
    });
    form.querySelector('input[name="website"], input[name="phone"]')?.focus();
  }

  stepOne();
}
