/* Texts and numbers as the user reads them. The texts come from the shell (gettext, Dutch
   first); ``t("key", {n: 2})`` fills in {n}. */
let TEXTS = {};
let LANGUAGE = "nl";

export function setup(texts, language) {
  TEXTS = texts;
  LANGUAGE = language || "nl";
}

export function t(key, values = {}) {
  let text = TEXTS[key] ?? key;
  for (const [name, value] of Object.entries(values)) {
    text = text.split(`{${name}}`).join(String(value));
  }
  return text;
}

export function count(n, one, many, values = {}) {
  return t(n === 1 ? one : many, { n, ...values });
}

function localDate(iso) {
  const [year, month, day] = iso.split("-").map(Number);
  return new Date(year, month - 1, day);
}

export function isoDate(date = new Date()) {
  const pad = (n) => String(n).padStart(2, "0");
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

export function clock(date) {
  return date.toLocaleTimeString(LANGUAGE, { hour: "2-digit", minute: "2-digit", hour12: false });
}

export function dayName(iso) {
  return localDate(iso).toLocaleDateString(LANGUAGE, { weekday: "long", day: "numeric", month: "long" });
}

export function shortDate(iso) {
  return localDate(iso).toLocaleDateString(LANGUAGE, { day: "2-digit", month: "2-digit", year: "numeric" });
}

export function addDays(iso, days) {
  const date = localDate(iso);
  date.setDate(date.getDate() + days);
  return isoDate(date);
}

/* '08:00:00' -> '08:00' */
export function hhmm(time) {
  return time ? time.slice(0, 5) : "";
}

export function span(start, end) {
  if (!start) return t("all_day");
  return end ? `${hhmm(start)}–${hhmm(end)}` : hhmm(start);
}

/* Minutes as hours with up to two decimals: 0 -> '0', 135 -> '2,25', 20 -> '0,33'. */
export function hours(minutes) {
  return (minutes / 60).toLocaleString(LANGUAGE, { maximumFractionDigits: 2 });
}

/* A running timer: 2535000 ms -> '0:42:15'. */
export function stopwatch(ms) {
  const seconds = Math.max(0, Math.floor(ms / 1000));
  const pad = (n) => String(n).padStart(2, "0");
  return `${Math.floor(seconds / 3600)}:${pad(Math.floor(seconds / 60) % 60)}:${pad(seconds % 60)}`;
}

/* A quantity as the API gives it ('2.5') in the user's language ('2,5'). */
export function quantity(text) {
  const value = Number(text);
  if (!Number.isFinite(value)) return String(text);
  return value.toLocaleString(LANGUAGE, { maximumFractionDigits: 3 });
}

/* What the user typed as a quantity ('1,5') for the API ('1.5'); null when it is no quantity
   Simon takes (more than 0, at most 3 decimals). */
export function parseQuantity(text) {
  const clean = String(text).trim().replace(",", ".");
  if (!/^[0-9]{1,9}(\.[0-9]{0,3})?$/.test(clean)) return null;
  return Number(clean) > 0 ? clean.replace(/\.$/, "") : null;
}

export function parseMinutes(text) {
  const clean = String(text).trim();
  return /^[0-9]{1,5}$/.test(clean) ? Number(clean) : null;
}

export function newId() {
  return crypto.randomUUID();
}

/* A link that opens the phone's maps app (Google Maps' universal URL works on Android and
   iOS), and one that calls. */
export function mapUrl(address) {
  return "https://www.google.com/maps/search/?api=1&query=" + encodeURIComponent(address);
}

export function telUrl(phone) {
  return "tel:" + phone.replace(/[^0-9+]/g, "");
}
