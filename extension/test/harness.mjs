// harness.mjs: what the end-to-end tests and the benchmark share. It serves
// the saved LinkedIn-like pages of testdata/linkedin over local HTTPS (a
// self-signed certificate made at start), launches Debian's chromium with the
// built extension and maps www.linkedin.com to that server.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import https from 'node:https';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const here = path.dirname(fileURLToPath(import.meta.url));
export const EXT = path.resolve(process.env.POLITELY_EXT || path.join(here, '..', 'dist', 'politely'));
export const PAGES = path.resolve(here, '..', '..', 'testdata', 'linkedin');
export const OUT = path.join(here, 'out');
export const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
export const HOST = 'www.linkedin.com';

const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8', '.svg': 'image/svg+xml' };

// LinkedIn serves a strict CSP; the test pages do too, so the extension is
// checked under the same constraints (no inline script, no inline style,
// Trusted Types for anything that would parse HTML).
const CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; object-src 'none'; require-trusted-types-for 'script'";

// route maps a LinkedIn URL to a saved page.
function route(url) {
  const u = new URL(url, `https://${HOST}`);
  if (u.pathname.startsWith('/static/')) return path.basename(u.pathname);
  if (u.pathname.startsWith('/messaging')) return u.searchParams.get('variant') === 'hashed' ? 'hashed.html' : 'messaging.html';
  if (u.pathname.startsWith('/feed')) return 'overlay.html';
  if (u.pathname.startsWith('/mynetwork/invitation-manager')) return 'invitations.html';
  if (u.pathname.startsWith('/mynetwork')) return u.searchParams.get('variant') === 'hashed' ? 'mynetwork-hashed.html' : 'interop.html';
  return null;
}

function certificate(dir) {
  const key = path.join(dir, 'key.pem');
  const cert = path.join(dir, 'cert.pem');
  execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', key, '-out', cert, '-days', '1',
    '-subj', `/CN=${HOST}`, '-addext', `subjectAltName=DNS:${HOST}`], { stdio: 'ignore' });
  return { key: fs.readFileSync(key), cert: fs.readFileSync(cert) };
}

// serve starts the HTTPS server on 127.0.0.1 (a free port) and records every
// request it gets.
export async function serve() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'politely-cert-'));
  const hits = [];
  const server = https.createServer(certificate(dir), (req, res) => {
    hits.push(req.url);
    const name = route(req.url);
    const file = name && path.join(PAGES, name);
    if (!file || !file.startsWith(PAGES) || !fs.existsSync(file)) {
      res.writeHead(404, { 'content-type': 'text/plain' });
      res.end('not found');
      return;
    }
    res.writeHead(200, { 'content-type': TYPES[path.extname(file)] || 'application/octet-stream', 'content-security-policy': CSP, 'cache-control': 'no-store' });
    res.end(fs.readFileSync(file));
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: server.address().port,
    hits,
    close: () => new Promise((resolve) => {
      server.closeAllConnections?.();
      server.close(() => {
        fs.rmSync(dir, { recursive: true, force: true });
        resolve();
      });
    }),
  };
}

// launch starts chromium with the extension in a fresh profile (extra
// arguments such as --lang=de after ours). It returns the context, the
// extension id and the list of every request any page or worker of the
// context made.
export async function launch(port, extra = []) {
  if (!fs.existsSync(path.join(EXT, 'manifest.json'))) throw new Error(`no built extension in ${EXT}: run make extension`);
  if (!fs.existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: run make ext-deps`);
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'politely-profile-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    ignoreDefaultArgs: ['--disable-extensions'],
    viewport: { width: 1280, height: 800 },
    args: [
      '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--disable-default-apps', '--disable-features=DialMediaRouteProvider,OptimizationHints,Translate',
      `--disable-extensions-except=${EXT}`, `--load-extension=${EXT}`,
      `--host-resolver-rules=MAP ${HOST} 127.0.0.1:${port}`, '--ignore-certificate-errors',
      ...extra,
    ],
  });
  const requests = [];
  context.on('request', (r) => requests.push(r.url()));
  let sw = context.serviceWorkers()[0];
  if (!sw) sw = await context.waitForEvent('serviceworker', { timeout: 15000 });
  const id = new URL(sw.url()).host;
  return {
    context, id, requests,
    close: async () => {
      await context.close();
      fs.rmSync(profile, { recursive: true, force: true });
    },
  };
}

// worker returns the extension's current service worker, waking it if it
// was stopped (a message from an extension page starts it again).
export async function worker(context, id) {
  const live = context.serviceWorkers().filter((w) => w.url().startsWith(`chrome-extension://${id}/`));
  for (const w of live.reverse()) {
    try {
      // A stopped worker's handle may neither answer nor fail: bound the wait.
      await Promise.race([w.evaluate(() => 1), new Promise((_, reject) => setTimeout(() => reject(new Error('no answer')), 3000))]);
      return w;
    } catch (_) {}
  }
  return context.waitForEvent('serviceworker', { timeout: 15000 });
}

// imageKept waits, up to ms, until the service worker sw has kept the image
// of its phrase index (image.js: a second after a start that built it), and
// says whether it has.
export async function imageKept(sw, ms) {
  const until = Date.now() + ms;
  for (;;) {
    if (await sw.evaluate(() => politely.seen.imageKept)) return true;
    if (Date.now() >= until) return false;
    await new Promise((r) => setTimeout(r, 100));
  }
}

export function percentile(xs, p) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))];
}

// toolbarPopup clicks the extension's toolbar button for the tab showing
// urlPart (CDP Extensions.triggerAction on the tab target) and returns a way
// to evaluate JavaScript in the popup that opens. Playwright does not attach
// to extension popups, so this talks to it over the browser's CDP session.
export async function toolbarPopup(context, id, urlPart) {
  const s = await context.browser().newBrowserCDPSession();
  const { targetInfos: tabs } = await s.send('Target.getTargets', { filter: [{ type: 'tab' }] });
  const tab = tabs.find((t) => t.url.includes(urlPart));
  if (!tab) throw new Error(`no tab showing ${urlPart}`);
  await s.send('Extensions.triggerAction', { id, targetId: tab.targetId });
  let popup;
  for (let i = 0; i < 100 && !popup; i++) {
    const { targetInfos } = await s.send('Target.getTargets');
    popup = targetInfos.find((t) => t.type === 'page' && t.url === `chrome-extension://${id}/popup.html`);
    if (!popup) await new Promise((r) => setTimeout(r, 100));
  }
  if (!popup) throw new Error('the toolbar popup did not open');
  const { sessionId } = await s.send('Target.attachToTarget', { targetId: popup.targetId, flatten: false });
  let n = 0;
  const waiting = new Map();
  s.on('Target.receivedMessageFromTarget', (e) => {
    const m = JSON.parse(e.message);
    if (waiting.has(m.id)) {
      waiting.get(m.id)(m);
      waiting.delete(m.id);
    }
  });
  const send = (method, params) => new Promise((resolve) => {
    const mid = ++n;
    waiting.set(mid, resolve);
    s.send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id: mid, method, params }) });
  });
  // evaluate runs an expression in the popup and returns its value.
  const evaluate = async (expression) => {
    const m = await send('Runtime.evaluate', { expression, awaitPromise: true, returnByValue: true });
    if (m.error || m.result.exceptionDetails) throw new Error(`popup: ${JSON.stringify(m.error || m.result.exceptionDetails)}`);
    return m.result.result.value;
  };
  for (let i = 0; i < 100; i++) {
    if (await evaluate('document.readyState === "complete" && !!document.querySelector("[data-politely=assess-tab]")')) break;
    await new Promise((r) => setTimeout(r, 50));
  }
  return { evaluate, close: () => s.detach() };
}
