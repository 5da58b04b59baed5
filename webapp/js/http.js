// The one core every API call goes through: base URL, JSON both ways, the bearer token, and
// problem+json errors turned into ApiError. Resource modules build on get/post/put/patch/del.

const TOKEN_KEY = 'crm.token';

/** A non-2xx answer (or no answer: status 0) carrying the RFC 9457 problem body. */
export class ApiError extends Error {
  constructor(status, problem = null, { retryAfter = null } = {}) {
    super(problem?.detail || (status === 0 ? 'network error' : `HTTP ${status}`));
    this.name = 'ApiError';
    this.status = status;
    this.problem = problem;
    /** The server's explanation in English, or null when the body was not a problem document. */
    this.detail = typeof problem?.detail === 'string' ? problem.detail : null;
    /** What went wrong as a stable name ('duplicate-customer'), with its `params`; null without one. */
    this.code = typeof problem?.code === 'string' ? problem.code : null;
    this.params = problem?.params && typeof problem.params === 'object' ? problem.params : {};
    /** The fields at fault: [{field, code, params?, message}]. */
    this.errors = Array.isArray(problem?.errors) ? problem.errors : [];
    this.retryAfter = retryAfter;
  }

  get isNetworkError() {
    return this.status === 0;
  }
}

let base = null;

/** '' (same origin) unless <meta name="crm-api" content="http://host:port"> points elsewhere. */
export function apiBase() {
  if (base === null) {
    const meta = document.querySelector('meta[name="crm-api"]');
    base = (meta?.getAttribute('content') ?? '').trim().replace(/\/+$/, '');
  }
  return base;
}

export function getToken() {
  try {
    return localStorage.getItem(TOKEN_KEY);
  } catch {
    return null;
  }
}

export function setToken(token) {
  try {
    localStorage.setItem(TOKEN_KEY, token);
  } catch {
    // private mode without storage: the session lasts until the next 401
  }
}

export function clearToken() {
  try {
    localStorage.removeItem(TOKEN_KEY);
  } catch {
    // nothing stored, nothing to clear
  }
}

let unauthorizedHandler = () => {};

/** Called after a request that carried a token got 401: the token is already cleared. */
export function onUnauthorized(handler) {
  unauthorizedHandler = handler;
}

async function readBody(response) {
  if (response.status === 204 || response.status === 205) return null;
  const text = await response.text();
  if (text === '') return null;
  const type = response.headers.get('Content-Type') ?? '';
  if (!/json/i.test(type)) return null;
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

/**
 * Calls the API at `path` (e.g. '/api/v1/me') and returns the parsed JSON (null for 204).
 * `handle401: false` keeps a 401 from triggering the sign-in redirect (used by sign-out).
 */
export async function request(path, { method = 'GET', body, raw, query, signal, handle401 = true, as = 'json' } = {}) {
  const headers = { Accept: as === 'blob' ? '*/*' : 'application/json, application/problem+json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  // `raw` is a Blob/File sent as the body itself (image uploads, CSV imports).
  if (raw !== undefined) headers['Content-Type'] = raw.type || 'application/octet-stream';
  const token = getToken();
  if (token) headers.Authorization = `Bearer ${token}`;

  let url = apiBase() + path;
  if (query) {
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries(query)) {
      // An array repeats the parameter (userId=3&userId=5).
      for (const item of Array.isArray(value) ? value : [value]) {
        if (item !== undefined && item !== null && item !== '') params.append(key, String(item));
      }
    }
    // URLSearchParams writes a space as '+', which servers read as a plus sign in a query; %20 is unambiguous.
    const qs = params.toString().replaceAll('+', '%20');
    if (qs) url += (url.includes('?') ? '&' : '?') + qs;
  }

  let response;
  try {
    response = await fetch(url, {
      method,
      headers,
      body: raw !== undefined ? raw : body === undefined ? undefined : JSON.stringify(body),
      signal,
      credentials: 'omit', // the bearer token is the only credential; no cookies
      cache: 'no-store',
    });
  } catch (error) {
    if (error?.name === 'AbortError') throw error;
    throw new ApiError(0, null);
  }

  if (response.ok && as === 'blob') {
    const disposition = response.headers.get('Content-Disposition') ?? '';
    const found = /filename\*=UTF-8''([^;]+)|filename="?([^";]+)"?/i.exec(disposition);
    const filename = found ? decodeURIComponent(found[1] ?? found[2]) : null;
    return { blob: await response.blob(), filename };
  }
  const data = await readBody(response);
  if (!response.ok) {
    // Only a rejected token means "signed out"; a 401 from the login form is a wrong password.
    if (response.status === 401 && token) {
      clearToken();
      if (handle401) unauthorizedHandler();
    }
    const retryAfter = Number(response.headers.get('Retry-After')) || null;
    throw new ApiError(response.status, data, { retryAfter });
  }
  return data;
}

export const get = (path, options) => request(path, { ...options, method: 'GET' });
export const post = (path, body, options) => request(path, { ...options, method: 'POST', body });
export const put = (path, body, options) => request(path, { ...options, method: 'PUT', body });
export const patch = (path, body, options) => request(path, { ...options, method: 'PATCH', body });
export const del = (path, options) => request(path, { ...options, method: 'DELETE' });
/** POSTs a file's bytes as the body (not a form), e.g. an image or a CSV file. */
export const upload = (path, file, options) => request(path, { ...options, method: 'POST', raw: file });
/** GETs a file with the bearer token (a plain link cannot carry it): `{blob, filename}`. */
export const download = (path, options) => request(path, { ...options, method: 'GET', as: 'blob' });
