// A booking's page, where the payment page sends the customer back: PENDING until paid, then CONFIRMED with its
// tickets and their QR codes, and a way to cancel while the cinema allows it.
import { ApiError, get, send, blobUrl, enc, kept } from './api.js';
import { esc, money, dateTime } from './format.js';
import { problemText } from './main.js';

const SETTLING = new Set(['PENDING_PAYMENT', 'CONFIRMING', 'CANCELLING']);
const SAYS = {
  PENDING_PAYMENT: 'Waiting for your payment.',
  CONFIRMING: 'Payment received. Confirming your seats with the cinema…',
  CONFIRMED: 'Confirmed! Your tickets are below, and on their way to your email.',
  CANCELLING: 'Cancelling: your tickets are void and the cinema is being told.',
  CANCELLED: 'Cancelled. Your payment is being refunded.',
  REFUNDED: 'Refunded: the seats could not be booked, so your payment is being returned.',
  EXPIRED: 'This booking was not paid in time.',
  FAILED: 'The payment did not go through.'
};

export async function bookingPage(main, bookingId) {
  const token = kept.read(`booking.${bookingId}`);
  if (!token) {
    main.innerHTML = `<h1>Your booking</h1><p class="notice">This booking opens on the device it was booked on.
      Your tickets are also in the email we sent when it was confirmed.</p>`;
    return undefined;
  }
  let alive = true;
  let booking = await get(`/api/v1/bookings/${enc(bookingId)}`, { token });
  const urls = [];
  const draw = async () => {
    main.innerHTML = render(booking);
    wire();
    if (booking.status === 'CONFIRMED') {
      for (const img of main.querySelectorAll('img[data-qr]')) {
        try {
          const url = await blobUrl(img.dataset.qr, token);
          urls.push(url);
          img.src = url;
        } catch { img.alt = 'The QR code could not be loaded; it is in your email.'; }
      }
    }
  };
  const wire = () => {
    main.querySelector('#cancel')?.addEventListener('click', () => {
      main.querySelector('#cancel-confirm').hidden = false;
      main.querySelector('#cancel').hidden = true;
      main.querySelector('#cancel-yes').focus();
    });
    main.querySelector('#cancel-no')?.addEventListener('click', () => {
      main.querySelector('#cancel-confirm').hidden = true;
      main.querySelector('#cancel').hidden = false;
    });
    main.querySelector('#cancel-yes')?.addEventListener('click', async () => {
      try {
        booking = await send('POST', `/api/v1/bookings/${enc(bookingId)}/cancel`, undefined, { token });
        await draw();
        poll();
      } catch (e) {
        const text = e instanceof ApiError && e.status === 409 ? e.message : problemText(e);
        main.querySelector('#cancel-message').innerHTML = `<p class="notice error">${esc(text)}</p>`;
      }
    });
  };
  const poll = async () => {
    while (alive && SETTLING.has(booking.status)) {
      await new Promise(r => setTimeout(r, 1500));
      if (!alive) return;
      try {
        const now = await get(`/api/v1/bookings/${enc(bookingId)}`, { token });
        if (now.status !== booking.status || now.tickets.length !== booking.tickets.length) {
          booking = now;
          await draw();
        }
      } catch { /* try again on the next round */ }
    }
  };
  await draw();
  poll();
  return () => { alive = false; urls.forEach(URL.revokeObjectURL); };
}

function render(b) {
  const show = b.show;
  return `
    <h1>Your booking</h1>
    <p><span class="status" id="booking-status">${esc(b.status.replace('_', ' '))}</span></p>
    <p class="notice${b.status === 'CONFIRMED' ? ' ok' : ''}" aria-live="polite">${esc(SAYS[b.status] || b.status)}${b.statusReason ? ` ${esc(b.statusReason)}` : ''}</p>
    ${b.status === 'PENDING_PAYMENT' && b.paymentUrl ? `<p><a href="${esc(b.paymentUrl)}" rel="external">Go to the payment page</a></p>` : ''}
    <h2>${esc(show.movieTitle)}</h2>
    <p>${esc(dateTime(show.startsAt))} · ${esc(show.cinemaName)} · ${esc(show.hallName)}</p>
    <p>${b.seats.map(s => `Row ${esc(s.row)}, seat ${s.number}`).join('; ')} · <span class="total">${esc(money(b.amount, b.currency))}</span></p>
    <p class="muted">Booking ${esc(b.bookingId)}</p>
    ${b.tickets.length ? `<h2>Tickets</h2><ul class="tickets">${b.tickets.map(t => `
      <li class="ticket"><img data-qr="${esc(t.qrHref)}" alt="QR code of the ticket for ${esc(t.seatLabel)}" width="300" height="300">
        <div><strong>${esc(t.seatLabel)}</strong> · ${esc(t.status.toLowerCase())}</div></li>`).join('')}</ul>` : ''}
    ${b.status === 'CONFIRMED' ? `
      <div class="panel"><button type="button" id="cancel">Cancel this booking</button>
        <div id="cancel-confirm" hidden><p>Cancel and get ${esc(money(b.amount, b.currency))} back?</p>
          <button type="button" class="primary" id="cancel-yes">Yes, cancel and refund ${esc(money(b.amount, b.currency))}</button>
          <button type="button" id="cancel-no">Keep my booking</button></div>
        <div id="cancel-message" role="alert"></div></div>` : ''}`;
}
