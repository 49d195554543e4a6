/* Talking to the field API (/api/v1/) with this phone's own token.

   The token comes from POST /veld/toestel/ while the browser is logged in (the API takes no
   session cookie), and is kept in IndexedDB with the account it belongs to. A 401 means it was
   revoked (logged out elsewhere, or under 'API-sleutels'): the app asks for a new one once. */
import * as store from "./store.js";

export class Offline extends Error {}
export class LoginNeeded extends Error {}

let config = null;

export function setup(settings) {
  config = settings; // { api, tokenUrl, account, language }
}

export function csrfToken() {
  const match = document.cookie.match(/(?:^|;\s*)csrftoken=([^;]+)/);
  return match ? decodeURIComponent(match[1]) : "";
}

async function newToken() {
  let response;
  try {
    response = await fetch(config.tokenUrl, {
      method: "POST",
      credentials: "same-origin",
      redirect: "manual",
      headers: { "X-CSRFToken": csrfToken(), Accept: "application/json" },
    });
  } catch (error) {
    throw new Offline();
  }
  const type = response.headers.get("Content-Type") || "";
  if (!response.ok || !type.includes("json")) throw new LoginNeeded();
  const body = await response.json();
  if (body.account !== config.account) throw new LoginNeeded();
  await store.put("meta", { key: "token", account: body.account, secret: body.token });
  return body.token;
}

async function token() {
  const saved = await store.get("meta", "token");
  if (saved && saved.account === config.account) return saved.secret;
  return newToken();
}

export function online() {
  return navigator.onLine;
}

/* { status, data } of one request; throws Offline without a connection (nothing was sent, or
   no answer came back) and LoginNeeded when no token can be had. */
export async function call(method, path, body) {
  if (!online()) throw new Offline();
  for (let attempt = 0; ; attempt += 1) {
    const secret = await token();
    let response;
    try {
      response = await fetch(config.api + path, {
        method,
        credentials: "omit",
        headers: {
          Authorization: "Bearer " + secret,
          Accept: "application/json",
          "Accept-Language": config.language,
          ...(body === undefined ? {} : { "Content-Type": "application/json" }),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    } catch (error) {
      throw new Offline();
    }
    if (response.status === 401) {
      await store.remove("meta", "token");
      if (attempt === 0) continue;
      throw new LoginNeeded();
    }
    const data = response.status === 204 ? null : await response.json().catch(() => null);
    return { status: response.status, data, replayed: response.headers.has("Idempotent-Replayed") };
  }
}

export async function forgetToken() {
  await store.remove("meta", "token");
}
