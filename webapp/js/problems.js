// Server errors in the user's language. Every problem the API answers carries a stable `code`
// (and each of its field errors one too) with `params`; the message table holds a text for each
// code (`problem.<code>`, `invalid.<code>`), so the server's English `detail` or `message` is shown
// only for a code the table does not know. Messages are descriptors, {key, params} or {text}, which
// `msg` renders so that they follow the language switch.

import { ApiError } from './http.js';
import { builtInTitle, has } from './i18n.js';

/** Who holds a company name that is taken ({kind: 'self' | 'public' | 'user', displayName?}), as a message. */
export function holderMessage(holder) {
  if (holder?.kind === 'user') return { key: 'holder.user', params: { name: holder.displayName ?? '?' } };
  return { key: ['self', 'public'].includes(holder?.kind) ? `holder.${holder.kind}` : 'holder.unknown' };
}

/** Params whose values are words of the API, said in the user's language by the message `<prefix>.<value>`. */
const WORDS = { kind: 'kind', expected: 'expected', format: 'format', type: 'customer.type', categoryType: 'customer.type' };

/** The server's params as message params: its words translated, a page by its title, sizes readable. */
function localParams(params = {}) {
  const out = { ...params };
  for (const [name, prefix] of Object.entries(WORDS)) {
    if (has(`${prefix}.${params[name]}`)) out[name] = { key: `${prefix}.${params[name]}` };
  }
  // A built-in page still carrying its original title is named in the user's language.
  const page = builtInTitle(params.menuId, params.page);
  if (params.page !== undefined && page) out.page = { key: page };
  if (typeof params.maxBytes === 'number') out.maxBytes = { text: `${Math.round((params.maxBytes / 1_048_576) * 10) / 10} MB` };
  return out;
}

/**
 * What an error says, as a message: an ApiError by its code (else the server's detail, else its
 * status), a string as one of our message keys, anything else by its own message.
 */
export function describeError(error) {
  if (typeof error === 'string') return { key: error };
  if (!(error instanceof ApiError)) return { text: String(error?.message ?? error) };
  if (error.isNetworkError) return { key: 'error.network' };
  const key = `problem.${error.code}`;
  if (error.code && has(key)) return { key, params: localParams(error.params) };
  // http-<status>: a refusal of the HTTP layer, said by its status like an answer without a body.
  if (error.detail && !/^http-\d+$/.test(error.code ?? '')) return { text: error.detail };
  return { key: 'error.status', params: { status: error.status } };
}

/**
 * What is wrong with one field, as a message to show beside it: a field error of the server
 * ({field, code, params, message}), or one found by the page itself ({field, key}: our message).
 */
export function describeFieldError(error) {
  if (error.key) return { key: error.key };
  const key = `invalid.${error.code}`;
  return error.code && has(key) ? { key, params: localParams(error.params) } : { text: String(error.message ?? '') };
}

/**
 * A field named as the API names it ('website', 'shortcuts[2].title'), as its label: the label
 * of `field.<name>` for its last part, else the name as sent.
 */
export function fieldLabel(field) {
  const name = String(field).split('.').pop().replace(/\[\d+\]$/, '');
  return has(`field.${name}`) ? { key: `field.${name}` } : { text: String(field) };
}

/** One field error in a list, away from its input: "label: what is wrong". */
export const fieldErrorLine = (error) => ({ key: 'error.field', params: { field: fieldLabel(error.field), message: describeFieldError(error) } });
