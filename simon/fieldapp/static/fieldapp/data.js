/* What the screens show: the stored offline package with the queued registrations laid over
   it, the running timer, and article search (on the phone, or at Simon when it has only part
   of the catalogue and there is a connection). */
import * as api from "./api.js";
import * as outbox from "./outbox.js";
import * as store from "./store.js";

// Today and the next seven days are kept on the phone (see docs/nl/veld-app.md).
export const DAYS = 7;
const SEARCH_LIMIT = 30;

export const state = {
  account: null,
  me: null,
  orders: new Map(),
  customers: new Map(),
  articles: new Map(),
  templates: new Map(),
  meta: null,
  timer: null,
};

async function loadMaps() {
  for (const name of ["orders", "customers", "articles", "templates"]) {
    state[name] = new Map((await store.all(name)).map((row) => [row.code, row]));
  }
  state.meta = (await store.get("meta", "package")) || null;
  state.timer = (await store.get("timers", state.account)) || null;
}

/* The phone's data belongs to one account; another account's work orders are dropped (its
   queued registrations stay, and are sent when that account logs in again). */
export async function load(account) {
  state.account = account;
  state.me = account.slice(account.indexOf(":") + 1);
  const owner = await store.get("meta", "account");
  if (!owner || owner.value !== account) {
    for (const name of ["orders", "customers", "articles", "templates"]) await store.replace(name, []);
    await store.remove("meta", "package");
    await store.put("meta", { key: "account", value: account });
  }
  await loadMaps();
}

export async function refresh() {
  const { status, data } = await api.call("GET", `/offline-package?days=${DAYS}`);
  if (status !== 200) return false;
  await store.replace("orders", data.work_orders);
  await store.replace("customers", data.customers);
  await store.replace("templates", data.form_templates);
  await store.replace("articles", data.articles);
  await store.put("meta", {
    key: "package",
    today: data.today,
    until: data.until,
    fetched: Date.now(),
    all_articles: data.all_articles,
    recent: data.recent_articles,
  });
  await loadMaps();
  return true;
}

/* After Simon accepted a queued item: show its answer until the next package arrives. */
export async function applySent(item, data) {
  const order = state.orders.get(item.order);
  if (!order) return;
  const target = item.target || (item.after && outbox.byId(item.after)?.result?.code);
  const rows = { hours: "time_entries", material: "materials", form: "forms" }[item.family];
  if (item.kind === "complete") {
    Object.assign(order, data);
  } else if (item.action === "add") {
    order[rows].push(data);
  } else if (item.action === "edit") {
    order[rows] = order[rows].map((row) => (row.code === data.code ? data : row));
  } else if (item.action === "delete") {
    order[rows] = order[rows].filter((row) => row.code !== target);
  }
  await store.put("orders", order);
}

/* The rows of one family (hours, material, form) of an order as the monteur sees them: what
   Simon has, with queued changes applied, and queued new ones at the end. Each row says what
   still waits: 'new', 'edit' or 'delete'. */
export function rows(order, family) {
  const field = { hours: "time_entries", material: "materials", form: "forms" }[family];
  const open = outbox.open(order.code).filter((item) => item.family === family);
  const result = (order[field] || []).map((data) => ({ key: data.code, target: { code: data.code }, data }));
  for (const item of open.filter((item) => item.action === "add")) {
    result.push({ key: item.id, target: { after: item.id }, data: item.preview, item, pending: "new" });
  }
  for (const row of result) {
    for (const item of open) {
      const aims = item.target ? item.target === row.target.code : item.after === row.target.after;
      if (item.action === "add" || !aims || item.status !== "waiting") continue;
      if (item.action === "edit") {
        row.data = { ...row.data, ...item.preview };
        row.pending = row.pending || "edit";
        row.edit = item;
      } else {
        row.pending = "delete";
      }
    }
    if (row.item && row.item.status === "refused") row.pending = "refused";
  }
  return result;
}

export function completing(order) {
  return outbox.open(order.code).some((item) => item.kind === "complete" && item.status === "waiting");
}

export function mayEdit(order) {
  return order.may_edit && !completing(order);
}

/* Totals over what Simon has and what waits (what 'gereed melden' will have behind it). */
export function totals(order) {
  const sums = { werktijd: 0, reistijd: 0, materials: 0, forms: 0, unfinished: 0 };
  for (const row of rows(order, "hours")) {
    if (row.pending !== "delete" && row.pending !== "refused") sums[row.data.kind] += Number(row.data.minutes) || 0;
  }
  sums.materials = rows(order, "material").filter((row) => !["delete", "refused"].includes(row.pending)).length;
  for (const row of rows(order, "form")) {
    if (row.pending === "refused") continue;
    sums.forms += 1;
    if (!row.data.completed) sums.unfinished += 1;
  }
  return sums;
}

/* --- the timer ----------------------------------------------------------------------- */

export async function startTimer(order, kind) {
  state.timer = { account: state.account, order: order.code, number: order.number, kind, started: Date.now() };
  await store.put("timers", state.timer);
}

export async function clearTimer() {
  state.timer = null;
  await store.remove("timers", state.account);
}

/* --- articles ------------------------------------------------------------------------ */

export function searchHere(text) {
  const needle = text.trim().toLowerCase();
  const rank = (article) => {
    const code = article.article_code.toLowerCase();
    if (code.startsWith(needle)) return 0;
    if (code.includes(needle)) return 1;
    return article.description.toLowerCase().includes(needle) ? 2 : null;
  };
  return [...state.articles.values()]
    .map((article) => [rank(article), article])
    .filter(([score]) => score !== null)
    .sort((a, b) => a[0] - b[0] || a[1].article_code.localeCompare(b[1].article_code))
    .slice(0, SEARCH_LIMIT)
    .map(([, article]) => article);
}

/* { articles, here }: ``here`` is true when the phone searched its own articles. */
export async function search(text) {
  const complete = state.meta && state.meta.all_articles;
  if (!complete && api.online() && text.trim()) {
    try {
      const query = new URLSearchParams({ q: text.trim(), limit: SEARCH_LIMIT });
      const { status, data } = await api.call("GET", `/articles?${query}`);
      if (status === 200) {
        for (const article of data.items) {
          state.articles.set(article.code, article);
          await store.put("articles", article);
        }
        return { articles: data.items, here: false };
      }
    } catch (error) {
      // no connection after all: search what the phone has
    }
  }
  return { articles: searchHere(text), here: true };
}

export function recentArticles() {
  const codes = (state.meta && state.meta.recent) || [];
  return codes.map((code) => state.articles.get(code)).filter(Boolean);
}

export async function usedArticle(article) {
  state.articles.set(article.code, article);
  const meta = state.meta || { key: "package", recent: [] };
  meta.recent = [article.code, ...(meta.recent || []).filter((code) => code !== article.code)].slice(0, 12);
  state.meta = meta;
  await store.put("meta", meta);
}
