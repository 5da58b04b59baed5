// The customer's visit plans: add one, cancel or delete one, or log the visit of a pending one.

import { html } from '../../html.js';
import * as visitsApi from '../../api/visits.js';
import { can } from '../../session.js';
import { planFields, readPlan } from '../../plan-form.js';
import { attempt, confirmDialog, onActions, onSubmit, show, time } from '../../ui.js';

export async function render(panel, detail) {
  const { id, isCurrent } = detail;
  if (!can('plans')) {
    show(panel, html`<p class="muted" data-i18n="error.forbiddenPage"></p>`);
    return;
  }

  async function load() {
    const page = await visitsApi.plans({ customerId: id, limit: 200 });
    if (!isCurrent()) return;
    const plans = page.items ?? [];
    show(
      panel,
      html`<form id="plan-form" class="panel-flat" novalidate>
          <h3 data-i18n="plans.add"></h3>
          <div class="form-grid">${planFields('plan')}</div>
          <p id="plan-error" class="error" role="alert" hidden></p>
          <div class="actions"><button type="submit" class="primary" id="plan-save" data-i18n="plans.add"></button></div>
        </form>
        <p id="plans-error" class="error" role="alert" hidden></p>
        <ul id="plan-list" class="plan-list">
          ${plans.length === 0
            ? html`<li class="empty muted" data-i18n="plans.empty"></li>`
            : plans.map(
                (p) => html`<li class="${`plan plan-${p.status}${p.overdue ? ' overdue' : ''}`}" data-plan-id="${p.id}" data-status="${p.status}">
                  <span class="plan-time">${time(p.plannedAt)}</span>
                  <span class="plan-subject">${p.subject}</span>
                  <span class="${`tag status-${p.status}`}" data-i18n="${`plan.status.${p.status}`}"></span>
                  ${p.overdue ? html`<span class="tag tag-fail" data-i18n="plan.overdue"></span>` : ''}
                  ${p.status === 'pending' && can('visits.mine')
                    ? html`<button type="button" class="link" data-action="log-from-plan" data-id="${p.id}" data-i18n="plans.logVisit"></button>`
                    : ''}
                  ${p.status === 'pending' ? html`<button type="button" class="link" data-action="plan-status" data-status="cancelled" data-id="${p.id}" data-i18n="plans.cancel"></button>` : ''}
                  <button type="button" class="link danger-link" data-action="delete-plan" data-id="${p.id}" data-i18n="action.delete"></button>
                  ${p.notes ? html`<p class="plan-notes muted">${p.notes}</p>` : ''}
                </li>`,
              )}
        </ul>`,
    );
    const form = panel.querySelector('#plan-form');
    onSubmit(form, async () => {
      await visitsApi.createPlan(readPlan(form, id));
      if (isCurrent()) await load();
    });
  }

  onActions(panel, {
    'log-from-plan': (button) => detail.showTab('visits', { planId: Number(button.dataset.id) }),
    'plan-status': (button) =>
      attempt(button, panel.querySelector('#plans-error'), async () => {
        await visitsApi.updatePlan(Number(button.dataset.id), { status: button.dataset.status });
        if (isCurrent()) await load();
      }),
    'delete-plan': async (button) => {
      if (!(await confirmDialog('plans.confirmDelete'))) return;
      await attempt(button, panel.querySelector('#plans-error'), async () => {
        await visitsApi.removePlan(Number(button.dataset.id));
        if (isCurrent()) await load();
      });
    },
  });
  await load();
}
