/* 'Te versturen': the queue of registrations (SPEC B6).

   Every registration is stored here first and sent from here, with or without a connection,
   so there is one way for it to reach Simon. Each carries its own id (client_id) and is sent
   until Simon answers; Simon books an id once, so sending it again after a lost answer does
   no harm. In order, one at a time: an edit of something not yet sent waits for it ('after'),
   and 'gereed melden' waits for the registrations of its work order made before it. What Simon
   refuses (the office archived the order, took the monteur off it) stays on the phone with the
   reason and everything typed, until the monteur removes it. */
import * as api from "./api.js";
import * as store from "./store.js";
import { newId } from "./format.js";

const KEEP_SENT_MS = 24 * 60 * 60 * 1000;
let account = null;
let items = [];
let otherAccounts = 0;
let running = null;
let inFlight = null;

export async function load(forAccount) {
  account = forAccount;
  const now = Date.now();
  const everything = await store.all("queue");
  items = [];
  otherAccounts = 0;
  for (const item of everything) {
    if (item.status === "sent" && now - item.sent_at > KEEP_SENT_MS) {
      await store.remove("queue", item.id);
    } else if (item.account === account) {
      items.push(item);
    } else if (item.status !== "sent") {
      otherAccounts += 1;
    }
  }
  items.sort((a, b) => a.seq - b.seq);
}

export const all = () => items;
export const waiting = () => items.filter((item) => item.status === "waiting");
export const refused = () => items.filter((item) => item.status === "refused");
export const sent = () => items.filter((item) => item.status === "sent").reverse();
export const ofOtherAccounts = () => otherAccounts;
export const byId = (id) => items.find((item) => item.id === id);
export const open = (order) => items.filter((item) => item.order === order && item.status !== "sent");
export const busy = () => running !== null;

/* Whether a queued item may still be changed in place: never sent (not even an attempt whose
   answer got lost, which Simon may have booked under this id). */
export function changeable(item) {
  return item.status === "waiting" && item.attempts === 0 && inFlight !== item.id;
}

/* 'Gereed melden' waits while a registration of its work order made before it was refused. */
export function held(item) {
  return (
    item.kind === "complete" &&
    items.some((other) => other.order === item.order && other.seq < item.seq && other.status === "refused")
  );
}

export async function add(entry) {
  const last = items.length ? items[items.length - 1].seq : 0;
  const item = {
    id: (entry.body && entry.body.client_id) || newId(),
    seq: Math.max(Date.now(), last + 1),
    account,
    status: "waiting",
    attempts: 0,
    created: Date.now(),
    ...entry,
  };
  items.push(item);
  await store.put("queue", item);
  return item;
}

export async function save(item) {
  await store.put("queue", item);
}

export async function discard(item) {
  items = items.filter((other) => other !== item);
  await store.remove("queue", item.id);
}

export async function retry(item) {
  item.status = "waiting";
  item.message = "";
  item.errors = [];
  await save(item);
}

/* Send what waits, in order; resolves to { sent, stopped } (stopped: the error that ended
   the round, e.g. api.Offline). ``onSent(item, data)`` updates the stored work order. */
export function flush(onSent) {
  if (!running) {
    running = send(onSent).finally(() => {
      running = null;
    });
  }
  return running;
}

async function send(onSent) {
  const outcome = { sent: 0, stopped: null };
  for (const item of [...items]) {
    if (item.status !== "waiting" || held(item)) continue;
    let path = item.path;
    if (item.after) {
      const first = byId(item.after);
      if (first && first.status === "waiting") continue;
      if (!first || !first.result || !first.result.code) {
        await refuse(item, 0, { message: "", errors: [] }, "depends");
        continue;
      }
      path = path.replace("{ref}", first.result.code);
    }
    item.attempts += 1;
    item.last_error = "";
    inFlight = item.id;
    await save(item);
    let answer;
    try {
      answer = await api.call(item.method, path, item.body);
    } catch (error) {
      inFlight = null;
      outcome.stopped = error;
      break;
    }
    inFlight = null;
    const { status, data } = answer;
    if ((status >= 200 && status < 300) || status === 410 || (item.method === "DELETE" && status === 404)) {
      item.status = "sent";
      item.sent_at = Date.now();
      item.http_status = status;
      item.result = status < 300 ? data : null;
      item.note = status === 410 && data ? data.message : "";
      await save(item);
      outcome.sent += 1;
      if (status < 300) await onSent(item, data);
    } else if (status === 429 || status >= 500) {
      item.last_error = (data && data.message) || String(status);
      await save(item);
      outcome.stopped = new api.Offline();
      break;
    } else {
      await refuse(item, status, data || {});
    }
  }
  return outcome;
}

async function refuse(item, status, data, reason) {
  item.status = "refused";
  item.http_status = status;
  item.reason = reason || String(status);
  item.message = data.message || "";
  item.errors = data.errors || [];
  await save(item);
}
