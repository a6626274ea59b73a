// The app's service worker: keeps the app's own files (the shell, its
// views, the shared modules and styles) so the app opens and its pages
// render offline. Network first, so an online phone always gets the files
// welkomd serves now; the copy answers when the network does not. Calls to
// the API (POST) are never touched: the app keeps its own copies of the
// data and its outbox (js/store.js, js/outbox.js).
const CACHE = 'welkom-app-v6';
const FILES = [
  '/app/',
  '/app/index.html',
  '/app/app.css',
  '/app/manifest.webmanifest',
  '/console.css',
  '/favicon.svg',
  '/js/api.js',
  '/js/inbox_feed.js',
  '/js/dom.js',
  '/js/form.js',
  '/js/i18n.js',
  '/js/reasons.js',
  '/js/password_fields.js',
  '/js/municipalities.js',
  '/js/views/password.js',
  '/js/views/my_data.js',
  '/js/guard.js',
  '/js/views/mail_settings.js',
  '/js/router.js',
  '/app/js/main.js',
  '/app/js/routes.js',
  '/app/js/session.js',
  '/app/js/store.js',
  '/app/js/outbox.js',
  '/app/js/journey_source.js',
  '/app/js/words.js',
  '/app/js/views/login.js',
  '/app/js/views/me.js',
  '/app/js/views/me_newcomer.js',
  '/app/js/views/me_erasure.js',
  '/app/js/views/settings.js',
  '/app/js/views/today.js',
  '/app/js/views/journey.js',
  '/app/js/views/step.js',
  '/app/js/views/step_card.js',
  '/app/js/views/checkin.js',
  '/app/js/views/buddy.js',
  '/app/js/views/match_fields.js',
  '/app/js/views/events.js',
  '/app/js/views/inbox.js',
  '/app/js/views/profile.js',
  '/app/js/views/proposals.js',
];

self.addEventListener('install', (event) => {
  event.waitUntil(caches.open(CACHE)
                      .then((c) => c.addAll(FILES))
                      .then(() => self.skipWaiting()));
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
      caches.keys()
          .then(
              (keys) => Promise.all(
                  keys.filter((k) => k !== CACHE).map((k) => caches.delete(k))))
          .then(() => self.clients.claim()));
});

self.addEventListener('fetch', (event) => {
  const url = new URL(event.request.url);
  if (event.request.method !== 'GET' || url.origin !== self.location.origin)
    return;
  if (!url.pathname.startsWith('/app/') && !url.pathname.startsWith('/js/') &&
      url.pathname !== '/console.css' && url.pathname !== '/favicon.svg') {
    return;
  }
  event.respondWith((async () => {
    const cache = await caches.open(CACHE);
    try {
      const fresh = await fetch(event.request);
      if (fresh.ok) cache.put(event.request, fresh.clone());
      return fresh;
    } catch (e) {
      const copy = await cache.match(event.request, {ignoreSearch: true});
      if (copy) return copy;
      if (event.request.mode === 'navigate') {
        const shell = await cache.match('/app/');
        if (shell) return shell;
      }
      throw e;
    }
  })());
});
