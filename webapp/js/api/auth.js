// Sign-in, sign-out and the signed-in user's own data.
import * as http from '../http.js';

const API = '/api/v1';

export const login = (username, password) => http.post(`${API}/auth/login`, { username, password });
// A 401 here only means the session was already gone, so it must not bounce to sign-in twice.
export const logout = () => http.post(`${API}/auth/logout`, undefined, { handle401: false });
export const me = () => http.get(`${API}/me`);
export const menu = () => http.get(`${API}/me/menu`);
export const team = () => http.get(`${API}/me/team`);
export const changePassword = (currentPassword, newPassword) =>
  http.put(`${API}/me/password`, { currentPassword, newPassword });

export const desktop = () => http.get(`${API}/me/desktop`);
export const saveDesktop = (body) => http.put(`${API}/me/desktop`, body);
/** purpose: 'background' | 'icon' */
export const myFiles = (purpose) => http.get(`${API}/me/files`, { query: { purpose } });
