// Accounts: sign up, sign in and out, the profile, my tickets and bookings, and the pages the emailed links open
// (verifying the email, a new password, claiming a guest booking). Signed in, the browser holds the session cookie
// (HttpOnly); every write carries the page's CSRF token (api.js).
import { ApiError, get, send, enc, kept } from './api.js';
import { esc, money, dateTime } from './format.js';
import { navigate, problemText, cities } from './main.js';

/** The signed-in account, or null. */
export async function me() {
  try {
    const account = await get('/api/v1/me');
    kept.write('signedIn', true);
    return account;
  } catch (e) {
    if (e instanceof ApiError && (e.status === 401 || e.status === 403)) {
      kept.write('signedIn', null);
      return null;
    }
    throw e;
  }
}

function fieldProblem(e) {
  if (e instanceof ApiError && e.problem.invalidParams?.length) {
    return e.problem.invalidParams.map(p => `${p.name}: ${p.reason}`).join('; ');
  }
  if (e instanceof ApiError && e.status === 429) return e.message;
  return e instanceof ApiError ? e.message : problemText(e);
}

function form(main, selector, handler) {
  const element = main.querySelector(selector);
  element.addEventListener('submit', async event => {
    event.preventDefault();
    const out = element.querySelector('.form-message');
    const button = element.querySelector('button[type=submit]');
    button.disabled = true;
    out.innerHTML = '';
    try {
      await handler(Object.fromEntries(new FormData(element)), out);
    } catch (e) {
      out.innerHTML = `<p class="notice error" role="alert">${esc(fieldProblem(e))}</p>`;
    } finally {
      button.disabled = false;
    }
  });
}

export async function signInPage(main) {
  const next = new URLSearchParams(location.search).get('next') || '/account';
  main.innerHTML = `
    <h1>Sign in</h1>
    <form id="sign-in" class="panel stacked" novalidate>
      <label>Email <input name="email" type="email" autocomplete="username" required></label>
      <label>Password <input name="password" type="password" autocomplete="current-password" required></label>
      <button class="primary" type="submit">Sign in</button>
      <div class="form-message"></div>
    </form>
    <p>New here? <a href="/account/sign-up">Create an account</a> · <a href="/account/forgot-password">Forgot your password?</a></p>`;
  form(main, '#sign-in', async fields => {
    await send('POST', '/api/v1/sessions', { email: fields.email.trim(), password: fields.password });
    kept.write('signedIn', true);
    navigate(next.startsWith('/') ? next : '/account', { replace: true });
  });
}

export async function signUpPage(main) {
  main.innerHTML = `
    <h1>Create an account</h1>
    <p>Keep your tickets in one place, see what is coming up, and book faster.</p>
    <form id="sign-up" class="panel stacked" novalidate>
      <label>Name <input name="name" autocomplete="name"></label>
      <label>Email <input name="email" type="email" autocomplete="email" required></label>
      <label>Password (10 characters or more) <input name="password" type="password" autocomplete="new-password" required minlength="10"></label>
      <button class="primary" type="submit">Create account</button>
      <div class="form-message"></div>
    </form>
    <p>Have an account? <a href="/account/sign-in">Sign in</a></p>`;
  form(main, '#sign-up', async fields => {
    const body = { email: fields.email.trim(), password: fields.password };
    if (fields.name.trim()) body.name = fields.name.trim();
    await send('POST', '/api/v1/accounts', body);
    await send('POST', '/api/v1/sessions', { email: body.email, password: body.password });
    kept.write('signedIn', true);
    kept.write('email', body.email);
    navigate('/account?welcome=1', { replace: true });
  });
}

export async function accountPage(main) {
  const account = await me();
  if (!account) {
    navigate('/account/sign-in', { replace: true });
    return undefined;
  }
  const params = new URLSearchParams(location.search);
  const when = params.get('when') === 'past' ? 'past' : 'upcoming';
  const [tickets, bookings, all] = await Promise.all([
    get(`/api/v1/me/tickets?when=${when}`), get('/api/v1/me/bookings'), cities()]);
  main.innerHTML = `
    <h1>Your account</h1>
    ${params.get('welcome') ? `<p class="notice ok">Welcome! We sent a link to ${esc(account.email)} to confirm the address.</p>` : ''}
    ${!account.emailVerified && !params.get('welcome') ? `<p class="notice">Your email is not confirmed yet: follow the link we sent to ${esc(account.email)}.</p>` : ''}
    <h2>My tickets</h2>
    <nav aria-label="Tickets"><ul class="chips">
      <li><a href="/account" aria-current="${when === 'upcoming'}">Upcoming</a></li>
      <li><a href="/account?when=past" aria-current="${when === 'past'}">Past</a></li></ul></nav>
    ${tickets.length === 0 ? `<p>No ${when} tickets.</p>` : `<ul class="list" id="my-tickets">${tickets.map(t => `
      <li><strong>${esc(t.show.movieTitle)}</strong> · ${esc(dateTime(t.show.startsAt))} · ${esc(t.show.cinemaName)}, ${esc(t.show.hallName)}
        · seat ${esc(t.seat.label)} · <span class="status">${t.usable ? esc(t.status.toLowerCase()) : 'over'}</span>
        ${kept.read(`booking.${t.bookingId}`) ? ` · <a href="/bookings/${enc(t.bookingId)}">QR code</a>` : ''}</li>`).join('')}</ul>`}
    <h2>My bookings</h2>
    ${bookings.length === 0 ? '<p>None yet.</p>' : `<ul class="list" id="my-bookings">${bookings.map(b => `
      <li><strong>${esc(b.show.movieTitle)}</strong> · ${esc(dateTime(b.show.startsAt))} · ${esc(b.show.cinemaName)}
        · ${esc(money(b.amount, b.currency))} · <span class="status">${esc(b.status.replace('_', ' '))}</span>
        ${kept.read(`booking.${b.bookingId}`) ? ` · <a href="/bookings/${enc(b.bookingId)}">Open</a>` : ''}</li>`).join('')}</ul>`}
    <h2>Profile</h2>
    <form id="profile" class="panel stacked" novalidate>
      <label>Name <input name="name" autocomplete="name" value="${esc(account.name || '')}"></label>
      <label>Email <input name="email" type="email" autocomplete="email" value="${esc(account.email)}"></label>
      <label>Phone <input name="phone" type="tel" autocomplete="tel" value="${esc(account.phone || '')}"></label>
      <label>Home city <select name="defaultCityId"><option value="">None</option>${all.map(c =>
        `<option value="${esc(c.id)}"${c.id === account.defaultCityId ? ' selected' : ''}>${esc(c.name)}</option>`).join('')}</select></label>
      <button class="primary" type="submit">Save</button>
      <div class="form-message"></div>
    </form>
    ${account.paymentMethod ? `<p>Saved card: ${esc(account.paymentMethod.brand)} ending ${esc(account.paymentMethod.last4)}</p>` : ''}
    <h2>Claim a booking</h2>
    <form id="claim" class="panel inline-form" novalidate>
      <label>Booking id <input name="bookingId" placeholder="bkg_…" required></label>
      <button type="submit">Send me a link</button>
      <div class="form-message"></div>
    </form>
    <p><button type="button" id="sign-out">Sign out</button></p>
    <details class="panel"><summary>Delete my account</summary>
      <form id="delete" class="stacked" novalidate>
        <p>Your name, email, phone and saved card are removed; bookings are kept without them, for the cinema's accounts.</p>
        <label>Password <input name="password" type="password" autocomplete="current-password" required></label>
        <button type="submit">Delete my account</button>
        <div class="form-message"></div>
      </form></details>`;
  form(main, '#profile', async (fields, out) => {
    const saved = await send('PATCH', '/api/v1/me', fields);
    if (saved.defaultCityId) kept.write('city', saved.defaultCityId);
    out.innerHTML = '<p class="notice ok" role="status">Saved.</p>';
  });
  form(main, '#claim', async (fields, out) => {
    await send('POST', '/api/v1/me/claims', { bookingId: fields.bookingId.trim() });
    out.innerHTML = '<p class="notice ok" role="status">If that booking exists, a link went to the email it was booked with.</p>';
  });
  form(main, '#delete', async fields => {
    await send('DELETE', '/api/v1/me', { password: fields.password });
    kept.write('signedIn', null);
    navigate('/', { replace: true });
  });
  main.querySelector('#sign-out').addEventListener('click', async () => {
    try { await send('DELETE', '/api/v1/sessions/current'); } catch { /* signed out either way */ }
    kept.write('signedIn', null);
    navigate('/account/sign-in', { replace: true });
  });
  return undefined;
}

export async function linkPage(main, page) {
  const token = new URLSearchParams(location.search).get('token') || '';
  if (page === 'verify-email') {
    main.innerHTML = '<h1>Confirming your email</h1><div id="out"></div>';
    try {
      await send('POST', '/api/v1/accounts/verification', { token });
      main.querySelector('#out').innerHTML = '<p class="notice ok">Your email is confirmed. <a href="/account">Your account</a></p>';
    } catch (e) {
      main.querySelector('#out').innerHTML = `<p class="notice error">${esc(fieldProblem(e))}</p>`;
    }
  } else if (page === 'forgot-password') {
    main.innerHTML = `<h1>Forgot your password?</h1>
      <form id="forgot" class="panel stacked" novalidate>
        <label>Email <input name="email" type="email" autocomplete="email" required></label>
        <button class="primary" type="submit">Email me a link</button><div class="form-message"></div></form>`;
    form(main, '#forgot', async (fields, out) => {
      await send('POST', '/api/v1/accounts/password-reset', { email: fields.email.trim() });
      out.innerHTML = '<p class="notice ok" role="status">If an account has that email, a link to choose a new password is on its way.</p>';
    });
  } else if (page === 'reset-password') {
    main.innerHTML = `<h1>Choose a new password</h1>
      <form id="reset" class="panel stacked" novalidate>
        <label>New password (10 characters or more) <input name="password" type="password" autocomplete="new-password" required></label>
        <button class="primary" type="submit">Save the password</button><div class="form-message"></div></form>`;
    form(main, '#reset', async (fields, out) => {
      await send('POST', '/api/v1/accounts/password-reset/confirmation', { token, password: fields.password });
      out.innerHTML = '<p class="notice ok" role="status">Saved. <a href="/account/sign-in">Sign in</a> with it.</p>';
    });
  } else if (page === 'claim-booking') {
    if (!await me()) {
      navigate(`/account/sign-in?next=${enc(location.pathname + location.search)}`, { replace: true });
      return;
    }
    main.innerHTML = '<h1>Adding the booking to your account</h1><div id="out"></div>';
    try {
      const claimed = await send('POST', '/api/v1/me/claims/confirmation', { token });
      main.querySelector('#out').innerHTML = `<p class="notice ok">Booking ${esc(claimed.bookingId)} is now in <a href="/account">your account</a>.</p>`;
    } catch (e) {
      main.querySelector('#out').innerHTML = `<p class="notice error">${esc(fieldProblem(e))}</p>`;
    }
  }
}
