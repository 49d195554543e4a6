/* What the phone keeps, in IndexedDB (one database per browser profile):
   meta       the account it belongs to, the API token, when the package was fetched
   orders     my work orders (the offline package), by code
   customers  their customers, by code
   articles   articles to search without a connection, by code
   templates  the forms that can be filled in, by code
   queue      registrations to send (and, for a day, the ones sent), by their client id
   timers     the running timer per account */
const NAME = "simon-veld";
const VERSION = 1;
const KEYS = {
  meta: "key",
  orders: "code",
  customers: "code",
  articles: "code",
  templates: "code",
  queue: "id",
  timers: "account",
};
let opened = null;

export function open() {
  if (!opened) {
    opened = new Promise((resolve, reject) => {
      const request = indexedDB.open(NAME, VERSION);
      request.onupgradeneeded = () => {
        for (const [store, keyPath] of Object.entries(KEYS)) {
          if (!request.result.objectStoreNames.contains(store)) {
            request.result.createObjectStore(store, { keyPath });
          }
        }
      };
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
  }
  return opened;
}

async function run(stores, mode, work) {
  const db = await open();
  return new Promise((resolve, reject) => {
    const tx = db.transaction(stores, mode);
    let result;
    tx.oncomplete = () => resolve(result);
    tx.onerror = () => reject(tx.error);
    tx.onabort = () => reject(tx.error);
    const request = work(tx);
    if (request) request.onsuccess = () => { result = request.result; };
  });
}

export const get = (store, key) => run([store], "readonly", (tx) => tx.objectStore(store).get(key));
export const all = (store) => run([store], "readonly", (tx) => tx.objectStore(store).getAll());
export const put = (store, value) => run([store], "readwrite", (tx) => tx.objectStore(store).put(value));
export const remove = (store, key) => run([store], "readwrite", (tx) => tx.objectStore(store).delete(key));

/* Replace a store's whole content in one transaction (a refreshed package). */
export function replace(store, values) {
  return run([store], "readwrite", (tx) => {
    const objects = tx.objectStore(store);
    objects.clear();
    for (const value of values) objects.put(value);
  });
}
