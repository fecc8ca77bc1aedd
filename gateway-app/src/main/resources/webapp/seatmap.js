// A show's seat map drawn as SVG from the seats' x/y, every seat a button (WAI-ARIA grid: arrow keys move between
// seats, Enter or Space picks one). Held and sold seats stay focusable, marked aria-disabled, so a screen reader
// user hears the whole hall.
import { money, capitalised } from './format.js';

const UNIT = 26;     // one seat width, in SVG units
const SEAT = 21;
const TOP = 46;      // room for the screen
const LEFT = 28;     // room for row letters
const NS = 'http://www.w3.org/2000/svg';
const WORDS = { AVAILABLE: 'available', HELD: 'held', SOLD: 'sold' };

export class SeatMap {
  /** @param onToggle called with a seat's id when it is picked or unpicked; answers whether the pick stands */
  constructor(box, map, onToggle) {
    this.box = box;
    this.onToggle = onToggle;
    this.seats = new Map(map.seats.map(seat => [seat.id, { ...seat }]));
    this.picked = new Set();
    this.elements = new Map();
    this.rows = [];
    this.draw();
  }

  draw() {
    const seats = [...this.seats.values()];
    const width = LEFT * 2 + (Math.max(...seats.map(s => s.x)) + 1) * UNIT;
    const height = TOP + (Math.max(...seats.map(s => s.y)) + 1) * UNIT + 8;
    const svg = document.createElementNS(NS, 'svg');
    svg.setAttribute('viewBox', `0 0 ${width} ${height}`);
    svg.setAttribute('width', width);
    svg.setAttribute('height', height);
    svg.setAttribute('role', 'grid');
    svg.setAttribute('aria-label', 'Seats; the screen is at the top');
    svg.innerHTML = `<rect class="screen" x="${LEFT + UNIT}" y="6" width="${width - 2 * LEFT - 2 * UNIT}" height="5" rx="2" aria-hidden="true"/>
      <text class="screen-label" x="${width / 2}" y="26" text-anchor="middle" aria-hidden="true">SCREEN</text>`;
    const byRow = new Map();
    for (const seat of seats) {
      if (!byRow.has(seat.y)) byRow.set(seat.y, []);
      byRow.get(seat.y).push(seat);
    }
    this.rows = [...byRow.keys()].sort((a, b) => a - b).map(y => byRow.get(y).sort((a, b) => a.x - b.x));
    for (const row of this.rows) {
      const g = document.createElementNS(NS, 'g');
      g.setAttribute('role', 'row');
      const y = TOP + row[0].y * UNIT;
      g.innerHTML = `<text class="row-label" x="${LEFT / 2}" y="${y + 14}" text-anchor="middle" aria-hidden="true">${row[0].row}</text>`;
      for (const seat of row) {
        const cell = document.createElementNS(NS, 'g');
        cell.setAttribute('role', 'gridcell');
        const button = document.createElementNS(NS, 'g');
        button.setAttribute('role', 'button');
        button.setAttribute('tabindex', '-1');
        button.dataset.id = seat.id;
        const x = LEFT + seat.x * UNIT;
        button.innerHTML = `<rect x="${x}" y="${y}" width="${SEAT}" height="${SEAT}" rx="4"/>`
          + `<text x="${x + SEAT / 2}" y="${y + 14}" text-anchor="middle" aria-hidden="true">${seat.number}</text>`;
        cell.appendChild(button);
        g.appendChild(cell);
        this.elements.set(seat.id, button);
        this.paint(seat.id);
      }
      svg.appendChild(g);
    }
    const first = this.rows.flat().find(s => this.pickable(s)) || this.rows[0][0];
    this.elements.get(first.id).setAttribute('tabindex', '0');
    svg.addEventListener('click', event => {
      const button = event.target.closest('[data-id]');
      if (button) { this.focus(button.dataset.id); this.toggle(button.dataset.id); }
    });
    svg.addEventListener('keydown', event => this.key(event));
    this.box.replaceChildren(svg);
  }

  pickable(seat) {
    return seat.status === 'AVAILABLE' && seat.price;
  }

  /** "Row F, seat 12, premium, £12.50, available" */
  label(seat) {
    const price = seat.price ? money(seat.price.amount, seat.price.currency) : 'not on sale for this show';
    const status = seat.status === 'AVAILABLE' && !seat.price ? 'unavailable' : WORDS[seat.status];
    return `Row ${seat.row}, seat ${seat.number}, ${seat.category}, ${price}, ${status}`;
  }

  paint(id) {
    const seat = this.seats.get(id);
    const button = this.elements.get(id);
    const picked = this.picked.has(id);
    button.setAttribute('class', `seat ${picked ? 'picked' : seat.status.toLowerCase()}${seat.category === 'wheelchair' ? ' wheelchair' : ''}`);
    button.setAttribute('aria-label', this.label(seat));
    button.setAttribute('aria-pressed', String(picked));
    if (this.pickable(seat)) button.removeAttribute('aria-disabled');
    else button.setAttribute('aria-disabled', 'true');
  }

  toggle(id) {
    const seat = this.seats.get(id);
    if (this.picked.has(id)) {
      this.picked.delete(id);
    } else if (this.pickable(seat)) {
      if (!this.onToggle(id, true)) return;
      this.picked.add(id);
    } else {
      this.onToggle(id, false);
      return;
    }
    this.paint(id);
    this.onToggle(id, null);
  }

  /** Seats whose state changed; answers the picked seats someone else took meanwhile (they are unpicked). */
  apply(changes) {
    const lost = [];
    for (const change of changes) {
      const seat = this.seats.get(change.id);
      if (!seat) continue;
      seat.status = change.status;
      if (this.picked.has(change.id) && change.status !== 'AVAILABLE') {
        this.picked.delete(change.id);
        lost.push(seat);
      }
      this.paint(change.id);
    }
    return lost;
  }

  unpickAll() {
    const ids = [...this.picked];
    this.picked.clear();
    ids.forEach(id => this.paint(id));
  }

  pickedSeats() {
    return [...this.picked].map(id => this.seats.get(id));
  }

  focus(id) {
    for (const element of this.elements.values()) element.setAttribute('tabindex', '-1');
    const element = this.elements.get(id);
    element.setAttribute('tabindex', '0');
    element.focus();
  }

  key(event) {
    const id = event.target.closest?.('[data-id]')?.dataset.id;
    if (!id) return;
    const seat = this.seats.get(id);
    const r = this.rows.findIndex(row => row[0].y === seat.y);
    const row = this.rows[r];
    const i = row.findIndex(s => s.id === id);
    const nearest = other => other.reduce((best, s) => Math.abs(s.x - seat.x) < Math.abs(best.x - seat.x) ? s : best);
    let next;
    switch (event.key) {
      case 'ArrowRight': next = row[i + 1]; break;
      case 'ArrowLeft': next = row[i - 1]; break;
      case 'ArrowDown': next = this.rows[r + 1] && nearest(this.rows[r + 1]); break;
      case 'ArrowUp': next = this.rows[r - 1] && nearest(this.rows[r - 1]); break;
      case 'Home': next = row[0]; break;
      case 'End': next = row[row.length - 1]; break;
      case 'Enter': case ' ': event.preventDefault(); this.toggle(id); return;
      default: return;
    }
    event.preventDefault();
    if (next) this.focus(next.id);
  }
}

export function seatName(seat) {
  return `Row ${seat.row}, seat ${seat.number}`;
}

export function categories(seats) {
  return [...new Set(seats.map(s => s.category))].map(capitalised);
}
