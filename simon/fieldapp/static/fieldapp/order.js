/* One work order on the phone: what to do, the customer and where, who to call, the timers,
   hours, materials and forms (with what still waits to be sent), and 'Gereed melden'. */
import { clone, fill, list, slot } from "./dom.js";
import { completing, mayEdit, rows, state, totals } from "./data.js";
import { dayName, hhmm, hours, quantity, shortDate, span, stopwatch, t } from "./format.js";
import { reach } from "./today.js";

const PENDING = { new: "pending_new", edit: "pending_edit", delete: "pending_delete", refused: "pending_refused" };

function row(family, data, entry, editable) {
  const node = clone("tpl-row");
  node.dataset.family = family;
  node.dataset.key = entry.key;
  if (entry.pending) {
    const badge = slot(node, "pending");
    badge.hidden = false;
    badge.textContent = t(PENDING[entry.pending]);
    node.classList.add(`is-${entry.pending}`);
  }
  const edit = slot(node, "edit");
  edit.hidden = !editable || entry.pending === "delete" || entry.pending === "refused";
  edit.dataset.action = `${family}-edit`;
  edit.dataset.key = entry.key;
  return node;
}

function hoursRow(entry, editable) {
  const data = entry.data;
  const mine = !data.employee || data.employee.username === state.me;
  const node = row("hours", data, entry, editable && mine);
  const detail = [shortDate(data.date)];
  if (data.start) detail.push(`${hhmm(data.start)}–${hhmm(data.end)}`);
  if (!mine) detail.push(data.employee.name);
  if (data.note) detail.push(data.note);
  fill(node, {
    what: t(data.kind === "reistijd" ? "travel" : "work"),
    amount: t("minutes", { n: data.minutes }),
    detail: detail.join(" · "),
  });
  return node;
}

function materialRow(entry, editable) {
  const data = entry.data;
  const node = row("material", data, entry, editable);
  fill(node, {
    what: `${data.article.article_code} · ${data.article.description}`,
    amount: `${quantity(data.quantity)} ${data.article.unit || ""}`.trim(),
    detail: data.note || "",
  });
  return node;
}

function formRow(entry, editable) {
  const data = entry.data;
  const node = row("form", data, entry, editable);
  fill(node, { what: data.name, amount: t(data.completed ? "form_done" : "form_open"), detail: "" });
  return node;
}

export function render(root, code) {
  const view = root.querySelector('[data-view="order"]');
  const order = state.orders.get(code);
  if (!order) return false;
  const editable = mayEdit(order);
  const status = slot(view, "state");
  status.className = `badge status-${completing(order) ? "gereed_gemeld" : order.status}`;
  status.textContent = completing(order) ? t("status_completing") : t(`status_${order.status}`);
  const planning = order.planning;
  fill(view, {
    title: t("work_order", { number: order.number }),
    when: planning.date ? `${dayName(planning.date)} · ${span(planning.start, planning.end)}` : t("not_planned"),
    description: order.description || t("no_description"),
    customer: order.customer ? order.customer.name : t("no_customer"),
  });
  document.title = `${t("work_order", { number: order.number })} · Simon`;
  const readonly = slot(view, "readonly");
  readonly.hidden = editable;
  readonly.textContent = completing(order) ? t("completing_note") : t(order.status === "gearchiveerd" ? "archived_note" : "completed_note");
  const reference = slot(view, "reference");
  reference.hidden = !order.customer_reference;
  reference.textContent = t("reference", { reference: order.customer_reference });
  const address = order.work_address;
  const where = reach(order);
  slot(view, "address").textContent = address && address.label ? `${address.label}: ${where.address}` : where.address || t("no_address");
  const contact = slot(view, "contact");
  contact.hidden = !(address && address.contact_name);
  contact.textContent = address ? t("contact", { name: address.contact_name, phone: address.contact_phone }).trim() : "";
  slot(view, "reach").replaceChildren(...where.links);

  renderTimer(view, order, editable);
  list(view, "hours", rows(order, "hours").map((entry) => hoursRow(entry, editable)));
  list(view, "material", rows(order, "material").map((entry) => materialRow(entry, editable)));
  list(view, "form", rows(order, "form").map((entry) => formRow(entry, editable)));
  const sums = totals(order);
  slot(view, "totals").textContent = t("totals_line", {
    work: hours(sums.werktijd),
    travel: hours(sums.reistijd),
    materials: sums.materials,
  });
  for (const button of view.querySelectorAll("[data-edit]")) button.hidden = !editable;
  view.dataset.code = code;
  return true;
}

export function renderTimer(view, order, editable) {
  const timer = state.timer;
  const here = timer && timer.order === order.code;
  view.querySelector("#tijd").hidden = !here && !editable;
  slot(view, "timer-running").hidden = !here;
  slot(view, "timer-idle").hidden = here || !editable;
  const elsewhere = slot(view, "timer-elsewhere");
  elsewhere.hidden = !timer || here;
  if (timer && !here) elsewhere.textContent = t("timer_elsewhere", { number: timer.number });
  if (here) {
    slot(view, "timer-label").textContent = t(timer.kind === "reistijd" ? "travel_since" : "work_since", {
      time: new Date(timer.started).toLocaleTimeString(document.documentElement.lang, { hour: "2-digit", minute: "2-digit" }),
    });
    slot(view, "timer-clock").textContent = stopwatch(Date.now() - timer.started);
    // Arrived: one tap books the travel time and starts the work (or the other way round).
    const other = timer.kind === "reistijd" ? "werktijd" : "reistijd";
    const switcher = slot(view, "timer-switch");
    switcher.dataset.kind = other;
    switcher.textContent = t(other === "werktijd" ? "start_work" : "start_travel");
  }
}

