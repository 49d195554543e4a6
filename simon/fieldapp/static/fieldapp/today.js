/* 'Vandaag': my work orders of today, those left open from earlier days, the coming days and
   those without a date, each with its address (route) and phone number (call). */
import { clone, el, fill, list, slot } from "./dom.js";
import { state, completing } from "./data.js";
import * as outbox from "./outbox.js";
import { count, dayName, isoDate, mapUrl, span, stopwatch, t, telUrl } from "./format.js";

export function orderUrl(root, code) {
  return `${root.dataset.todayUrl}werkbon/${code}/`;
}

/* Where to go and whom to call: the work address (or else the customer's address), the
   contact person's phone (or else the customer's). */
export function reach(order) {
  const customer = order.customer ? state.customers.get(order.customer.code) : null;
  const address = order.work_address || customer;
  const links = [];
  if (address && address.address) {
    links.push(el("a", { class: "button secondary", href: mapUrl(address.address), target: "_blank", rel: "noopener", text: t("route") }));
  }
  const contact = order.work_address && order.work_address.contact_phone;
  if (contact) {
    const name = order.work_address.contact_name;
    const text = name ? t("call_name", { name }) : t("call_contact");
    links.push(el("a", { class: "button secondary", href: telUrl(contact), text }));
  }
  if (customer && customer.phone && customer.phone !== contact) {
    links.push(el("a", { class: "button secondary", href: telUrl(customer.phone), text: t("call_customer") }));
  }
  return { address: address ? address.address : "", links };
}

function card(root, order) {
  const node = clone("tpl-order");
  const where = reach(order);
  slot(node, "link").href = orderUrl(root, order.code);
  fill(node, {
    time: span(order.planning.start, order.planning.end),
    number: order.number,
    customer: order.customer ? order.customer.name : t("no_customer"),
    description: order.description || t("no_description"),
    address: where.address,
  });
  const done = order.status === "gereed_gemeld" || completing(order);
  if (done) {
    const badge = slot(node, "badge");
    badge.hidden = false;
    badge.textContent = t("status_gereed_gemeld");
    badge.className = "badge status-gereed_gemeld";
  }
  const open = outbox.open(order.code);
  if (open.length) {
    const pending = slot(node, "pending");
    pending.hidden = false;
    pending.textContent = count(open.length, "waiting_one", "waiting_many");
  }
  slot(node, "reach").replaceChildren(...where.links);
  return node;
}

export function render(root) {
  const view = root.querySelector('[data-view="today"]');
  const today = isoDate();
  const groups = { overdue: [], today: [], later: new Map(), unplanned: [], done: [] };
  for (const order of state.orders.values()) {
    const date = order.planning.date;
    if (order.status === "gereed_gemeld") groups.done.push(order);
    else if (!date) groups.unplanned.push(order);
    else if (date < today) groups.overdue.push(order);
    else if (date === today) groups.today.push(order);
    else {
      if (!groups.later.has(date)) groups.later.set(date, []);
      groups.later.get(date).push(order);
    }
  }
  slot(view, "date").textContent = dayName(today);
  for (const name of ["overdue", "today", "unplanned", "done"]) {
    list(view, name, groups[name].map((order) => card(root, order)));
    view.querySelector(`[data-group="${name}"]`).hidden = name !== "today" && !groups[name].length;
  }
  const later = [...groups.later.keys()].sort().map((date) =>
    el("section", {}, el("h3", { text: dayName(date) }), el("ul", { class: "fa-orders" }, ...groups.later.get(date).map((order) => card(root, order))))
  );
  list(view, "later", later);
  view.querySelector('[data-group="later"]').hidden = !later.length;
  renderTimerBanner(root, view);
  const meta = state.meta;
  slot(view, "freshness").textContent = meta && meta.fetched
    ? t("freshness", { time: new Date(meta.fetched).toLocaleString(root.dataset.language, { weekday: "short", hour: "2-digit", minute: "2-digit" }), until: dayName(meta.until) })
    : t("never_fetched");
}

export function renderTimerBanner(root, view) {
  const banner = slot(view, "timer-banner");
  const timer = state.timer;
  banner.hidden = !timer;
  if (!timer) return;
  banner.href = orderUrl(root, timer.order);
  banner.textContent = t(timer.kind === "reistijd" ? "travel_running" : "work_running", {
    number: timer.number,
    time: stopwatch(Date.now() - timer.started),
  });
}
