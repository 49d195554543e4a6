/* 'Te versturen': what waits, what Simon refused (with why, and everything typed), and what
   was sent in the last day. */
import { clone, el, fill, list, slot } from "./dom.js";
import * as outbox from "./outbox.js";
import { count, hhmm, quantity, shortDate, t } from "./format.js";
import { orderUrl } from "./today.js";

const WHY = { 409: "why_closed", 404: "why_gone", 403: "why_forbidden", 400: "why_invalid", 422: "why_invalid", depends: "why_depends" };

function answerText(question) {
  const answer = question.answer;
  if (answer === null || answer === undefined || answer === "") return "—";
  if (question.kind === "yes_no") return t(answer ? "yes" : "no");
  if (question.kind === "signature") return t("signature_given");
  if (question.kind === "date") return shortDate(answer);
  return String(answer);
}

/* What a queued item is, in words: a title, one line, and every field typed (so nothing is
   lost when Simon refuses it). */
export function describe(item) {
  const data = item.preview || {};
  const title = t(`${item.family}_${item.action}`);
  if (item.family === "hours") {
    const kind = t(data.kind === "reistijd" ? "travel" : "work");
    const lines = [
      [t("label_kind"), kind],
      [t("label_date"), data.date ? shortDate(data.date) : ""],
      [t("label_minutes"), String(data.minutes ?? "")],
    ];
    if (data.start) lines.push([t("label_span"), `${hhmm(data.start)}–${hhmm(data.end)}`]);
    if (data.note) lines.push([t("label_note"), data.note]);
    return { title, summary: `${kind} · ${t("minutes", { n: data.minutes })}`, lines };
  }
  if (item.family === "material") {
    const article = data.article || {};
    const what = `${quantity(data.quantity)} × ${article.article_code} · ${article.description}`;
    const lines = [
      [t("label_article"), `${article.article_code} · ${article.description}`],
      [t("label_quantity"), `${quantity(data.quantity)} ${article.unit || ""}`.trim()],
    ];
    if (data.note) lines.push([t("label_note"), data.note]);
    return { title, summary: what, lines };
  }
  if (item.family === "form") {
    const lines = (data.questions || []).map((question) => [question.label, answerText(question), question]);
    return { title, summary: `${data.name} · ${t(data.completed ? "form_done" : "form_open")}`, lines };
  }
  return { title, summary: data.summary || "", lines: [] };
}

function lineNodes(lines) {
  const nodes = [];
  for (const [label, value, question] of lines) {
    nodes.push(el("dt", { text: label }));
    const signature = question && question.kind === "signature" && question.answer;
    nodes.push(
      el("dd", {}, signature ? el("img", { class: "signature", src: question.answer, alt: t("signature_given") }) : value)
    );
  }
  return nodes;
}

function itemNode(root, item, state) {
  const node = clone("tpl-queued");
  const about = describe(item);
  node.dataset.id = item.id;
  node.dataset.state = state;
  const link = slot(node, "number");
  link.textContent = item.number;
  link.href = orderUrl(root, item.order);
  const when = new Date(state === "sent" ? item.sent_at : item.created);
  let status = t(state === "sent" ? "sent_at" : "registered_at", {
    time: when.toLocaleString(root.dataset.language, { day: "numeric", month: "short", hour: "2-digit", minute: "2-digit" }),
  });
  if (state === "waiting") {
    if (outbox.held(item)) status += ` · ${t("held")}`;
    else if (item.last_error) status += ` · ${t("retry_later")}`;
    else status += ` · ${t("waiting")}`;
  }
  fill(node, { what: about.title, summary: about.summary, when: status });
  const message = slot(node, "message");
  if (state === "refused") {
    const why = WHY[item.reason] || "why_other";
    const details = (item.errors || []).map((error) => error.message).filter((text) => text !== item.message);
    message.hidden = false;
    message.textContent = [t(why), item.message, ...details].filter(Boolean).join(" ");
    slot(node, "actions").hidden = false;
  } else if (state === "sent" && item.note) {
    message.hidden = false;
    message.textContent = item.note;
  }
  if (about.lines.length && state !== "sent") {
    slot(node, "typed").hidden = false;
    slot(node, "typed").open = state === "refused";
    slot(node, "lines").replaceChildren(...lineNodes(about.lines));
  }
  return node;
}

export function render(root) {
  const view = root.querySelector('[data-view="outbox"]');
  const refused = outbox.refused();
  const sent = outbox.sent();
  list(view, "waiting", outbox.waiting().map((item) => itemNode(root, item, "waiting")));
  list(view, "refused", refused.map((item) => itemNode(root, item, "refused")));
  list(view, "sent", sent.map((item) => itemNode(root, item, "sent")));
  view.querySelector('[data-group="refused"]').hidden = !refused.length;
  view.querySelector('[data-group="sent"]').hidden = !sent.length;
  const others = outbox.ofOtherAccounts();
  const note = slot(view, "others");
  note.hidden = !others;
  note.textContent = count(others, "others_one", "others_many");
}
