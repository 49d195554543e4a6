/* The sheets (dialogs) of a work order: stopping a timer, hours, a material, a form, and
   'Gereed melden'. Whatever they register goes into the queue (outbox.js), never straight to
   Simon: with or without a connection it is the same path. */
import * as data from "./data.js";
import { el, fill, list, slot } from "./dom.js";
import * as outbox from "./outbox.js";
import {
  count,
  hhmm,
  hours,
  isoDate,
  newId,
  parseMinutes,
  parseQuantity,
  quantity,
  t,
} from "./format.js";
import { pad } from "./signature.js";

const MAX_MINUTES = 24 * 60;
let changed = async () => {};
let current = null; // what the open sheet works on: { order, entry, ... }

export function setup(onChange) {
  changed = onChange;
}

function sheet(id) {
  return document.getElementById(id);
}

function open(id, state) {
  current = { ...state, dialog: id };
  const dialog = sheet(id);
  showError(dialog, "");
  dialog.showModal();
  return dialog;
}

export function close(dialog) {
  if (dialog.open) dialog.close();
  if (current && current.dialog === dialog.id) current = null;
}

function showError(dialog, message) {
  const box = slot(dialog, "error");
  if (!box) return;
  box.hidden = !message;
  box.replaceChildren(...(message ? [el("li", { text: message })] : []));
}

function checkMinutes(text) {
  const minutes = parseMinutes(text);
  if (minutes === null) return [null, t("minutes_whole")];
  if (minutes <= 0) return [null, t("minutes_positive")];
  if (minutes > MAX_MINUTES) return [null, t("minutes_max")];
  return [minutes, ""];
}

async function enqueue(order, entry) {
  await outbox.add({ order: order.code, number: order.number, ...entry });
}

function rowOf(order, family, key) {
  return data.rows(order, family).find((entry) => entry.key === key);
}

/* Change a registration: in place while it was never sent, else as a change sent after it. */
async function change(order, entry, family, method, path, body, preview) {
  const created = entry.item;
  if (created && outbox.changeable(created)) {
    Object.assign(created.body, body);
    Object.assign(created.preview, preview);
    await outbox.save(created);
    return;
  }
  if (entry.edit && outbox.changeable(entry.edit)) {
    Object.assign(entry.edit.body, body);
    Object.assign(entry.edit.preview, preview);
    await outbox.save(entry.edit);
    return;
  }
  await enqueue(order, {
    family,
    action: "edit",
    kind: `${family}-edit`,
    method,
    path: path(entry.target.code || "{ref}"),
    target: entry.target.code,
    after: entry.target.after,
    body,
    preview: { ...entry.data, ...preview },
  });
}

async function removeRow(order, entry, family, path) {
  for (const item of outbox.open(order.code)) {
    const aims = entry.target.code ? item.target === entry.target.code : item.after === entry.target.after;
    if (aims && item.action === "edit" && outbox.changeable(item)) await outbox.discard(item);
  }
  if (entry.item && outbox.changeable(entry.item)) {
    await outbox.discard(entry.item);
    return;
  }
  await enqueue(order, {
    family,
    action: "delete",
    kind: `${family}-delete`,
    method: "DELETE",
    path: path(entry.target.code || "{ref}"),
    target: entry.target.code,
    after: entry.target.after,
    body: undefined,
    preview: entry.data,
  });
}

/* --- timers --------------------------------------------------------------------------- */

function minutesBetween(start, end) {
  const sameDay = isoDate(start) === isoDate(end);
  if (!sameDay) return Math.floor((end - start) / 60000);
  // As Simon counts a start and end time: whole minutes of the clock ('08:02' to '10:17').
  return end.getHours() * 60 + end.getMinutes() - (start.getHours() * 60 + start.getMinutes());
}

export function startTimer(order, kind) {
  if (data.state.timer) {
    openStop(() => data.startTimer(order, kind));
    return Promise.resolve();
  }
  return data.startTimer(order, kind);
}

export function openStop(then = null) {
  const timer = data.state.timer;
  const start = new Date(timer.started);
  const end = new Date();
  const dialog = open("sheet-stop", { timer, start, end, then });
  fill(dialog, {
    title: t(timer.kind === "reistijd" ? "stop_travel" : "stop_work", { number: timer.number }),
    span: t("timer_span", { start: hhmm(start.toTimeString()), end: hhmm(end.toTimeString()) }),
  });
  const minutes = minutesBetween(start, end);
  dialog.querySelector("[name=minutes]").value = String(minutes);
  dialog.querySelector("[name=note]").value = "";
  dialog.querySelector("[data-action=timer-discard-sure]").hidden = true;
  current.computed = minutes;
}

async function bookTimer(dialog) {
  const { timer, start, end, then, computed } = current;
  const [minutes, error] = checkMinutes(dialog.querySelector("[name=minutes]").value);
  if (error) return showError(dialog, error);
  const order = data.state.orders.get(timer.order) || { code: timer.order, number: timer.number };
  const body = { client_id: newId(), kind: timer.kind, date: isoDate(start), note: dialog.querySelector("[name=note]").value.trim() };
  const preview = { kind: timer.kind, date: body.date, minutes, start: null, end: null, note: body.note };
  if (minutes === computed && isoDate(start) === isoDate(end)) {
    // Start and end as the monteur worked them; Simon computes the same minutes from them.
    body.start = hhmm(start.toTimeString());
    body.end = hhmm(end.toTimeString());
    preview.start = `${body.start}:00`;
    preview.end = `${body.end}:00`;
  } else {
    body.minutes = minutes;
  }
  preview.employee = { username: data.state.me, name: "" };
  await enqueue(order, { family: "hours", action: "add", kind: "hours", method: "POST", path: `/work-orders/${order.code}/time-entries`, body, preview });
  await data.clearTimer();
  close(dialog);
  if (then) await then();
  await changed();
}

/* --- hours ---------------------------------------------------------------------------- */

export function openHours(order, key = null) {
  const entry = key ? rowOf(order, "hours", key) : null;
  const dialog = open("sheet-hours", { order, entry });
  const values = entry ? entry.data : { kind: "werktijd", date: isoDate(), minutes: "", note: "" };
  fill(dialog, { title: t(entry ? "hours_edit_title" : "hours_add_title") });
  dialog.querySelector(`[name=kind][value=${values.kind}]`).checked = true;
  dialog.querySelector("[name=date]").value = values.date;
  dialog.querySelector("[name=minutes]").value = String(values.minutes);
  dialog.querySelector("[name=note]").value = values.note || "";
  slot(dialog, "delete").hidden = !entry;
}

async function saveHours(dialog) {
  const { order, entry } = current;
  const [minutes, error] = checkMinutes(dialog.querySelector("[name=minutes]").value);
  const date = dialog.querySelector("[name=date]").value;
  if (error || !date) return showError(dialog, error || t("date_needed"));
  const kind = dialog.querySelector("[name=kind]:checked").value;
  const note = dialog.querySelector("[name=note]").value.trim();
  const path = (code) => `/work-orders/${order.code}/time-entries/${code}`;
  if (entry) {
    const body = { kind, date, minutes, note };
    if (entry.item && outbox.changeable(entry.item)) {
      delete entry.item.body.start;
      delete entry.item.body.end;
    }
    await change(order, entry, "hours", "PATCH", path, body, { kind, date, minutes, note, start: null, end: null });
  } else {
    const body = { client_id: newId(), kind, date, minutes, note };
    const preview = { kind, date, minutes, note, start: null, end: null, employee: { username: data.state.me, name: "" } };
    await enqueue(order, { family: "hours", action: "add", kind: "hours", method: "POST", path: `/work-orders/${order.code}/time-entries`, body, preview });
  }
  close(dialog);
  await changed();
}

/* --- materials ------------------------------------------------------------------------ */

let searchTimer = null;

function chooser(article) {
  const label = `${article.article_code} · ${article.description}${article.unit ? ` (${article.unit})` : ""}`;
  return el("li", {}, el("button", { type: "button", class: "fa-choice", "data-action": "material-choose", "data-code": article.code, text: label }));
}

function showPick(dialog) {
  slot(dialog, "pick").hidden = false;
  slot(dialog, "amount").hidden = true;
  slot(dialog, "save").hidden = true;
  slot(dialog, "other").hidden = true;
  const recent = data.recentArticles();
  slot(dialog, "recent-box").hidden = !recent.length;
  list(dialog, "recent", recent.map(chooser));
  list(dialog, "results", []);
  slot(dialog, "search-note").hidden = true;
  const search = dialog.querySelector("[name=q]");
  search.value = "";
  search.focus();
}

function showAmount(dialog, article, values) {
  current.article = article;
  slot(dialog, "pick").hidden = true;
  slot(dialog, "amount").hidden = false;
  slot(dialog, "save").hidden = false;
  slot(dialog, "article").textContent = `${article.article_code} · ${article.description}`;
  slot(dialog, "unit").textContent = article.unit || "";
  dialog.querySelector("[name=quantity]").value = quantity(values.quantity);
  dialog.querySelector("[name=note]").value = values.note || "";
}

export function openMaterial(order, key = null) {
  const entry = key ? rowOf(order, "material", key) : null;
  const dialog = open("sheet-material", { order, entry });
  fill(dialog, { title: t(entry ? "material_edit_title" : "material_add_title") });
  slot(dialog, "save").textContent = t(entry ? "save" : "add");
  slot(dialog, "delete").hidden = !entry;
  if (entry) {
    showAmount(dialog, entry.data.article, entry.data);
    slot(dialog, "other").hidden = true;
  } else {
    showPick(dialog);
  }
}

async function searchArticles(dialog, text) {
  if (!text.trim()) {
    list(dialog, "results", []);
    slot(dialog, "search-note").hidden = true;
    return;
  }
  const found = await data.search(text);
  if (!current || dialog.querySelector("[name=q]").value !== text) return; // typed on meanwhile
  list(dialog, "results", found.articles.map(chooser));
  const note = slot(dialog, "search-note");
  const partial = found.here && !(data.state.meta && data.state.meta.all_articles);
  note.hidden = found.articles.length > 0 && !partial;
  note.textContent = found.articles.length ? t("search_here_partial") : t("search_nothing");
}

function chooseArticle(dialog, code) {
  const article = data.state.articles.get(code);
  showAmount(dialog, article, { quantity: "1", note: "" });
  slot(dialog, "other").hidden = false;
  dialog.querySelector("[name=quantity]").focus();
}

function step(dialog, delta) {
  const input = dialog.querySelector("[name=quantity]");
  const value = Number(parseQuantity(input.value) || 0) + delta;
  if (value > 0) input.value = quantity(String(Math.round(value * 1000) / 1000));
}

async function saveMaterial(dialog) {
  const { order, entry, article } = current;
  const amount = parseQuantity(dialog.querySelector("[name=quantity]").value);
  if (!amount) return showError(dialog, t("quantity_invalid"));
  const note = dialog.querySelector("[name=note]").value.trim();
  const ref = { code: article.code, article_code: article.article_code, description: article.description, unit: article.unit };
  if (entry) {
    const path = (code) => `/work-orders/${order.code}/materials/${code}`;
    await change(order, entry, "material", "PATCH", path, { quantity: amount, note }, { quantity: amount, note });
  } else {
    const body = { client_id: newId(), article: article.code, quantity: amount, note };
    await enqueue(order, {
      family: "material",
      action: "add",
      kind: "material",
      method: "POST",
      path: `/work-orders/${order.code}/materials`,
      body,
      preview: { article: ref, quantity: amount, note },
    });
    await data.usedArticle(article);
  }
  close(dialog);
  await changed();
}

/* --- forms ---------------------------------------------------------------------------- */

export function openFormPick(order) {
  const dialog = open("sheet-form-pick", { order });
  const templates = [...data.state.templates.values()];
  list(
    dialog,
    "templates",
    templates.map((template) =>
      el("li", {}, el("button", { type: "button", class: "fa-choice", "data-action": "form-choose", "data-code": template.code, text: template.name }))
    )
  );
}

function questionField(question, pads) {
  const id = `q-${question.code}`;
  const box = el("div", { class: "field answer", "data-question": question.code });
  const label = question.label + (question.required ? " *" : "");
  const value = question.answer;
  if (question.kind === "yes_no") {
    const set = el("fieldset", { class: "fa-segmented" }, el("legend", { text: label }));
    for (const [choice, text] of [[true, t("yes")], [false, t("no")]]) {
      set.append(el("label", {}, el("input", { type: "radio", name: id, value: String(choice), checked: value === choice }), ` ${text}`));
    }
    box.append(set);
  } else if (question.kind === "signature") {
    const canvas = el("canvas", { width: 480, height: 160, role: "img", "aria-label": label });
    const input = el("input", { type: "hidden", name: id, value: value || "" });
    const clear = el("button", { type: "button", class: "link", text: t("signature_clear") });
    box.append(el("span", { class: "label", text: label }), el("div", { class: "signature-pad" }, canvas, input, clear));
    const signature = pad(canvas, value, (url) => {
      input.value = url;
    });
    clear.addEventListener("click", () => signature.clear());
    pads.push(signature);
  } else {
    box.append(el("label", { for: id, text: label }));
    if (question.kind === "text") {
      const area = el("textarea", { id, name: id, rows: 3 });
      area.value = value || "";
      box.append(area);
    } else if (question.kind === "choice") {
      const select = el("select", { id, name: id }, el("option", { value: "", text: t("choose") }));
      for (const choice of question.choices) select.append(el("option", { value: choice, text: choice, selected: choice === value }));
      box.append(select);
    } else {
      const type = question.kind === "date" ? "date" : "text";
      const input = el("input", { id, name: id, type, inputmode: question.kind === "number" ? "decimal" : null, autocomplete: "off" });
      input.value = value === null || value === undefined ? "" : String(value).replace(".", question.kind === "number" && document.documentElement.lang === "nl" ? "," : ".");
      box.append(input);
    }
  }
  if (question.help_text) box.append(el("div", { class: "helptext", text: question.help_text }));
  box.append(el("ul", { class: "errorlist", hidden: true }));
  return box;
}

export function openForm(order, templateCode, key = null) {
  const entry = key ? rowOf(order, "form", key) : null;
  const template = data.state.templates.get(templateCode || (entry && entry.data.template));
  const questions = entry ? entry.data.questions : template.questions.map((question) => ({ ...question, answer: null }));
  const dialog = open("sheet-form", { order, entry, template, questions });
  fill(dialog, { title: entry ? entry.data.name : template.name });
  const description = slot(dialog, "description");
  description.hidden = !(template && template.description);
  description.textContent = template ? template.description : "";
  const pads = [];
  slot(dialog, "questions").replaceChildren(...questions.map((question) => questionField(question, pads)));
}

function readAnswer(dialog, question) {
  const name = `q-${question.code}`;
  if (question.kind === "yes_no") {
    const checked = dialog.querySelector(`[name="${name}"]:checked`);
    return checked ? checked.value === "true" : null;
  }
  const value = dialog.querySelector(`[name="${name}"]`).value.trim();
  return value === "" ? null : value;
}

async function saveForm(dialog, complete) {
  const { order, entry, template, questions } = current;
  const answers = {};
  let wrong = 0;
  for (const question of questions) {
    const answer = readAnswer(dialog, question);
    let problem = "";
    if (complete && question.required && answer === null) problem = t("required");
    if (answer !== null && question.kind === "number" && !/^-?[0-9]+([.,][0-9]+)?$/.test(answer)) problem = t("number_needed");
    const box = dialog.querySelector(`[data-question="${question.code}"] .errorlist`);
    box.hidden = !problem;
    box.replaceChildren(...(problem ? [el("li", { text: problem })] : []));
    if (problem) wrong += 1;
    answers[question.code] = answer;
  }
  if (wrong) return showError(dialog, t("check_answers"));
  const answered = questions.map((question) => ({ ...question, answer: answers[question.code] }));
  const preview = { name: entry ? entry.data.name : template.name, completed: complete, questions: answered };
  if (entry) {
    const path = (code) => `/work-orders/${order.code}/forms/${code}`;
    await change(order, entry, "form", "PUT", path, { answers, complete }, preview);
  } else {
    const given = Object.fromEntries(Object.entries(answers).filter(([, answer]) => answer !== null));
    const body = { client_id: newId(), template: template.code, answers: given, complete };
    preview.template = template.code;
    await enqueue(order, { family: "form", action: "add", kind: "form", method: "POST", path: `/work-orders/${order.code}/forms`, body, preview });
  }
  close(dialog);
  await changed();
}

/* --- gereed melden -------------------------------------------------------------------- */

export function openComplete(order) {
  const dialog = open("sheet-complete", { order });
  const sums = data.totals(order);
  const booked = sums.werktijd + sums.reistijd;
  const materials = count(sums.materials, "material_one", "material_many");
  fill(dialog, {
    title: t("complete_title", { number: order.number }),
    summary: t("complete_summary", { hours: hours(booked), materials }),
  });
  list(dialog, "summary", [
    el("li", { text: t("summary_work", { hours: hours(sums.werktijd) }) }),
    el("li", { text: t("summary_travel", { hours: hours(sums.reistijd) }) }),
    el("li", { text: t("summary_materials", { n: sums.materials }) }),
    el("li", { text: t("summary_forms", { n: sums.forms }) }),
  ]);
  const warnings = [];
  const timing = data.state.timer && data.state.timer.order === order.code;
  if (timing) warnings.push(t("warn_timer"));
  if (!booked) warnings.push(t("warn_no_hours"));
  if (sums.unfinished) warnings.push(count(sums.unfinished, "warn_unfinished_one", "warn_unfinished_many"));
  if (outbox.open(order.code).some((item) => item.status === "refused")) warnings.push(t("warn_refused"));
  list(dialog, "warnings", warnings.map((text) => el("li", { text })));
  slot(dialog, "confirm").disabled = timing;
  current.summary = t("complete_summary", { hours: hours(booked), materials });
}

async function complete(dialog) {
  const { order, summary } = current;
  await enqueue(order, {
    family: "complete",
    action: "complete",
    kind: "complete",
    method: "POST",
    path: `/work-orders/${order.code}/complete`,
    body: { client_id: newId() },
    preview: { summary },
  });
  close(dialog);
  await changed();
}

/* --- wiring --------------------------------------------------------------------------- */

const SUBMIT = {
  stop: bookTimer,
  hours: saveHours,
  material: saveMaterial,
  form: (dialog, submitter) => saveForm(dialog, !submitter || submitter.value === "complete"),
  complete,
};

export function wire(root) {
  root.addEventListener("submit", (event) => {
    const form = event.target.closest("form[data-form]");
    if (!form || !SUBMIT[form.dataset.form]) return;
    event.preventDefault();
    SUBMIT[form.dataset.form](form.closest("dialog"), event.submitter);
  });
  root.addEventListener("input", (event) => {
    if (event.target.name !== "q" || !event.target.closest("#sheet-material")) return;
    clearTimeout(searchTimer);
    const dialog = sheet("sheet-material");
    searchTimer = setTimeout(() => searchArticles(dialog, event.target.value), 200);
  });
  for (const dialog of root.querySelectorAll("dialog")) {
    dialog.addEventListener("close", () => {
      // Asynchronous: another sheet may have been opened in the meantime.
      if (current && current.dialog === dialog.id) current = null;
    });
  }
}

/* Clicks inside a sheet; true when handled. */
export async function click(button) {
  const dialog = button.closest("dialog");
  if (!dialog) return false;
  if (button.hasAttribute("data-close")) {
    close(dialog);
    return true;
  }
  if (button.dataset.step) {
    step(dialog, Number(button.dataset.step));
    return true;
  }
  const action = button.dataset.action;
  if (action === "timer-discard") {
    dialog.querySelector("[data-action=timer-discard-sure]").hidden = false;
  } else if (action === "timer-discard-sure") {
    await data.clearTimer();
    const then = current && current.then;
    close(dialog);
    if (then) await then();
    await changed();
  } else if (action === "material-choose") {
    chooseArticle(dialog, button.dataset.code);
  } else if (action === "material-other") {
    showPick(dialog);
  } else if (action === "form-choose") {
    const order = current.order;
    close(dialog);
    openForm(order, button.dataset.code);
  } else if (action === "row-delete") {
    const { order, entry } = current;
    const family = dialog.id === "sheet-hours" ? "hours" : "material";
    const resource = family === "hours" ? "time-entries" : "materials";
    await removeRow(order, entry, family, (code) => `/work-orders/${order.code}/${resource}/${code}`);
    close(dialog);
    await changed();
  } else {
    return false;
  }
  return true;
}
