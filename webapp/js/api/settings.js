// System settings, customer categories, required fields and uploaded images.
import * as http from '../http.js';

const API = '/api/v1';

export const get = () => http.get(`${API}/settings`);
export const update = (body) => http.patch(`${API}/settings`, body);

export const categories = () => http.get(`${API}/categories`);
export const createCategory = (body) => http.post(`${API}/categories`, body);
export const updateCategory = (id, body) => http.patch(`${API}/categories/${encodeURIComponent(id)}`, body);
export const removeCategory = (id) => http.del(`${API}/categories/${encodeURIComponent(id)}`);

export const requiredFields = () => http.get(`${API}/required-fields`);
export const customerFields = () => http.get(`${API}/customer-fields`).then((answer) => answer.items);
export const setRequiredFields = (departmentId, fields) =>
  http.put(`${API}/departments/${encodeURIComponent(departmentId)}/required-fields`, fields);

/** purpose: 'background' | 'icon' | 'category'; answers {id, url, mediaType, width, height, size} */
export const uploadImage = (file, purpose) => http.upload(`${API}/files`, file, { query: { purpose } });
