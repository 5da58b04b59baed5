// Customers, their contacts, ownership history, bulk operations, import and export.
import * as http from '../http.js';

const API = '/api/v1';

/** query: scope, q, categoryId, type, importance, ownerId, industry, region, createdFrom/To, lastVisitFrom/To, sort, limit, cursor, count */
export const list = (query) => http.get(`${API}/customers`, { query });
export const get = (id) => http.get(`${API}/customers/${encodeURIComponent(id)}`);
export const create = (body) => http.post(`${API}/customers`, body);
export const update = (id, body) => http.patch(`${API}/customers/${encodeURIComponent(id)}`, body);
export const remove = (id) => http.del(`${API}/customers/${encodeURIComponent(id)}`);
export const check = (name, options) => http.get(`${API}/customers/check`, { ...options, query: { name } });
export const history = (id) => http.get(`${API}/customers/${encodeURIComponent(id)}/history`);

/** action: 'release' | 'assign' | 'claim' | 'delete'; answers {results: [{id, status}]} */
export const bulk = (action, ids, userId) =>
  http.post(`${API}/customers/${action}`, userId === undefined ? { ids } : { ids, userId });

export const contacts = (id) => http.get(`${API}/customers/${encodeURIComponent(id)}/contacts`);
export const addContact = (id, body) => http.post(`${API}/customers/${encodeURIComponent(id)}/contacts`, body);
export const updateContact = (contactId, body) => http.patch(`${API}/contacts/${encodeURIComponent(contactId)}`, body);
export const removeContact = (contactId) => http.del(`${API}/contacts/${encodeURIComponent(contactId)}`);

export const importFile = (file, dryRun) =>
  http.upload(`${API}/customers/import`, file, { query: { dryRun: String(Boolean(dryRun)) } });
export const exportFile = (query) => http.download(`${API}/customers/export`, { query });
