// The head of a customer's page: name, category, type, importance, owner, the days of protection
// left, and what may be done to the customer as a whole.

import { html } from '../../html.js';
import { can } from '../../session.js';
import { assetUrl, daysUntil } from '../../ui.js';

/** The head's markup for `customer`, with its category among `categories`. */
export function header(customer, categories) {
  const category = categories.find((c) => c.id === customer.categoryId);
  const days = customer.ownerId && customer.type === 'open' ? daysUntil(customer.protectionExpiresAt) : null;
  return html`<header class="detail-head">
    <h2 class="detail-name" id="detail-name">
      ${category?.iconUrl ? html`<img class="category-icon" src="${assetUrl(category.iconUrl)}" alt="${category.name}" width="24" height="24">` : ''}
      <span>${customer.name}</span>
    </h2>
    <p class="detail-meta">
      <span class="${`tag tag-${customer.type}`}" data-i18n="${`customer.type.${customer.type}`}"></span>
      ${category ? html`<span class="tag">${category.name}</span>` : ''}
      <span class="importance" title="${customer.importance}">${'★'.repeat(customer.importance)}</span>
      <span class="detail-owner">${customer.ownerId
        ? html`<span data-i18n="customer.owner"></span>: <strong id="detail-owner-name">${customer.ownerName ?? `#${customer.ownerId}`}</strong>`
        : html`<span class="tag tag-public" data-i18n="customer.public"></span>`}</span>
      ${days !== null ? html`<span class="${days <= 7 ? 'days warn' : 'days'}" data-i18n="customer.daysLeftLong" data-i18n-args="${JSON.stringify({ days: Math.max(days, 0) })}"></span>` : ''}
    </p>
    <div class="detail-actions">
      ${!customer.ownerId && can('customers.claim') ? html`<button type="button" class="secondary" data-action="bulk" data-op="claim" data-i18n="bulk.claim"></button>` : ''}
      ${customer.ownerId && can('customers.release') ? html`<button type="button" class="secondary" data-action="bulk" data-op="release" data-i18n="bulk.release"></button>` : ''}
      ${can('customers.delete') ? html`<button type="button" class="danger-outline" data-action="delete-customer" data-i18n="bulk.delete"></button>` : ''}
    </div>
    <p id="head-error" class="error" role="alert" hidden></p>
  </header>`;
}
