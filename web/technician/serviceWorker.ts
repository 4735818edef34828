/** Where the app lives; the service worker controls this path and nothing above it. */
export const technicianScope = '/api/tech/';
export const serviceWorkerPath = `${technicianScope}sw.js`;

/**
 * The service worker: the shell's files (content-hashed, so a new deployment is a new cache) are
 * cached at install and served from the cache, so the app opens with no network. The page itself
 * is fetched fresh when possible (it carries the session's CSRF token) and from the cache offline.
 * API reads are not cached here: the app keeps its own copy in IndexedDB and says when it shows it.
 */
export function serviceWorkerScript(version: string, shell: readonly string[]): string {
  return `'use strict';
var CACHE = 'fieldline-tech-${version}';
var PAGE = ${JSON.stringify(technicianScope)};
var SHELL = ${JSON.stringify(shell)};
self.addEventListener('install', function (event) {
  event.waitUntil(caches.open(CACHE).then(function (cache) {
    return cache.addAll([PAGE].concat(SHELL).map(function (url) { return new Request(url, { credentials: 'same-origin' }); }));
  }).then(function () { return self.skipWaiting(); }));
});
self.addEventListener('activate', function (event) {
  event.waitUntil(caches.keys().then(function (keys) {
    return Promise.all(keys.filter(function (key) { return key.indexOf('fieldline-tech-') === 0 && key !== CACHE; })
      .map(function (key) { return caches.delete(key); }));
  }).then(function () { return self.clients.claim(); }));
});
self.addEventListener('fetch', function (event) {
  var request = event.request;
  if (request.method !== 'GET') return;
  var url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (request.mode === 'navigate' && url.pathname === PAGE) {
    event.respondWith(fetch(request).then(function (response) {
      if (response.ok && response.type === 'basic') {
        var copy = response.clone();
        caches.open(CACHE).then(function (cache) { return cache.put(PAGE, copy); });
      }
      return response;
    }).catch(function () {
      return caches.match(PAGE, { cacheName: CACHE }).then(function (cached) { return cached || Response.error(); });
    }));
    return;
  }
  if (SHELL.indexOf(url.pathname) >= 0) {
    event.respondWith(caches.match(url.pathname, { cacheName: CACHE }).then(function (cached) { return cached || fetch(request); }));
  }
});
`;
}
