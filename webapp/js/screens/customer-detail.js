// One customer: the head (who holds it, what may be done to it) over five tabs, each a module of
// customer-detail/: its data, contacts, visit records, plans and the history of its owners.

import { html } from '../html.js';
import * as customers from '../api/customers.js';
import * as settingsApi from '../api/settings.js';
import { hashQuery, navigate } from '../nav.js';
import { can, categories, session } from '../session.js';
import { attempt, confirmDialog, hideError, onActions, show, showError, toast } from '../ui.js';
import * as contactsTab from './customer-detail/contacts-tab.js';
import * as dataTab from './customer-detail/data-tab.js';
import { header } from './customer-detail/header.js';
import * as historyTab from './customer-detail/history-tab.js';
import * as plansTab from './customer-detail/plans-tab.js';
import * as visitsTab from './customer-detail/visits-tab.js';

const TABS = { data: dataTab, contacts: contactsTab, visits: visitsTab, plans: plansTab, history: historyTab };

export async function render(root, { id }, { isCurrent, setTitle }) {
  let customer;
  try {
    customer = await customers.get(id);
  } catch (error) {
    if (!isCurrent()) return;
    show(root, html`<p id="detail-error" class="error" role="alert"></p>`);
    showError(root.querySelector('#detail-error'), error?.status === 404 ? 'customer.notFound' : error);
    return;
  }
  const [cats, fields] = await Promise.all([categories(), settingsApi.customerFields()]);
  if (!isCurrent()) return;
  let current = 'data';

  const paintHead = () => {
    show(root.querySelector('#detail-head'), header(customer, cats));
    setTitle(html`<span data-i18n="customer.detail.title"></span> · <span class="title-name">${customer.name}</span>`);
  };

  /** What every tab is given. */
  const detail = {
    id,
    categories: cats,
    fields,
    mayEdit: can('customers.edit') && (customer.ownerId ? true : session.me.isAdmin),
    isCurrent,
    get customer() {
      return customer;
    },
    setCustomer(next) {
      customer = next;
      paintHead();
    },
    async reloadCustomer() {
      const next = await customers.get(id);
      if (isCurrent()) detail.setCustomer(next);
    },
    showTab,
  };

  /** Opens `tab` in a fresh panel, so the listeners of the tab before die with its panel. */
  async function showTab(tab, options) {
    current = tab;
    for (const button of root.querySelectorAll('[data-action="tab"]')) button.setAttribute('aria-selected', String(button.dataset.tab === tab));
    const panel = document.createElement('div');
    Object.assign(panel, { id: 'tab-panel', className: 'tab-panel' });
    panel.setAttribute('role', 'tabpanel');
    panel.dataset.tab = tab;
    root.querySelector('#tab-panel').replaceWith(panel);
    show(panel, html`<p class="loading" data-i18n="home.loading"></p>`);
    try {
      await TABS[tab].render(panel, detail, options);
    } catch (error) {
      if (!isCurrent()) return;
      show(panel, html`<p class="error" role="alert"></p>`);
      showError(panel.firstElementChild, error);
    }
  }

  show(
    root,
    html`<section class="customer-detail" data-customer-id="${customer.id}">
      <div id="detail-head"></div>
      <div class="tabs" role="tablist">
        ${Object.keys(TABS).map(
          (tab) => html`<button type="button" role="tab" class="tab" id="${`tab-${tab}`}" data-action="tab" data-tab="${tab}"
            aria-selected="${String(tab === current)}" aria-controls="tab-panel" data-i18n="${`detail.tab.${tab}`}"></button>`,
        )}
      </div>
      <div id="tab-panel" class="tab-panel" role="tabpanel"></div>
    </section>`,
  );
  paintHead();

  onActions(root, {
    tab: (button) => showTab(button.dataset.tab),
    bulk: async (button) => {
      const op = button.dataset.op;
      const errorBox = root.querySelector('#head-error');
      hideError(errorBox);
      if (op === 'release' && !(await confirmDialog('bulk.confirmRelease', { count: 1 }))) return;
      const answer = await attempt(button, errorBox, () => customers.bulk(op, [id]));
      if (!answer) return;
      const status = answer.results?.[0]?.status;
      if (status !== 'ok') {
        showError(errorBox, `bulk.status.${status}`);
        return;
      }
      toast(`bulk.done.${op}`, { ok: 1, total: 1 });
      try {
        await detail.reloadCustomer();
        if (isCurrent()) showTab(current);
      } catch (error) {
        // Released by someone who may not see public customers' details any more.
        if (error?.status === 404 && isCurrent()) navigate('/');
      }
    },
    'delete-customer': async (button) => {
      if (!(await confirmDialog('customer.confirmDelete', { name: customer.name }))) return;
      await attempt(button, root.querySelector('#head-error'), async () => {
        await customers.remove(id);
        toast('customer.deleted');
        history.back();
      });
    },
  });

  const wanted = hashQuery().get('tab');
  await showTab(Object.hasOwn(TABS, wanted) ? wanted : 'data');
}
