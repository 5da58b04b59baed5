// Visit records, plans and the summaries built on them.
import * as http from '../http.js';

const API = '/api/v1';

/** The ways a visit is made, as the API names them (each has a `method.<name>` message). */
export const METHODS = ['visit', 'phone', 'wechat', 'email', 'other'];

export const forCustomer = (id, query) => http.get(`${API}/customers/${encodeURIComponent(id)}/visits`, { query });
export const log = (customerId, body) => http.post(`${API}/customers/${encodeURIComponent(customerId)}/visits`, body);
/** query: userId (one or an array), customerId, from, to, method, limit, cursor */
export const list = (query) => http.get(`${API}/visits`, { query });
export const exportFile = (query) => http.download(`${API}/visits/export`, { query });

/** query: userId, status, from, to, customerId, limit, cursor */
export const plans = (query) => http.get(`${API}/plans`, { query });
export const createPlan = (body) => http.post(`${API}/plans`, body);
export const updatePlan = (id, body) => http.patch(`${API}/plans/${encodeURIComponent(id)}`, body);
export const removePlan = (id) => http.del(`${API}/plans/${encodeURIComponent(id)}`);

export const summary = (query) => http.get(`${API}/reports/visits`, { query });
export const pool = (query) => http.get(`${API}/reports/pool`, { query });
