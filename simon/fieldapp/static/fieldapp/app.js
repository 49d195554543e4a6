/* Simon's field app (docs/nl/veld-app.md): the shell's screens, filled from what the phone
   stored, and the queue sent whenever there is a connection.

   Offline first: every screen is drawn from IndexedDB, every registration goes into the queue,
   and the network only refreshes the stored package and empties the queue. So a dead zone
   changes nothing for the monteur except the line 'Geen verbinding' and a growing queue. */
import * as api from "./api.js";
import * as data from "./data.js";
import { el, slot } from "./dom.js";
import { count, setup as setupTexts, stopwatch, t } from "./format.js";
import * as order from "./order.js";
import * as outbox from "./outbox.js";
import * as queue from "./queue.js";
import * as sheets from "./sheets.js";
import * as store from "./store.js";
import * as today from "./today.js";

const root = document.getElementById("field-app");
const REFRESH_MS = 5 * 60 * 1000; // the package, while the app is open and online
const RETRY_MS = 20 * 1000; // the queue, while something waits
let loginNeeded = false;

function route() {
  const base = root.dataset.todayUrl;
  const path = location.pathname;
  if (path.startsWith(`${base}werkbon/`)) {
    return { view: "order", code: path.slice(`${base}werkbon/`.length).split("/")[0] };
  }
  if (path === root.dataset.outboxUrl) return { view: "outbox" };
  return { view: "today" };
}

function currentOrder() {
  return data.state.orders.get(route().code);
}

function render() {
  const where = route();
  let view = where.view;
  if (view === "order" && !order.render(root, where.code)) view = "missing";
  if (view === "today") {
    today.render(root);
    document.title = `${t("today")} · Simon`;
  }
  if (view === "outbox") {
    queue.render(root);
    document.title = `${t("outbox")} · Simon`;
  }
  for (const section of root.querySelectorAll("[data-view]")) section.hidden = section.dataset.view !== view;
  renderStatus();
}

function renderStatus() {
  const waiting = outbox.waiting().length;
  const refused = outbox.refused().length;
  const online = api.online();
  const header = document.querySelector(".fa-bar");
  slot(header, "outbox-count").textContent = String(waiting + refused);
  slot(header, "outbox-link").classList.toggle("has-refused", refused > 0);
  const net = slot(header, "net");
  net.textContent = t(online ? "online" : "offline");
  net.classList.toggle("is-offline", !online);
  const bar = slot(root, "status");
  const parts = [];
  let tone = "";
  if (loginNeeded) {
    tone = "warning";
    parts.push(t("login_needed"), " ", el("a", { href: root.dataset.loginUrl, text: t("login") }));
  } else if (refused) {
    tone = "error";
    parts.push(count(refused, "refused_one", "refused_many"), " ", el("a", { href: root.dataset.outboxUrl, text: t("look") }));
  } else if (!online) {
    tone = "warning";
    parts.push(t("offline_note"));
  }
  if (waiting && !loginNeeded) {
    if (parts.length) parts.push(" ");
    parts.push(count(waiting, "waiting_one", "waiting_many"));
  }
  bar.hidden = !parts.length;
  bar.className = `fa-status message ${tone}`;
  bar.replaceChildren(...parts);
}

/* Empty the queue and (when asked, or when something was sent) refresh the package. */
let syncing = 0;

async function sync(refresh = false) {
  syncing += 1;
  root.dataset.syncing = "1";
  try {
    if (api.online()) {
      const outcome = await outbox.flush(data.applySent);
      if (outcome.stopped) throw outcome.stopped;
      if (refresh || outcome.sent) await data.refresh();
      loginNeeded = false;
    }
  } catch (error) {
    if (error instanceof api.LoginNeeded) loginNeeded = true;
    else if (!(error instanceof api.Offline)) console.warn("sync", error);
  }
  render();
  syncing -= 1;
  if (!syncing) delete root.dataset.syncing;
  root.dataset.synced = String(Date.now()); // for the tests: one round is over
}

async function changed() {
  render();
  await sync();
}

function tick() {
  const timer = data.state.timer;
  if (!timer) return;
  const clock = root.querySelector('[data-view="order"]:not([hidden]) [data-slot="timer-clock"]');
  if (clock) clock.textContent = stopwatch(Date.now() - timer.started);
  const view = root.querySelector('[data-view="today"]:not([hidden])');
  if (view) today.renderTimerBanner(root, view);
}

async function act(button) {
  if (await sheets.click(button)) return;
  const action = button.dataset.action;
  const work = currentOrder();
  const item = button.closest("[data-id]") && outbox.byId(button.closest("[data-id]").dataset.id);
  if (action === "timer-start") {
    await sheets.startTimer(work, button.dataset.kind);
    render();
  } else if (action === "timer-stop") sheets.openStop();
  else if (action === "hours-add") sheets.openHours(work);
  else if (action === "hours-edit") sheets.openHours(work, button.dataset.key);
  else if (action === "material-add") sheets.openMaterial(work);
  else if (action === "material-edit") sheets.openMaterial(work, button.dataset.key);
  else if (action === "form-add") sheets.openFormPick(work);
  else if (action === "form-edit") sheets.openForm(work, null, button.dataset.key);
  else if (action === "complete") sheets.openComplete(work);
  else if (action === "send-now") await sync(true);
  else if (action === "retry" && item) {
    await outbox.retry(item);
    await changed();
  } else if (action === "discard" && item) {
    button.parentElement.querySelector("[data-action=discard-sure]").hidden = false;
  } else if (action === "discard-sure" && item) {
    await outbox.discard(item);
    await changed();
  }
}

/* Logging out: the token is revoked by Simon; the phone forgets it and the work orders, and
   keeps the queue (sent when this account logs in again). */
async function logOut(form) {
  await api.forgetToken();
  for (const name of ["orders", "customers", "articles", "templates"]) await store.replace(name, []);
  await store.remove("meta", "account");
  form.submit();
}

function wire() {
  document.addEventListener("click", (event) => {
    const button = event.target.closest("[data-action], [data-close], [data-step]");
    if (button && root.contains(button)) {
      event.preventDefault();
      act(button);
    }
  });
  document.addEventListener("submit", (event) => {
    // A shell served from the cache may carry an older session's CSRF token; the cookie has
    // the current one.
    const field = event.target.querySelector("input[name=csrfmiddlewaretoken]");
    if (field && api.csrfToken()) field.value = api.csrfToken();
    if (event.target.matches("form[data-logout]")) {
      event.preventDefault();
      logOut(event.target);
    }
  });
  window.addEventListener("online", () => sync(true));
  window.addEventListener("offline", render);
  document.addEventListener("visibilitychange", () => {
    if (document.visibilityState === "visible") sync();
  });
}

async function boot() {
  setupTexts(JSON.parse(document.getElementById("field-texts").textContent), root.dataset.language);
  api.setup({
    api: root.dataset.api,
    tokenUrl: root.dataset.tokenUrl,
    account: root.dataset.account,
    language: root.dataset.language,
  });
  await data.load(root.dataset.account);
  await outbox.load(root.dataset.account);
  sheets.setup(changed);
  sheets.wire(root);
  wire();
  render();
  root.dataset.ready = "1";
  setInterval(tick, 1000);
  setInterval(() => sync(true), REFRESH_MS);
  setInterval(() => {
    if (outbox.waiting().length) sync();
  }, RETRY_MS);
  await sync(true);
  // After the first sync: the work orders come before the files for next time.
  if ("serviceWorker" in navigator) {
    navigator.serviceWorker.register(root.dataset.swUrl, { scope: root.dataset.todayUrl }).catch((error) => {
      console.warn("service worker", error);
    });
  }
}

boot();
