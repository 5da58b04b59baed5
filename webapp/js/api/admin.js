// The administration resources: pages, roles, departments, positions, users and the audit log.
import * as http from '../http.js';

const API = '/api/v1';
const id = (value) => encodeURIComponent(value);

export const pages = () => http.get(`${API}/pages`);
export const createPage = (body) => http.post(`${API}/pages`, body);
export const updatePage = (menuId, body) => http.patch(`${API}/pages/${id(menuId)}`, body);
export const removePage = (menuId) => http.del(`${API}/pages/${id(menuId)}`);

export const roles = () => http.get(`${API}/roles`);
export const createRole = (body) => http.post(`${API}/roles`, body);
export const updateRole = (roleId, body) => http.patch(`${API}/roles/${id(roleId)}`, body);
export const removeRole = (roleId) => http.del(`${API}/roles/${id(roleId)}`);
export const setRolePages = (roleId, menuIds) => http.put(`${API}/roles/${id(roleId)}/pages`, menuIds);

export const departments = () => http.get(`${API}/departments`);
export const createDepartment = (body) => http.post(`${API}/departments`, body);
export const updateDepartment = (deptId, body) => http.patch(`${API}/departments/${id(deptId)}`, body);
export const removeDepartment = (deptId) => http.del(`${API}/departments/${id(deptId)}`);

export const positions = (departmentId) => http.get(`${API}/positions`, { query: { departmentId } });
export const createPosition = (body) => http.post(`${API}/positions`, body);
export const updatePosition = (positionId, body) => http.patch(`${API}/positions/${id(positionId)}`, body);
export const removePosition = (positionId) => http.del(`${API}/positions/${id(positionId)}`);

export const users = (query) => http.get(`${API}/users`, { query });
export const createUser = (body) => http.post(`${API}/users`, body);
export const updateUser = (userId, body) => http.patch(`${API}/users/${id(userId)}`, body);
export const resetPassword = (userId, password) => http.post(`${API}/users/${id(userId)}/password`, { password });

export const audit = (query) => http.get(`${API}/audit-log`, { query });
