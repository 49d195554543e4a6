/* Simon's field app: the service worker (plain JavaScript, rendered by simon/fieldapp/views.py).

   It keeps the shell page and its files in the Cache Storage so the app opens without a
   connection. Data is not its business: the pages keep the work orders and the queue of
   registrations in IndexedDB and talk to /api/v1/ themselves, so API requests pass through. */
"use strict";

const VERSION = "{{ version }}";
const CACHE = "simon-veld-" + VERSION;
const SHELL = "{{ shell }}";
const SCOPE = "{{ scope }}";
const ASSETS = {{ assets|safe }};
const OFFLINE_TITLE = {{ offline_title|safe }};
const OFFLINE_TEXT = {{ offline_text|safe }};
// A connection that answers nothing ('lie-fi' in a basement) should not hold the app up.
const NAVIGATION_TIMEOUT_MS = 4000;

self.addEventListener("install", (event) => {
  event.waitUntil(
    (async () => {
      const cache = await caches.open(CACHE);
      await cache.addAll(ASSETS);
      await storeShell(cache, await fetch(SHELL, { credentials: "same-origin" }));
      await self.skipWaiting();
    })()
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    (async () => {
      for (const name of await caches.keys()) {
        if (name.startsWith("simon-veld-") && name !== CACHE) await caches.delete(name);
      }
      await self.clients.claim();
    })()
  );
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== "GET" || url.origin !== self.location.origin) return;
  if (url.pathname.startsWith("/api/")) return; // the pages handle the API themselves
  if (request.mode === "navigate" && url.pathname.startsWith(SCOPE)) {
    event.respondWith(navigation(request));
  } else if (ASSETS.includes(url.pathname)) {
    event.respondWith(asset(request));
  }
});

// Every page of the field app is the same shell (the script shows the screen the address
// asks for), so one cached copy serves them all.
async function storeShell(cache, response) {
  const type = response.headers.get("Content-Type") || "";
  if (response.ok && !response.redirected && type.startsWith("text/html")) {
    await cache.put(SHELL, response);
  }
}

async function navigation(request) {
  const cache = await caches.open(CACHE);
  try {
    const response = await withTimeout(fetch(request), NAVIGATION_TIMEOUT_MS);
    if (response.ok) await storeShell(cache, response.clone());
    return response;
  } catch (error) {
    const shell = await cache.match(SHELL);
    return shell || offlinePage();
  }
}

async function asset(request) {
  const cache = await caches.open(CACHE);
  const cached = await cache.match(request, { ignoreSearch: true });
  if (cached) return cached;
  const response = await fetch(request);
  if (response.ok) await cache.put(request, response.clone());
  return response;
}

function withTimeout(promise, ms) {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error("timeout")), ms);
    promise.then(
      (value) => { clearTimeout(timer); resolve(value); },
      (error) => { clearTimeout(timer); reject(error); }
    );
  });
}

function offlinePage() {
  const escape = (text) => text.replace(/[&<>"]/g, (c) => "&#" + c.charCodeAt(0) + ";");
  const html =
    '<!doctype html><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">' +
    "<title>" + escape(OFFLINE_TITLE) + "</title><h1>" + escape(OFFLINE_TITLE) + "</h1><p>" +
    escape(OFFLINE_TEXT) + "</p>";
  return new Response(html, { status: 503, headers: { "Content-Type": "text/html; charset=utf-8" } });
}
