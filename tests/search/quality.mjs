// The search quality set (tests/search/quality.tsv) against a built site, in
// headless Chromium: the site's own search client (the search.js the results
// page loads, imported in the page) and, when SITE_DIR/pagefind/ exists,
// Pagefind beside it on the same pages.
//   node tests/search/quality.mjs [SITE_DIR] [--misses] [--min-top3 0.9] [--max-zero 0.05]
//     [--set nynorsk]   another set in this folder: tests/search/<set>.tsv
// Per category: the share of queries with an expected page in the top 3, the
// share with no result at all, and the median gzip bytes a cold browser
// fetches per query (the index files plus the first 10 results' data, as the
// results page loads them). With --min-top3/--max-zero it is a test: "ok"/"not
// ok" lines, and a non-zero exit when the set falls below the bar.
import { createServer } from 'node:http';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, extname, join, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { launch } from '../browser/lib.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
const flag = (name) => {
  const i = args.indexOf(name);
  if (i < 0) return null;
  const v = args[i + 1];
  args.splice(i, 2);
  return Number(v);
};
const minTop3 = flag('--min-top3'), maxZero = flag('--max-zero');
const showMisses = args.includes('--misses');
const setAt = args.indexOf('--set');
const setName = setAt >= 0 ? args.splice(setAt, 2)[1] : 'quality';
const site = resolve(args.find((a) => !a.startsWith('--')) ?? join(here, '../../public'));

const QUERIES = readFileSync(join(here, `${setName}.tsv`), 'utf8').split('\n')
  .filter((l) => l.trim() && !l.startsWith('#'))
  .map((l) => { const [category, q, want] = l.split('\t'); return { category, q, want: want.split(' ') }; });

const gz = new Map();
const gzSize = (f) => gz.get(f) ?? (gz.set(f, gzipSync(readFileSync(f), { level: 9 }).length), gz.get(f));
const types = { '.js': 'text/javascript', '.json': 'application/json', '.html': 'text/html',
  '.css': 'text/css', '.wasm': 'application/wasm' };
let counter = null;
const server = createServer((req, res) => {
  const p = decodeURIComponent(new URL(req.url, 'http://x').pathname);
  let f = resolve(site, '.' + p);
  if (!f.startsWith(site + sep) && f !== site) { res.writeHead(403); res.end(); return; }
  if (existsSync(f) && statSync(f).isDirectory()) f = join(f, 'index.html');
  if (!existsSync(f)) { res.writeHead(404); res.end(); return; }
  if (counter) {
    counter.bytes += gzSize(f);
    // the index's data alone: not the client's code (search.js; pagefind*.js and its WebAssembly)
    if (!/\.js$|\/wasm\.[^/]*$/.test(f)) counter.data += gzSize(f);
  }
  // nothing is cached: every query is measured as a first visit
  res.writeHead(200, { 'content-type': types[extname(f)] ?? 'application/octet-stream',
    'cache-control': 'no-store' });
  res.end(readFileSync(f));
});
await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
const base = `http://127.0.0.1:${server.address().port}`;
const client = readFileSync(join(site, 'sok/index.html'), 'utf8').match(/src="([^"]*search[^"]*\.js)"/)[1];
const engines = ['varde', ...(existsSync(join(site, 'pagefind/pagefind.js')) ? ['pagefind'] : [])];

const browser = await launch();
async function run(q, engine) {
  const page = await browser.context.newPage();
  await page.goto(`${base}/404.html`);
  counter = { bytes: 0, data: 0 };
  const r = await page.evaluate(async ([q, engine, client]) => {
    const strip = (u) => new URL(u, location.href).pathname.replace(/index\.html$/, '');
    if (engine === 'varde') {
      const m = await import(client);
      const s = m.createSearch(async (p) => (await fetch('/sok/' + p)).json());
      const r = await s.search(q); // as the page asks: no facet counts until a filter group is opened
      const frags = await Promise.all(r.results.slice(0, 10).map((h) => s.fragment(h.id)));
      return { total: r.total, urls: frags.map((f) => strip(f.u)) };
    }
    const pf = await import('/pagefind/pagefind.js');
    await pf.options({ basePath: '/pagefind/' });
    const r = await pf.search(q);
    const data = await Promise.all(r.results.slice(0, 10).map((x) => x.data()));
    // Pagefind also indexes each page's change history (…/endringer/), which
    // leads to the page: counted as the page itself
    return { total: r.results.length, urls: data.map((d) => strip(d.url).replace(/endringer\/$/, '')) };
  }, [q, engine, client]);
  r.bytes = counter.bytes;
  r.data = counter.data;
  counter = null;
  await page.close();
  return r;
}

const rows = [];
for (const item of QUERIES) {
  const row = { ...item };
  for (const e of engines) row[e] = await run(item.q, e);
  rows.push(row);
}
await browser.close();
server.close();

const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s.length ? s[(s.length - 1) >> 1] : 0; };
const top3 = (r, want) => r.urls.slice(0, 3).some((u) => want.includes(u));
const cats = [...new Set(rows.map((r) => r.category)), 'all'];
const pct = (n, d) => `${Math.round((100 * n) / d)} %`.padStart(5);
console.log(`${'category'.padEnd(14)} ${'n'.padStart(3)}  ` +
  engines.map((e) => `${e}: top 3, none, KiB (data)`.padEnd(36)).join(''));
const summary = {};
for (const c of cats) {
  const set = rows.filter((r) => c === 'all' || r.category === c);
  let line = `${c.padEnd(14)} ${String(set.length).padStart(3)}  `;
  for (const e of engines) {
    const hit = set.filter((r) => top3(r[e], r.want)).length;
    const zero = set.filter((r) => r[e].total === 0).length;
    const kib = median(set.map((r) => r[e].bytes)) / 1024;
    const data = median(set.map((r) => r[e].data)) / 1024;
    line += `${pct(hit, set.length)} ${pct(zero, set.length)} ${kib.toFixed(1).padStart(6)} (${data.toFixed(1)})`.padEnd(36);
    if (c === 'all') summary[e] = { top3: hit / set.length, zero: zero / set.length, kib, data };
  }
  console.log(line);
}
if (showMisses)
  for (const r of rows)
    for (const e of engines)
      if (!top3(r[e], r.want))
        console.log(`miss ${e.padEnd(8)} ${r.category.padEnd(13)} ${r.q.padEnd(40)} -> ${r[e].urls.slice(0, 3).join(' ') || '(none)'}`);

let failed = 0;
const check = (name, pass) => { console.log(`${pass ? 'ok' : 'not ok'} ${name}`); failed += !pass; };
if (minTop3 != null)
  check(`right page in the top 3 for ≥ ${minTop3 * 100} % of ${rows.length} queries (${Math.round(summary.varde.top3 * 100)} %)`,
    summary.varde.top3 >= minTop3);
if (maxZero != null)
  check(`no result at all for ≤ ${maxZero * 100} % of queries (${Math.round(summary.varde.zero * 100)} %)`,
    summary.varde.zero <= maxZero);
if (summary.pagefind && minTop3 != null)
  check(`median bytes per query ≤ 1/3 of Pagefind's (${summary.varde.kib.toFixed(1)} KiB vs ${summary.pagefind.kib.toFixed(1)} KiB)`,
    summary.varde.kib * 3 <= summary.pagefind.kib);
process.exitCode = failed ? 1 : 0;
