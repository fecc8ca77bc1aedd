// A show's page: its seat map, live; picking seats with the total; holding them with a countdown; paying; and,
// when seats run short or the show is in queue mode, the waitlist and the waiting room.
import { ApiError, get, send, enc, kept } from './api.js';
import { esc, money, dateTime, minutesSeconds } from './format.js';
import { SeatMap, seatName } from './seatmap.js';
import { announce, problemText, cities } from './main.js';

const POLL_SECONDS = 25;

export async function showPage(main, showId) {
  const [show, map, all] = await Promise.all([
    get(`/api/v1/shows/${enc(showId)}`), get(`/api/v1/shows/${enc(showId)}/seats`), cities()]);
  const zone = all.find(c => c.id === show.cinema.cityId)?.timeZone;
  const page = new ShowPage(main, show, map, zone);
  return () => page.leave();
}

class ShowPage {
  constructor(main, show, map, zone) {
    this.main = main;
    this.show = show;
    this.version = map.version;
    this.alive = true;
    this.timers = [];
    const prices = new Map(show.prices.map(p => [p.category, p.price]));
    this.currency = show.prices[0]?.price.currency || show.lowestPrice?.currency || 'GBP';
    map.seats.forEach(seat => { seat.price ??= prices.get(seat.category); });
    main.innerHTML = `
      <div class="show-head">${show.movie.posterUrl ? `<img src="${esc(show.movie.posterUrl)}" alt="Poster of ${esc(show.movie.title)}">` : ''}
        <div><h1>${esc(show.movie.title)}</h1>
          <p><strong>${esc(dateTime(show.startsAt, zone))}</strong> · ${esc(show.cinema.name)} · ${esc(show.hall.name)}
            · ${esc(show.format)} · ${esc(show.language)}</p>
          <p class="muted">${show.prices.map(p => `${esc(p.category)} ${esc(money(p.price.amount, p.price.currency))}`).join(' · ')}</p>
        </div></div>
      ${show.onSale ? '' : '<p class="notice error">This show is no longer on sale.</p>'}
      <p id="freshness" class="muted"></p>
      <ul class="legend" aria-label="Legend">
        <li><span class="key available"></span>Available</li><li><span class="key picked"></span>Your pick</li>
        <li><span class="key held"></span>Held</li><li><span class="key sold"></span>Sold</li>
        <li><span class="key wheelchair"></span>Wheelchair space</li></ul>
      <div class="hall-box" id="hall"></div>
      <div id="message" role="alert"></div>
      <section class="panel" id="pick" aria-labelledby="pick-heading">
        <h2 id="pick-heading">Your seats</h2>
        <p id="summary" aria-live="polite"></p>
        <form id="hold-form" class="inline-form" novalidate>
          <label>Email for your tickets
            <input id="email" name="email" type="email" autocomplete="email" required value="${esc(kept.read('email') || '')}"></label>
          <button class="primary" type="submit" id="hold-button">Hold seats</button>
        </form>
      </section>
      <section class="panel" id="hold" hidden aria-labelledby="hold-heading"></section>
      <section class="panel" id="queue" hidden aria-labelledby="queue-heading"></section>
      <section class="panel" id="waitlist" hidden aria-labelledby="waitlist-heading"></section>`;
    this.seatMap = new SeatMap(main.querySelector('#hall'), map, (id, picking) => this.toggled(id, picking));
    this.freshness(map);
    this.summarise();
    main.querySelector('#hold-form').addEventListener('submit', event => { event.preventDefault(); this.hold(); });
    this.follow();
    this.resume();
    if (kept.read('signedIn')) {
      get('/api/v1/me').then(account => { if (!this.$('#email').value) this.$('#email').value = account.email; }).catch(() => {});
    }
  }

  leave() {
    this.alive = false;
    this.events?.close();
    this.timers.forEach(clearInterval);
    this.aborts?.forEach(a => a.abort());
  }

  $(selector) {
    return this.main.querySelector(selector);
  }

  message(text, kind = 'error') {
    this.$('#message').innerHTML = text ? `<p class="notice ${kind}">${esc(text)}</p>` : '';
  }

  freshness(map) {
    this.$('#freshness').textContent = map.stale
      ? `The cinema is not answering; seats as it last told us, ${map.ageSeconds} s ago.` : '';
  }

  // ---- picking -----------------------------------------------------------------------------------------------------

  toggled(id, picking) {
    const seat = this.seatMap.seats.get(id);
    if (picking === false) {
      announce(`${seatName(seat)} is ${seat.status === 'SOLD' ? 'sold' : seat.status === 'HELD' ? 'held by someone else' : 'not on sale'}`);
      return false;
    }
    if (picking === true && this.seatMap.picked.size >= 10) {
      this.message('You can pick at most 10 seats at a time.');
      return false;
    }
    if (picking === null) {
      this.message('');
      this.summarise();
      announce(`${seatName(seat)} ${this.seatMap.picked.has(id) ? 'selected' : 'unselected'}. ${this.totalText()}`);
    }
    return true;
  }

  total(seats) {
    return seats.reduce((sum, seat) => sum + Math.round(Number(seat.price.amount) * 100), 0) / 100;
  }

  totalText() {
    const seats = this.seatMap.pickedSeats();
    return seats.length ? `Total ${money(this.total(seats), this.currency)}` : '';
  }

  summarise() {
    const seats = this.seatMap.pickedSeats();
    this.$('#summary').innerHTML = seats.length === 0
      ? 'No seats picked yet. Pick seats on the map: click them, or Tab to the map and use the arrow keys and Enter.'
      : `${seats.length} ${seats.length === 1 ? 'seat' : 'seats'}: ${seats.map(s => esc(seatName(s))).join('; ')}
         · <span class="total" id="total">Total ${esc(money(this.total(seats), this.currency))}</span>`;
    this.$('#hold-button').disabled = seats.length === 0 || !this.show.onSale;
    this.offerWaitlist();
  }

  // ---- live seats --------------------------------------------------------------------------------------------------

  follow() {
    this.events = new EventSource(`/api/v1/shows/${enc(this.show.id)}/seats/changes?since=${enc(this.version)}`);
    this.events.addEventListener('seats', event => this.changed(JSON.parse(event.data)));
  }

  changed(changes) {
    this.version = changes.version;
    this.freshness({ stale: changes.stale, ageSeconds: 0 });
    // While this page's own hold is being placed, its seats turning HELD is no news.
    const lost = this.seatMap.apply(changes.changes).filter(seat => !this.placing?.has(seat.id));
    if (lost.length) {
      this.message(`${lost.map(seatName).join('; ')} ${lost.length === 1 ? 'was' : 'were'} just taken by someone else. Please pick another seat.`);
      this.summarise();
    } else if (changes.changes.length) {
      this.offerWaitlist();
    }
  }

  async reread() {
    const map = await get(`/api/v1/shows/${enc(this.show.id)}/seats`);
    this.version = map.version;
    this.seatMap.apply(map.seats.map(s => ({ id: s.id, status: s.status })));
    this.freshness(map);
  }

  // ---- holding -----------------------------------------------------------------------------------------------------

  async hold() {
    const seats = this.seatMap.pickedSeats();
    const email = this.$('#email').value.trim();
    if (!seats.length) return;
    if (!/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(email)) {
      this.message('Please enter the email address your tickets should go to.');
      this.$('#email').focus();
      return;
    }
    kept.write('email', email);
    const button = this.$('#hold-button');
    button.disabled = true;
    button.textContent = 'Holding…';
    this.placing = new Set(seats.map(s => s.id));
    const headers = { 'Idempotency-Key': crypto.randomUUID() };
    const admission = kept.read(`admission.${this.show.id}`);
    if (admission && Date.parse(admission.expiresAt) > Date.now()) headers['Queue-Token'] = admission.token;
    try {
      const hold = await send('POST', '/api/v1/holds', { showId: this.show.id, seatIds: seats.map(s => s.id), email }, { headers });
      this.seatMap.unpickAll();
      this.seatMap.apply(hold.seats.map(s => ({ id: s.id, status: 'HELD' })));
      this.keepHold(hold);
      this.message('');
    } catch (e) {
      this.holdRefused(e, seats);
    } finally {
      this.placing = null;
      button.textContent = 'Hold seats';
      this.summarise();
    }
  }

  holdRefused(e, seats) {
    if (e instanceof ApiError && e.kind === 'seats-taken') {
      const taken = seats.filter(s => (e.problem.seatsTaken || []).includes(s.id));
      this.seatMap.apply(taken.map(s => ({ id: s.id, status: 'HELD' })));
      this.message(`Sorry: ${(taken.length ? taken : seats).map(seatName).join('; ')} ${taken.length === 1 ? 'was' : 'were'} just taken by someone else. The map is up to date; please pick another seat.`);
      this.reread().catch(() => {});
    } else if (e instanceof ApiError && e.kind === 'queue-admission-required') {
      this.joinQueue();
    } else if (e instanceof ApiError && e.status === 400) {
      const field = e.problem.invalidParams?.[0];
      this.message(field ? `${field.name}: ${field.reason}` : e.message);
    } else {
      this.message(problemText(e));
    }
  }

  keepHold(hold) {
    const kept_ = {
      holdId: hold.holdId, token: hold.token, expiresAt: hold.expiresAt, total: hold.total, currency: hold.currency,
      seats: hold.seats.map(s => ({ id: s.id, row: s.row, number: s.number }))
    };
    kept.write(`hold.${this.show.id}`, kept_);
    this.showHold(kept_);
    this.offerWaitlist();
  }

  showHold(hold) {
    const panel = this.$('#hold');
    panel.hidden = false;
    this.$('#pick').hidden = true;
    panel.innerHTML = `
      <h2 id="hold-heading">Seats held for you</h2>
      <p>${hold.seats.map(s => esc(seatName(s))).join('; ')} · <span class="total">Total ${esc(money(hold.total, hold.currency))}</span></p>
      <p role="timer" aria-live="off">Held for you for <span class="countdown" id="countdown"></span> more</p>
      <p><button class="primary" type="button" id="pay">Pay ${esc(money(hold.total, hold.currency))}</button>
         <button type="button" id="release">Release seats</button></p>`;
    const countdown = panel.querySelector('#countdown');
    const tick = () => {
      const left = Date.parse(hold.expiresAt) - Date.now();
      countdown.textContent = minutesSeconds(left);
      if (left <= 0) this.holdEnded('Your hold has ended and the seats went back on sale. You can pick seats again.');
    };
    tick();
    this.timers.push(setInterval(tick, 1000));
    panel.querySelector('#pay').addEventListener('click', () => this.pay(hold));
    panel.querySelector('#release').addEventListener('click', () => this.release(hold));
    panel.querySelector('#pay').focus();
  }

  holdEnded(text) {
    kept.write(`hold.${this.show.id}`, null);
    this.timers.forEach(clearInterval);
    this.timers = [];
    this.$('#hold').hidden = true;
    this.$('#pick').hidden = false;
    this.message(text, 'ok');
    this.reread().catch(() => {});
    this.summarise();
  }

  async release(hold) {
    try {
      await send('DELETE', `/api/v1/holds/${enc(hold.holdId)}`, undefined, { token: hold.token });
      this.holdEnded('Your seats were released.');
    } catch (e) {
      this.message(problemText(e));
    }
  }

  async pay(hold) {
    const button = this.$('#pay');
    button.disabled = true;
    button.textContent = 'Opening payment…';
    try {
      const booking = await send('POST', `/api/v1/holds/${enc(hold.holdId)}/checkout`, undefined, { token: hold.token });
      kept.write(`booking.${booking.bookingId}`, booking.token || hold.token);
      const mine = kept.read('bookings') || [];
      if (!mine.includes(booking.bookingId)) kept.write('bookings', [booking.bookingId, ...mine].slice(0, 50));
      if (booking.paymentUrl) location.assign(booking.paymentUrl);
      else location.assign(`/bookings/${enc(booking.bookingId)}`);
    } catch (e) {
      button.disabled = false;
      button.textContent = 'Pay';
      this.message(problemText(e));
    }
  }

  /** A hold or a queue place kept from an earlier visit of this page. */
  async resume() {
    const hold = kept.read(`hold.${this.show.id}`);
    if (hold) {
      try {
        const now = await get(`/api/v1/holds/${enc(hold.holdId)}`, { token: hold.token });
        if (now.status === 'HELD') this.showHold(hold);
        else kept.write(`hold.${this.show.id}`, null);
      } catch {
        kept.write(`hold.${this.show.id}`, null);
      }
    }
    const place = kept.read(`queue.${this.show.id}`);
    if (place) this.waitInQueue(place);
    else this.offerQueue();
    const entry = kept.read(`waitlist.${this.show.id}`);
    if (entry) this.waitForSeats(entry);
  }

  // ---- the waiting room ----------------------------------------------------------------------------------------------

  /** A show in queue mode opens its waiting room at once, rather than after a refused hold. */
  async offerQueue() {
    const admission = kept.read(`admission.${this.show.id}`);
    if (admission && Date.parse(admission.expiresAt) > Date.now()) return;
    let status;
    try {
      status = await get(`/api/v1/shows/${enc(this.show.id)}/queue`);
    } catch {
      return; // a hold that needs an admission still leads to the waiting room
    }
    if (!status.queueMode || !this.alive) return;
    const panel = this.$('#queue');
    panel.hidden = false;
    panel.innerHTML = `<h2 id="queue-heading">Waiting room</h2>
      <p>This show is very popular: people are let in to pick seats in the order they join the queue.</p>
      <p><button type="button" class="primary" id="join-queue">Join the queue</button></p>`;
    panel.querySelector('#join-queue').addEventListener('click', () => {
      const email = this.$('#email').value.trim();
      if (!/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(email)) {
        this.message('Please enter your email address below first: your place in the queue is kept under it.');
        this.$('#email').focus();
        return;
      }
      kept.write('email', email);
      this.joinQueue();
    });
  }

  async joinQueue() {
    const email = this.$('#email').value.trim();
    const panel = this.$('#queue');
    panel.hidden = false;
    panel.innerHTML = '<h2 id="queue-heading">Waiting room</h2><p>This show is very popular: joining the queue…</p>';
    try {
      const place = await send('POST', `/api/v1/shows/${enc(this.show.id)}/queue`, { email });
      kept.write(`queue.${this.show.id}`, { placeId: place.placeId, token: place.token });
      this.queueShown(place);
      this.waitInQueue({ placeId: place.placeId, token: place.token });
    } catch (e) {
      panel.innerHTML = `<h2 id="queue-heading">Waiting room</h2><p class="notice error">${esc(problemText(e))}</p>`;
    }
  }

  queueShown(place) {
    const panel = this.$('#queue');
    panel.hidden = false;
    if (place.status === 'ADMITTED') {
      kept.write(`admission.${this.show.id}`, { token: place.admissionToken, expiresAt: place.admissionExpiresAt });
      panel.innerHTML = `<h2 id="queue-heading">It is your turn</h2>
        <p class="notice ok">You may hold seats until ${esc(new Date(place.admissionExpiresAt).toLocaleTimeString('en-GB'))}.</p>`;
      if (this.seatMap.picked.size) this.hold();
      return;
    }
    if (place.status === 'EXPIRED') {
      kept.write(`queue.${this.show.id}`, null);
      panel.innerHTML = '<h2 id="queue-heading">Waiting room</h2><p>Your turn has passed. Hold seats again to rejoin the queue.</p>';
      return;
    }
    const wait = place.estimatedWaitSeconds;
    panel.innerHTML = `<h2 id="queue-heading">You are in the queue</h2>
      <p>This show is very popular, so people are let in to pick seats in the order they arrived.</p>
      <p aria-live="polite">Your place: <strong id="queue-position">${place.position}</strong>
        ${wait !== undefined ? ` · about ${wait < 60 ? `${wait} s` : `${Math.ceil(wait / 60)} min`} to wait` : ''}</p>
      <p class="muted">Keep this page open; it moves on by itself.</p>`;
  }

  async waitInQueue(place) {
    const abort = new AbortController();
    (this.aborts ??= []).push(abort);
    while (this.alive) {
      try {
        const now = await get(`/api/v1/shows/${enc(this.show.id)}/queue/${enc(place.placeId)}?waitSeconds=${POLL_SECONDS}`,
          { token: place.token, signal: abort.signal });
        this.queueShown(now);
        if (now.status !== 'WAITING') return;
      } catch (e) {
        if (!this.alive) return;
        if (e instanceof ApiError && e.status === 404) { kept.write(`queue.${this.show.id}`, null); return; }
        await new Promise(r => setTimeout(r, 3000));
      }
    }
  }

  // ---- the waitlist --------------------------------------------------------------------------------------------------

  offerWaitlist() {
    const panel = this.$('#waitlist');
    if (kept.read(`waitlist.${this.show.id}`) || !this.show.onSale) return;
    const seats = [...this.seatMap.seats.values()];
    const mine = new Set((kept.read(`hold.${this.show.id}`)?.seats || []).map(s => s.id));
    const taken = seats.some(s => s.status === 'HELD' && !mine.has(s.id));
    const free = seats.filter(s => this.seatMap.pickable(s)).length;
    if (!taken && free > 0) { panel.hidden = true; return; }
    if (!panel.hidden && panel.querySelector('#waitlist-form')) return;
    panel.hidden = false;
    panel.innerHTML = `<h2 id="waitlist-heading">Seats held by others may free up</h2>
      <form id="waitlist-form" class="inline-form">
        <label>Seats wanted <select name="count">${[1, 2, 3, 4, 5, 6].map(n => `<option${n === 2 ? ' selected' : ''}>${n}</option>`).join('')}</select></label>
        <button type="submit">Tell me if seats free up</button></form>`;
    panel.querySelector('form').addEventListener('submit', event => { event.preventDefault(); this.joinWaitlist(Number(event.target.count.value)); });
  }

  async joinWaitlist(seatCount) {
    const email = this.$('#email').value.trim();
    if (!/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(email)) {
      this.message('Please enter your email address above, so we can tell you.');
      this.$('#email').focus();
      return;
    }
    kept.write('email', email);
    try {
      const entry = await send('POST', `/api/v1/shows/${enc(this.show.id)}/waitlist`, { email, seatCount });
      const keptEntry = { entryId: entry.entryId, token: entry.token };
      kept.write(`waitlist.${this.show.id}`, keptEntry);
      this.waitlistShown(entry);
      this.waitForSeats(keptEntry);
    } catch (e) {
      this.message(problemText(e));
    }
  }

  waitlistShown(entry) {
    const panel = this.$('#waitlist');
    panel.hidden = false;
    if (entry.status === 'WAITING') {
      panel.innerHTML = `<h2 id="waitlist-heading">On the waitlist</h2>
        <p aria-live="polite">We will hold ${entry.seatCount} ${entry.seatCount === 1 ? 'seat' : 'seats'} for you as soon as they free up.
          You are number <strong id="waitlist-position">${entry.position}</strong> in line.</p>
        <button type="button" id="leave-waitlist">Leave the waitlist</button>`;
      panel.querySelector('#leave-waitlist').addEventListener('click', () => this.leaveWaitlist());
      return;
    }
    kept.write(`waitlist.${this.show.id}`, null);
    if (entry.status === 'OFFERED') {
      panel.innerHTML = `<h2 id="waitlist-heading">Seats freed up for you</h2><p class="notice ok">We are holding them for you now.</p>`;
      get(`/api/v1/holds/${enc(entry.holdId)}`, { token: entry.holdToken })
        .then(hold => this.keepHold({ ...hold, token: entry.holdToken }))
        .catch(e => this.message(problemText(e)));
    } else {
      panel.innerHTML = `<h2 id="waitlist-heading">Waitlist</h2><p>${entry.status === 'OFFER_LAPSED'
        ? 'The seats we held for you were not paid in time and went to the next in line.' : 'You left the waitlist.'}</p>`;
    }
  }

  async waitForSeats(entry) {
    const abort = new AbortController();
    (this.aborts ??= []).push(abort);
    while (this.alive) {
      try {
        const now = await get(`/api/v1/waitlist/${enc(entry.entryId)}?waitSeconds=${POLL_SECONDS}`, { token: entry.token, signal: abort.signal });
        this.waitlistShown(now);
        if (now.status !== 'WAITING') return;
      } catch (e) {
        if (!this.alive) return;
        if (e instanceof ApiError && e.status === 404) { kept.write(`waitlist.${this.show.id}`, null); return; }
        await new Promise(r => setTimeout(r, 3000));
      }
    }
  }

  async leaveWaitlist() {
    const entry = kept.read(`waitlist.${this.show.id}`);
    if (!entry) return;
    try {
      const now = await send('DELETE', `/api/v1/waitlist/${enc(entry.entryId)}`, undefined, { token: entry.token });
      this.waitlistShown(now);
    } catch (e) {
      this.message(problemText(e));
    }
  }
}
