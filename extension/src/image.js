// image.js: the engine's phrase index kept between service worker starts.
// Chrome stops an idle service worker after some 30 seconds, and each start
// compiled the rule pack inside WebAssembly while the user waited for the
// first assessment; most of that is building the phrase index. After a start
// that built it, the worker stores the engine's image of it (some 2 MB) in
// the extension's own IndexedDB, under the BUILD of the app.wasm it came
// from, and the next start reads it back (see load's image option in
// politely.mjs). It holds no message text: the image is made from the rule
// pack alone. Only the newest build's image is kept.

const DB = 'politely';
const STORE = 'images';

function open() {
  return new Promise((resolve, reject) => {
    const req = indexedDB.open(DB, 1);
    req.onupgradeneeded = () => req.result.createObjectStore(STORE);
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

function done(tx) {
  return new Promise((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onerror = tx.onabort = () => reject(tx.error);
  });
}

// readImage resolves to the image kept for build, or undefined: none kept,
// another build's, or storage that fails (a start without the image is only
// slower, so no error reaches the user).
export async function readImage(build) {
  try {
    const db = await open();
    try {
      const tx = db.transaction(STORE, 'readonly');
      const got = await new Promise((resolve, reject) => {
        const req = tx.objectStore(STORE).get(build);
        req.onsuccess = () => resolve(req.result);
        req.onerror = () => reject(req.error);
      });
      return got instanceof Uint8Array ? got : undefined;
    } finally {
      db.close();
    }
  } catch {
    return undefined;
  }
}

// keepImage stores image as build's, in place of any other build's. It
// resolves to whether it was stored.
export async function keepImage(build, image) {
  if (!(image instanceof Uint8Array) || !build) return false;
  try {
    const db = await open();
    try {
      const tx = db.transaction(STORE, 'readwrite');
      const store = tx.objectStore(STORE);
      store.clear();
      store.put(image, build);
      await done(tx);
      return true;
    } finally {
      db.close();
    }
  } catch {
    return false;
  }
}
