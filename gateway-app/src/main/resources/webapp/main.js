// The web app's router: every view has its own address, drawn into <main> from the public API.
import { ApiError, get, enc, kept } from './api.js';
import { esc, localDate, dayLabel, time, money } from './format.js';
import { showPage } from './show.js';
import { bookingPage } from './booking.js';
import { accountPage, signInPage, signUpPage, linkPage } from './account.js';

const main = document.getElementById('main');
let leaving = () => {};

const routes = [
  [/^\/$/, () => homePage()],
  [/^\/cities\/([^/]+)$/, ([city]) => cityPage(city)],
  [/^\/movies\/([^/]+)$/, ([movie]) => moviePage(movie)],
  [/^\/search$/, () => searchPage()],
  [/^\/shows\/([^/]+)$/, ([show]) => showPage(main, show)],
  [/^\/bookings\/([^/]+)$/, ([booking]) => bookingPage(main, booking)],
  [/^\/account$/, () => accountPage(main)],
  [/^\/account\/sign-in$/, () => signInPage(main)],
  [/^\/account\/sign-up$/, () => signUpPage(main)],
  [/^\/account\/(verify-email|forgot-password|reset-password|claim-booking)$/, ([page]) => linkPage(main, page)]
];

export function navigate(href, { replace = false } = {}) {
  if (replace) history.replaceState(null, '', href);
  else history.pushState(null, '', href);
  render();
}

export function announce(text) {
  const announcer = document.getElementById('announcer');
  announcer.textContent = '';
  setTimeout(() => { announcer.textContent = text; }, 50);
}

async function render() {
  leaving();
  leaving = () => {};
  const path = location.pathname;
  for (const [pattern, view] of routes) {
    const match = path.match(pattern);
    if (match) {
      main.innerHTML = '<p class="loading">Loading…</p>';
      try {
        const cleanup = await view(match.slice(1).map(decodeURIComponent));
        if (typeof cleanup === 'function') leaving = cleanup;
      } catch (e) {
        main.innerHTML = `<h1>Something went wrong</h1><p class="notice error">${esc(problemText(e))}</p><p><a href="/">Start again</a></p>`;
      }
      const heading = main.querySelector('h1');
      if (heading) document.title = `${heading.textContent} — Marquee`;
      showCity();
      showAccount();
      return;
    }
  }
  main.innerHTML = '<h1>Page not found</h1><p><a href="/">Choose a city</a></p>';
}

export function problemText(error) {
  if (error instanceof ApiError) {
    if (error.status === 404) return 'We could not find that. It may have been removed.';
    if (error.status === 503) return 'The cinema is not answering right now. Please try again in a moment.';
    return error.message;
  }
  return 'The connection failed. Check your network and try again.';
}

// Links inside the app change the view without reloading the page.
document.addEventListener('click', event => {
  const link = event.target.closest('a[href^="/"]');
  if (!link || event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey
      || link.target || link.hasAttribute('download') || link.getAttribute('href').startsWith('/docs')) return;
  event.preventDefault();
  navigate(link.getAttribute('href'));
  main.focus();
});
document.querySelector('form.search').addEventListener('submit', event => {
  event.preventDefault();
  const q = event.target.q.value.trim();
  if (q) navigate(`/search?q=${enc(q)}`);
});
window.addEventListener('popstate', render);
// A poster that does not load gives way to the title (the page's policy allows no inline handlers).
document.addEventListener('error', event => {
  const img = event.target;
  if (img.tagName === 'IMG' && img.alt.startsWith('Poster of ')) {
    const none = document.createElement('div');
    none.className = 'poster-none';
    none.textContent = img.alt.substring('Poster of '.length);
    none.setAttribute('aria-hidden', 'true');
    img.replaceWith(none);
  }
}, true);

let citiesPromise;
export function cities() {
  citiesPromise ??= get('/api/v1/cities').then(answer => answer.cities).catch(e => { citiesPromise = null; throw e; });
  return citiesPromise;
}

function showAccount() {
  const link = document.getElementById('account-link');
  const signedIn = kept.read('signedIn');
  link.textContent = signedIn ? 'Your account' : 'Sign in';
  link.href = signedIn ? '/account' : '/account/sign-in';
}

async function showCity() {
  const id = kept.read('city');
  const link = document.getElementById('city-link');
  if (!id) { link.textContent = 'Choose a city'; link.href = '/'; return; }
  try {
    const city = (await cities()).find(c => c.id === id);
    link.textContent = city ? `${city.name} · change` : 'Choose a city';
    link.href = '/';
  } catch { /* the header keeps its text */ }
}

// ---- City -------------------------------------------------------------------------------------------------------

async function homePage() {
  const all = await cities();
  const current = kept.read('city');
  main.innerHTML = `
    <h1>Where are you watching?</h1>
    ${current ? `<p><a href="/cities/${enc(current)}">Continue in ${esc(all.find(c => c.id === current)?.name || current)}</a></p>` : ''}
    <p><button type="button" id="locate">Find cinemas near me</button></p>
    <div id="nearby" aria-live="polite"></div>
    <h2>Cities</h2>
    <ul class="list" id="cities">${all.map(city => `
      <li><a href="/cities/${enc(city.id)}" data-city="${esc(city.id)}">${esc(city.name)}</a>
        <span class="muted">· ${city.cinemaCount} ${city.cinemaCount === 1 ? 'cinema' : 'cinemas'}</span></li>`).join('')}
    </ul>`;
  main.querySelectorAll('[data-city]').forEach(a => a.addEventListener('click', () => kept.write('city', a.dataset.city)));
  main.querySelector('#locate').addEventListener('click', () => locate(all));
}

function locate(all) {
  const nearby = main.querySelector('#nearby');
  if (!navigator.geolocation) {
    nearby.innerHTML = '<p class="notice">This browser cannot tell where you are; pick a city below.</p>';
    return;
  }
  nearby.innerHTML = '<p>Finding where you are…</p>';
  navigator.geolocation.getCurrentPosition(async position => {
    const where = { lat: position.coords.latitude, lon: position.coords.longitude };
    kept.write('location', where);
    const lists = await Promise.all(all.map(city =>
      get(`/api/v1/cities/${enc(city.id)}/cinemas?lat=${where.lat}&lon=${where.lon}`).then(a => a.cinemas).catch(() => [])));
    const nearest = lists.flat().sort((a, b) => a.distanceKm - b.distanceKm).slice(0, 5);
    if (nearest.length === 0) {
      nearby.innerHTML = '<p class="notice">No cinemas found; pick a city below.</p>';
      return;
    }
    kept.write('city', nearest[0].cityId);
    showCity();
    nearby.innerHTML = `<h2>Cinemas near you</h2><ul class="list">${nearest.map(c => `
      <li><a href="/cities/${enc(c.cityId)}">${esc(c.name)}</a> <span class="muted">· ${c.distanceKm.toFixed(1)} km · ${esc(c.address)}</span></li>`).join('')}</ul>`;
  }, () => {
    nearby.innerHTML = '<p class="notice">We could not get your location; pick a city below.</p>';
  }, { timeout: 10000, maximumAge: 600000 });
}

// ---- Movies of a city ---------------------------------------------------------------------------------------------

async function cityPage(cityId) {
  const all = await cities();
  const city = all.find(c => c.id === cityId);
  if (!city) throw new ApiError(404, null);
  kept.write('city', cityId);
  const date = new URLSearchParams(location.search).get('date') || '';
  const days = Array.from({ length: 7 }, (_, i) => localDate(new Date(Date.now() + i * 86400000), city.timeZone));
  const answer = await get(`/api/v1/cities/${enc(cityId)}/movies${date ? `?date=${enc(date)}` : ''}`);
  main.innerHTML = `
    <h1>Movies in ${esc(city.name)}</h1>
    <nav aria-label="Dates"><ul class="chips">
      <li><a href="/cities/${enc(cityId)}" aria-current="${date === ''}">All upcoming</a></li>
      ${days.map((d, i) => `<li><a href="/cities/${enc(cityId)}?date=${d}" aria-current="${date === d}">${dayLabel(d, i)}</a></li>`).join('')}
    </ul></nav>
    ${answer.movies.length === 0 ? '<p class="notice">No shows on sale for this day.</p>' : ''}
    <ul class="cards">${answer.movies.map(movie => `
      <li class="card"><a href="/movies/${enc(movie.id)}?city=${enc(cityId)}${date ? `&date=${date}` : ''}">
        ${poster(movie)}
        <div class="body"><div class="title">${esc(movie.title)}</div>
          <div class="muted">${esc(movie.genres.join(', '))}</div>
          <div class="muted">${movie.runtimeMinutes} min${movie.rating ? ` · ${esc(movie.rating)}` : ''}</div>
          <div class="muted">${movie.showCount} ${movie.showCount === 1 ? 'show' : 'shows'} at ${movie.cinemaCount} ${movie.cinemaCount === 1 ? 'cinema' : 'cinemas'}</div>
        </div></a></li>`).join('')}
    </ul>`;
}

export function poster(movie) {
  return movie.posterUrl
    ? `<img src="${esc(movie.posterUrl)}" alt="Poster of ${esc(movie.title)}" loading="lazy">`
    : `<div class="poster-none" aria-hidden="true">${esc(movie.title)}</div>`;
}

// ---- Showtimes of a movie -----------------------------------------------------------------------------------------

async function moviePage(movieId) {
  const params = new URLSearchParams(location.search);
  const city = params.get('city') || kept.read('city') || '';
  const date = params.get('date') || '';
  const where = kept.read('location');
  const query = new URLSearchParams();
  if (city) query.set('city', city);
  if (date) query.set('date', date);
  if (where) { query.set('lat', where.lat); query.set('lon', where.lon); }
  const [movie, shows, all] = await Promise.all([
    get(`/api/v1/movies/${enc(movieId)}`), get(`/api/v1/movies/${enc(movieId)}/shows?${query}`), cities()]);
  const zone = cityId => all.find(c => c.id === cityId)?.timeZone;
  main.innerHTML = `
    <div class="show-head">${movie.posterUrl ? `<img src="${esc(movie.posterUrl)}" alt="Poster of ${esc(movie.title)}">` : ''}
      <div><h1>${esc(movie.title)}</h1>
        <p class="muted">${esc(movie.genres.join(', '))} · ${movie.runtimeMinutes} min${movie.rating ? ` · ${esc(movie.rating)}` : ''}</p>
        <p>${esc(movie.description)}</p></div></div>
    <h2>Showtimes${where ? ', nearest first' : ''}</h2>
    ${shows.cinemas.length === 0 ? '<p class="notice">No shows on sale here for this day.</p>' : ''}
    <ul class="list">${shows.cinemas.map(cinema => `
      <li><strong>${esc(cinema.name)}</strong>
        <span class="muted">${cinema.distanceKm !== undefined ? ` · ${cinema.distanceKm.toFixed(1)} km` : ''} · ${esc(cinema.address)}</span>
        ${cinema.chain.catalogueStale ? `<p class="muted">Times as ${esc(cinema.chain.name)} last told us${cinema.chain.catalogueAgeSeconds !== undefined ? `, ${Math.round(cinema.chain.catalogueAgeSeconds / 60)} min ago` : ''}.</p>` : ''}
        <ul class="times">${cinema.shows.map(show => `
          <li><a href="/shows/${enc(show.id)}" aria-label="${esc(showLabel(show, zone(cinema.cityId)))}">
            ${esc(dateLabel(show.startsAt, zone(cinema.cityId), date))}<small>${esc(show.format)} · ${esc(show.hall.name)}${show.lowestPrice ? ` · from ${esc(money(show.lowestPrice.amount, show.lowestPrice.currency))}` : ''}</small></a></li>`).join('')}
        </ul></li>`).join('')}
    </ul>`;
}

function dateLabel(iso, zone, date) {
  if (date) return time(iso, zone);
  return new Intl.DateTimeFormat('en-GB', { weekday: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', timeZone: zone })
    .format(new Date(iso));
}

function showLabel(show, zone) {
  return `${dateLabel(show.startsAt, zone, '')}, ${show.format}, ${show.hall.name}, ${show.seatsAvailable} seats free`;
}

// ---- Search -------------------------------------------------------------------------------------------------------

async function searchPage() {
  const q = new URLSearchParams(location.search).get('q') || '';
  document.getElementById('q').value = q;
  if (!q.trim()) {
    main.innerHTML = '<h1>Search</h1><p>Type a movie or a cinema in the box above; spelling mistakes are fine.</p>';
    return;
  }
  const city = kept.read('city');
  let answer;
  try {
    answer = await get(`/api/v1/search?q=${enc(q)}${city ? `&city=${enc(city)}` : ''}`);
  } catch (e) {
    if (e instanceof ApiError && e.status === 400) {
      main.innerHTML = `<h1>Search</h1><p class="notice error">${esc(e.problem?.invalidParams?.[0]?.reason || e.message)}</p>`;
      return;
    }
    throw e;
  }
  main.innerHTML = `
    <h1>Results for “${esc(q)}”</h1>
    ${answer.movies.length === 0 ? `<p class="notice">Nothing found${city ? ' in this city' : ''}. Try other words.</p>` : ''}
    <ul class="list">${answer.movies.map(movie => `
      <li><a href="/movies/${enc(movie.id)}${city ? `?city=${enc(city)}` : ''}"><strong>${esc(movie.title)}</strong></a>
        <span class="muted">· ${esc(movie.genres.join(', '))} · ${movie.runtimeMinutes} min</span>
        <div class="muted">${movie.cinemas.map(c => esc(c.name)).join(' · ')}</div></li>`).join('')}
    </ul>`;
}

render();
