// The gateway's public API, as the web app calls it. Writes carry the page's CSRF token (the cookie marquee_csrf,
// echoed in X-CSRF-Token), which makes them the web app's own writes; hold and booking tokens go as Bearer.

export class ApiError extends Error {
  constructor(status, problem) {
    super(problem?.detail || problem?.title || `The gateway answered ${status}`);
    this.status = status;
    this.problem = problem || {};
  }

  /** The last word of the problem's type URI, e.g. "seats-taken". */
  get kind() {
    return (this.problem.type || '').split('/').pop();
  }
}

function csrfToken() {
  const cookie = document.cookie.split('; ').find(c => c.startsWith('marquee_csrf='));
  return cookie ? decodeURIComponent(cookie.substring('marquee_csrf='.length)) : '';
}

async function answer(response) {
  if (response.status === 204) return null;
  const type = response.headers.get('Content-Type') || '';
  const body = type.includes('json') ? await response.json() : null;
  if (!response.ok) throw new ApiError(response.status, body);
  return body;
}

export async function get(path, { token, signal } = {}) {
  const headers = { Accept: 'application/json' };
  if (token) headers.Authorization = `Bearer ${token}`;
  return answer(await fetch(path, { headers, signal, credentials: 'same-origin' }));
}

export async function send(method, path, body, { token, headers = {} } = {}) {
  const all = { Accept: 'application/json', 'X-CSRF-Token': csrfToken(), ...headers };
  if (token) all.Authorization = `Bearer ${token}`;
  if (body !== undefined) all['Content-Type'] = 'application/json';
  return answer(await fetch(path, {
    method, headers: all, body: body === undefined ? undefined : JSON.stringify(body), credentials: 'same-origin'
  }));
}

/** A binary resource behind a token (a ticket's QR code), as an object URL an <img> can show. */
export async function blobUrl(path, token) {
  const response = await fetch(path, { headers: { Authorization: `Bearer ${token}` }, credentials: 'same-origin' });
  if (!response.ok) throw new ApiError(response.status, null);
  return URL.createObjectURL(await response.blob());
}

export const enc = encodeURIComponent;

/** What this browser keeps: the city, the location, the email, and the tokens of its holds and bookings. */
export const kept = {
  read(key) {
    try { return JSON.parse(localStorage.getItem(`marquee.${key}`)); } catch { return null; }
  },
  write(key, value) {
    if (value === null || value === undefined) localStorage.removeItem(`marquee.${key}`);
    else localStorage.setItem(`marquee.${key}`, JSON.stringify(value));
  }
};
