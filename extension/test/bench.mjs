// bench.mjs: `make bench-extension`. Measures, in headless chromium with the
// built extension on the saved messaging page:
//   - click on Assess -> highlights and panel in place, p50/p95 over RUNS
//     warm runs (the engine already loaded in the service worker);
//   - the first assessment in a fresh browser, clicked as soon as the Assess
//     button appears (the engine has only just started loading);
//   - the first assessment after the service worker was stopped (worker
//     start + wasm compile/instantiate + assess), RESTARTS times;
//   - on the saved invitation page, click on a card's Assess -> highlights
//     in the note, INV_RUNS times on a freshly loaded page: for a note cut
//     by "…see more" (expanding it is part of the time) and for a whole one.
// Times are taken in the page (performance.now) from the click to the moment
// the panel is marked done with its highlights.
import { serve, launch, worker, percentile, imageKept, HOST } from './harness.mjs';

const RUNS = Number(process.env.RUNS || 60);
const RESTARTS = Number(process.env.RESTARTS || 8);
const THREADS = ['2-sales', '2-emoji', '2-followup', '2-html'];
const INV_RUNS = Number(process.env.INV_RUNS || 20);

// clickToHighlights clicks Assess and resolves with the milliseconds until
// the new panel is done and at least one highlight is in the message.
function clickToHighlights(page, scope = '') {
  return page.evaluate((scope) => new Promise((resolve, reject) => {
    const old = document.querySelector('[data-politely="panel"]');
    const btn = document.querySelector(`${scope} [data-politely="assess"]`);
    const done = () => {
      const h = document.querySelector('[data-politely="panel"]');
      return h && h !== old && h.getAttribute('data-politely-state') === 'done' && document.querySelector('mark[data-politely-flag]');
    };
    const t0 = performance.now();
    const mo = new MutationObserver(() => {
      if (done()) {
        mo.disconnect();
        resolve(performance.now() - t0);
      }
    });
    mo.observe(document.documentElement, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-politely-state'] });
    setTimeout(() => reject(new Error('no highlights after 20 s')), 20000);
    btn.click();
  }), scope);
}

const fmt = (x) => `${x.toFixed(1)} ms`;

const srv = await serve();
const br = await launch(srv.port);
try {
  const page = await br.context.newPage();
  await page.goto(`https://${HOST}/messaging/thread/2-sales/`);
  await page.waitForSelector('[data-politely="assess"]');
  const cold = await clickToHighlights(page);
  // The first start keeps the image of its phrase index a second after its
  // first answer, once per build (image.js): measured on its own, not
  // inside a warm click it happens to meet.
  const first = await worker(br.context, br.id);
  await imageKept(first, 15000);
  const keepMs = await first.evaluate(() => politely.seen.keepMs);

  const warm = [];
  for (let i = 0; i < RUNS; i++) {
    const id = THREADS[i % THREADS.length];
    await page.click(`[data-thread-link="${id}"]`);
    await page.waitForFunction(() => !document.querySelector('[data-politely="panel"]'));
    await page.waitForSelector('[data-politely="assess"]');
    warm.push(await clickToHighlights(page));
  }

  const restarts = [];
  const loads = []; // engine load (fetch + compile + instantiate + Go start) inside each restart
  let restored = 0; // restarts that read the kept image of the phrase index (image.js)
  const cdp = await br.context.newCDPSession(page);
  await cdp.send('ServiceWorker.enable');
  for (let i = 0; i < RESTARTS; i++) {
    await cdp.send('ServiceWorker.stopAllWorkers');
    await new Promise((r) => setTimeout(r, 300));
    restarts.push(await clickToHighlights(page));
    const sw = await worker(br.context, br.id);
    const s = await sw.evaluate(() => ({ ms: politely.seen.loadMs, restored: politely.seen.restored }));
    loads.push(s.ms);
    restored += s.restored ? 1 : 0;
  }

  const invs = { 'inv-dana': [], 'inv-omar': [] };
  for (let i = 0; i < INV_RUNS; i++) {
    for (const id of Object.keys(invs)) {
      await page.goto(`https://${HOST}/mynetwork/invitation-manager/`);
      await page.waitForSelector(`[data-invitation="${id}"] [data-politely="assess"]`);
      invs[id].push(await clickToHighlights(page, `[data-invitation="${id}"]`));
    }
  }

  console.log(`invitation card: click -> highlights in the note (warm, ${INV_RUNS} runs each, page reloaded): note cut by see more p50 ${fmt(percentile(invs['inv-dana'], 50))}, p95 ${fmt(percentile(invs['inv-dana'], 95))}; whole note p50 ${fmt(percentile(invs['inv-omar'], 50))}, p95 ${fmt(percentile(invs['inv-omar'], 95))}`);
  console.log(`click -> highlights (warm, ${RUNS} runs over ${THREADS.length} threads): p50 ${fmt(percentile(warm, 50))}, p95 ${fmt(percentile(warm, 95))}, max ${fmt(Math.max(...warm))}`);
  console.log(`first assessment in a fresh browser, clicked as soon as the button appeared (engine still loading): ${fmt(cold)}`);
  console.log(`keeping the image of the phrase index after the first start (once per build): ${fmt(keepMs)} in the service worker`);
  console.log(`first assessment after the service worker was stopped (${RESTARTS} restarts): p50 ${fmt(percentile(restarts, 50))}, max ${fmt(Math.max(...restarts))}; of which engine load p50 ${fmt(percentile(loads, 50))}; ${restored} of ${RESTARTS} read the kept image of the phrase index`);
} finally {
  await br.close();
  await srv.close();
}
