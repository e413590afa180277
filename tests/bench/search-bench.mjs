// Bytes a visitor's browser fetches for a query: varde's search client
// against Pagefind's, on the same built site, in headless Chromium.
//   node tests/bench/search-bench.mjs SITE_DIR   (SITE_DIR/pagefind/ must exist)
// Each query runs in a fresh browser context (cold cache) and loads the
// results' data for the first 10 hits, as a results page does. Sizes are
// gzip-compressed, as a web server would send them.
import { createServer } from 'node:http';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join, resolve, sep, extname } from 'node:path';
import { gzipSync } from 'node:zlib';
import { launch } from '../browser/lib.mjs';

const site = resolve(process.argv[2] ?? 'public');
const QUERIES = ['demens', 'psykolog', 'legevakt', 'helsestasjon', 'kompetanse', 'usht', '3.17',
  'samisk', 'ledelse', 'sykepleiere i kommunene'];
const gz = new Map();
const gzSize = (file) => gz.get(file) ?? (gz.set(file, gzipSync(readFileSync(file), { level: 9 }).length), gz.get(file));
let counter = null;
const types = { '.js': 'text/javascript', '.json': 'application/json', '.html': 'text/html', '.css': 'text/css',
  '.wasm': 'application/wasm' };
const server = createServer((req, res) => {
  const p = decodeURIComponent(new URL(req.url, 'http://x').pathname);
  let f = resolve(site, '.' + p);
  if (!f.startsWith(site + sep) && f !== site) { res.writeHead(403); res.end(); return; }
  if (existsSync(f) && statSync(f).isDirectory()) f = join(f, 'index.html');
  if (!existsSync(f)) { res.writeHead(404); res.end(); return; }
  if (counter) { counter.bytes += gzSize(f); counter.files++; }
  res.writeHead(200, { 'content-type': types[extname(f)] ?? 'application/octet-stream' });
  res.end(readFileSync(f));
});
await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
const base = `http://127.0.0.1:${server.address().port}`;
const html = readFileSync(join(site, 'sok/index.html'), 'utf8');
const client = html.match(/src="([^"]*search[^"]*\.js)"/)[1];

const browser = await launch();
async function measure(q, engine) {
  const page = await browser.context.newPage();
  await page.goto(`${base}/404.html`);
  await page.route('**/*', (r) => r.continue());
  await browser.context.clearCookies();
  counter = { bytes: 0, files: 0 };
  const n = await page.evaluate(async ([q, engine, client]) => {
    if (engine === 'varde') {
      const m = await import(client);
      const s = m.createSearch(async (p) => (await fetch('/sok/' + p, { cache: 'no-store' })).json());
      const r = await s.search(q);
      await Promise.all(r.results.slice(0, 10).map((h) => s.fragment(h.id)));
      return r.total;
    }
    const pf = await import('/pagefind/pagefind.js');
    await pf.options({ basePath: '/pagefind/' });
    const r = await pf.search(q);
    await Promise.all(r.results.slice(0, 10).map((x) => x.data()));
    return r.results.length;
  }, [q, engine, client]);
  const c = counter;
  counter = null;
  await page.close();
  return { ...c, n };
}

const rows = [];
for (const q of QUERIES) {
  // alternate the engines so neither always goes first
  const a = await measure(q, 'varde');
  const b = await measure(q, 'pagefind');
  rows.push([q, a, b]);
}
await browser.close();
server.close();
let ta = 0, tb = 0;
console.log('query                      varde: KiB (files, hits)   pagefind: KiB (files, hits)');
for (const [q, a, b] of rows) {
  ta += a.bytes; tb += b.bytes;
  console.log(`${q.padEnd(26)} ${(a.bytes / 1024).toFixed(1).padStart(8)} (${a.files}, ${a.n})`.padEnd(53) +
    `${(b.bytes / 1024).toFixed(1).padStart(8)} (${b.files}, ${b.n})`);
}
console.log(`${'mean per query'.padEnd(26)} ${(ta / rows.length / 1024).toFixed(1).padStart(8)} KiB`.padEnd(53) +
  `${(tb / rows.length / 1024).toFixed(1).padStart(8)} KiB   ratio ${(tb / ta).toFixed(2)}x`);
