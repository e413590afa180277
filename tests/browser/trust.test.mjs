// What the public needs to trust the knowledge bank: every status says as of
// when and according to which source, on every measure page and in every list
// that shows a status. Reads the built site (public/).
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ensureBuilt, htmlFiles, launch, pathOf, PUBLIC, ROOT, run, serve } from './lib.mjs';

const text = (html) => html.replace(/<[^>]+>/g, ' ').replace(/&nbsp;/g, ' ').replace(/\s+/g, ' ').trim();
// "Status: Pågår per 2016, ifølge IS-2684": a status word, then per <time>, then
// ifølge (nynorsk: ifølgje) <source>
const DATED = /Status: [A-ZÆØÅ][a-zæøå]+ per [^,]*\d{4}, ifølgj?e \S/;

await run('trust', async (t) => {
  ensureBuilt();
  const files = htmlFiles();

  // every measure page: a status line with a date and a source
  const tiltak = files.filter((f) => /^tiltak\/[^/]+\/index\.html$/.test(f));
  const undated = tiltak.filter((f) => {
    const html = readFileSync(join(PUBLIC, f), 'utf8');
    const m = html.match(/<div class="status-linje">([\s\S]*?)<\/div>/);
    return !m || !DATED.test(text(m[1]));
  });
  t.check(`every measure page shows its status with a date and a source (${tiltak.length} pages)`,
    tiltak.length > 0 && undated.length === 0, undated.slice(0, 10).map(pathOf));

  // every list line that names a status also dates it
  const lists = [];
  const bad = [];
  for (const f of files) {
    const html = readFileSync(join(PUBLIC, f), 'utf8');
    const lines = [...html.matchAll(/<p class="sak-fakta">([\s\S]*?)<\/p>/g)].map((m) => text(m[1]));
    const withStatus = lines.filter((l) => l.includes('Status:'));
    if (withStatus.length === 0) continue;
    lists.push(f);
    for (const l of withStatus) if (!DATED.test(l)) bad.push(`${pathOf(f)}: ${l}`);
  }
  t.check(`every list item with a status dates it (${lists.length} list pages)`,
    lists.includes('tiltak/index.html') && bad.length === 0, bad.slice(0, 10));

  // a Meld. St. 26 measure followed up by an IS-2684 measure shows both statuses
  const followed = tiltak.filter((f) => readFileSync(join(PUBLIC, f), 'utf8').match(/(Senere|Seinare) status:/));
  const both = followed.filter((f) => {
    const s = text(readFileSync(join(PUBLIC, f), 'utf8').match(/<div class="status-linje">([\s\S]*?)<\/div>/)[1]);
    return /per mai 2015, ifølgj?e Meld\. St\. 26/.test(s) && /(Senere|Seinare) status: \S+ per [^,]*\d{4}, ifølgj?e IS-2684/.test(s);
  });
  t.check(`measures followed up show the earlier and the later status with their dates (${followed.length})`,
    followed.length > 0 && both.length === followed.length, followed.filter((f) => !both.includes(f)).map(pathOf));

  // the git dates are labelled as the knowledge bank's own
  const home = readFileSync(join(PUBLIC, tiltak[0]), 'utf8');
  t.check('git dates are labelled "Sist endret i kunnskapsbanken"',
    !/class="oppdatert"/.test(home) || /Sist endret i kunnskapsbanken/.test(home), [pathOf(tiltak[0])]);

  // findable and shareable: canonical address, Open Graph, JSON-LD, icon, feed
  const base = readFileSync(join(PUBLIC, 'robots.txt'), 'utf8').match(/^Sitemap:\s*(\S+?)sitemap\.xml\s*$/m)[1];
  const meta = [];
  for (const f of files) {
    if (f === '404.html') continue;
    const html = readFileSync(join(PUBLIC, f), 'utf8');
    const head = html.slice(0, html.indexOf('</head>'));
    const want = new URL(pathOf(f).replace(/^\//, ''), base).href;
    const canon = [...head.matchAll(/<link rel="canonical" href="([^"]+)">/g)].map((m) => m[1]);
    if (canon.length !== 1 || canon[0] !== want) meta.push(`${pathOf(f)}: canonical ${canon.join(', ') || 'missing'}, want ${want}`);
    for (const p of ['og:title', 'og:description', 'og:url', 'og:type', 'og:site_name']) {
      if (!new RegExp(`<meta property="${p}" content="[^"]+">`).test(head)) meta.push(`${pathOf(f)}: no ${p}`);
    }
    if (!/<link rel="icon" href="[^"]+\.svg" type="image\/svg\+xml">/.test(head)) meta.push(`${pathOf(f)}: no icon`);
    if (!/<link rel="alternate" type="application\/atom\+xml" [^>]*href="[^"]+\.xml">/.test(head)) meta.push(`${pathOf(f)}: no feed link`);
    for (const m of html.matchAll(/<script type="application\/ld\+json">([\s\S]*?)<\/script>/g)) {
      try {
        const ld = [JSON.parse(m[1])].flat();
        if (!ld.every((x) => x['@context'] === 'https://schema.org' && x['@type'])) meta.push(`${pathOf(f)}: JSON-LD without @context/@type`);
      } catch (e) { meta.push(`${pathOf(f)}: JSON-LD does not parse: ${e.message}`); }
    }
    if (!/"@type":"WebPage"/.test(html)) meta.push(`${pathOf(f)}: no WebPage JSON-LD`);
  }
  t.check(`every page has its canonical URL, Open Graph, JSON-LD, icon and feed link (${files.length - 1} pages)`, meta.length === 0, meta.slice(0, 10));
  const data = readFileSync(join(PUBLIC, 'apne-data/index.html'), 'utf8');
  const sets = [...data.matchAll(/<script type="application\/ld\+json">([\s\S]*?)<\/script>/g)]
    .flatMap((m) => [JSON.parse(m[1])].flat()).filter((x) => x['@type'] === 'Dataset');
  t.check(`the open data page describes its datasets in schema.org (${sets.length})`,
    sets.length > 0 && sets.every((x) => x.license && x.distribution.some((d) => d.contentUrl.endsWith('.csv'))), [JSON.stringify(sets[0] || {}).slice(0, 200)]);

  // tables: a caption on each, unique on its page, row and column headers
  const tables = [];
  let nTables = 0;
  for (const f of files) {
    const html = readFileSync(join(PUBLIC, f), 'utf8');
    const seen = new Set();
    for (const m of html.matchAll(/<table\b[^>]*>([\s\S]*?)<\/table>/g)) {
      nTables++;
      const cap = m[1].match(/^\s*<caption[^>]*>([\s\S]*?)<\/caption>/);
      if (!cap) { tables.push(`${pathOf(f)}: a table without a caption`); continue; }
      const name = text(cap[1]);
      if (seen.has(name)) tables.push(`${pathOf(f)}: two tables named "${name}"`);
      seen.add(name);
      const body = m[1].match(/<tbody>([\s\S]*?)<\/tbody>/);
      if (body && /<tr>\s*<td/.test(body[1]) && /<thead>/.test(m[1])) tables.push(`${pathOf(f)}: "${name}" has rows without a row header`);
    }
  }
  t.check(`every table has a unique caption and row headers (${nTables} tables)`, nTables > 0 && tables.length === 0, tables.slice(0, 10));

  // reading order: the main text comes before the fact box
  const order = tiltak.filter((f) => {
    const html = readFileSync(join(PUBLIC, f), 'utf8');
    const main = html.indexOf('class="sak-hoved"'), facts = html.indexOf('class="fakta"');
    return facts >= 0 && !(main >= 0 && main < facts);
  });
  t.check('the main text comes before the fact box in reading order', order.length === 0, order.slice(0, 5).map(pathOf));

  // a cited document with a known address is linked from every page citing it
  const cites = files.filter((f) => /<section class="kilder"[\s\S]*?Meld\. St\. 26 \(2014–2015\)/.test(readFileSync(join(PUBLIC, f), 'utf8')));
  const unlinked = cites.filter((f) => {
    const html = readFileSync(join(PUBLIC, f), 'utf8');
    const kilder = html.slice(html.indexOf('<section class="kilder"'));
    return !/<a href="https:\/\/www\.regjeringen\.no\/[^"]*stm201420150026000dddpdfs\.pdf">Meld\. St\. 26/.test(kilder);
  });
  t.check(`every page citing Meld. St. 26 links the white paper (${cites.length} pages)`,
    cites.length > 0 && unlinked.length === 0, unlinked.slice(0, 10).map(pathOf));

  // only change notes are public text: no commit subject of a commit without
  // an "Endringsnotat:" trailer appears on any page or in the feed
  const log = spawnSync('git', ['log', '--format=%H%x1f%s%x1f%b%x1e', '--', 'content'], { cwd: ROOT, encoding: 'utf8' });
  if (log.status !== 0) {
    t.ok('no public page shows a commit subject without a change note # SKIP not a git checkout');
  } else {
    const esc = (x) => x.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
    const subjects = log.stdout.split('\x1e').map((r) => r.trim().split('\x1f'))
      .filter((r) => r.length >= 3 && r[1].length >= 12 && !/^Endringsnotat:/m.test(r[2]))
      .map((r) => r[1]);
    const pages = [...files, ...['endringer.xml'].filter((f) => existsSync(join(PUBLIC, f)))];
    const leaks = [];
    for (const f of pages) {
      const html = readFileSync(join(PUBLIC, f), 'utf8');
      for (const sub of subjects) if (html.includes(esc(sub)) || html.includes(sub)) leaks.push(`${pathOf(f)}: ${sub}`);
    }
    t.check(`no public page shows a commit subject without a change note (${subjects.length} subjects, ${pages.length} files)`,
      subjects.length > 0 && leaks.length === 0, leaks.slice(0, 10));
  }

  // the public's tasks in a browser
  const server = await serve();
  const browser = await launch();
  try {
    const page = await browser.context.newPage();

    // from the home page to a data file in at most two clicks: a link on the
    // home page, then a link to a .csv or .json on the page it opens
    await page.goto(`${server.base}/`);
    const first = await page.$$eval('a[href]', (as) => as.map((a) => ({ href: a.href, text: a.textContent.trim() })));
    let route = null;
    for (const a of first) {
      if (/\.(csv|json)$/.test(new URL(a.href).pathname)) { route = [a.text]; break; }
    }
    for (const a of first) {
      if (route) break;
      if (!a.href.startsWith(server.base) || /\.(xml|csv|json)$/.test(a.href)) continue;
      if (!/data/i.test(a.text)) continue;
      await page.goto(a.href);
      const second = await page.$$eval('a[href]', (as) => as.map((x) => ({ href: x.href, text: x.textContent.trim() })));
      const file = second.find((x) => /\/data\/[^/]+\.csv$/.test(new URL(x.href).pathname));
      if (file) {
        const res = await page.request.get(file.href);
        const body = await res.body();
        if (res.ok() && body[0] === 0xef && body[1] === 0xbb && body[2] === 0xbf) route = [a.text, file.text];
      }
    }
    t.check('from the home page a CSV file is two clicks away', route !== null, ['no link on the home page leads to a page linking a CSV file']);
    if (route) console.log(`# ${route.join(' → ')}`);

    // print: no table loses anything on A4 paper (210 mm less the style
    // sheet's 12 mm margins: 186 mm, 703 px at 96 dpi), on every page with one
    await page.setViewportSize({ width: 703, height: 1000 });
    await page.emulateMedia({ media: 'print' });
    const cut = [];
    let widest = { px: 0, where: '' };
    for (const f of files.filter((x) => readFileSync(join(PUBLIC, x), 'utf8').includes('<table'))) {
      await page.goto(server.base + pathOf(f));
      const r = await page.evaluate(() => {
        const edge = document.documentElement.clientWidth;
        return [...document.querySelectorAll('main table')].map((t) => {
          const wrap = t.closest('.tabell') || t.parentElement;
          return {
            width: Math.round(t.scrollWidth),
            outside: Math.round(Math.max(0, t.getBoundingClientRect().right - edge)),
            scrolls: getComputedStyle(wrap).overflowX !== 'visible' && wrap.scrollWidth > wrap.clientWidth + 1,
          };
        });
      });
      for (const x of r) {
        if (x.width > widest.px) widest = { px: x.width, where: pathOf(f) };
        if (x.outside > 0 || x.scrolls) cut.push(`${pathOf(f)}: ${x.outside} px outside the paper${x.scrolls ? ', cut by a scroll box' : ''}`);
      }
    }
    t.check(`print on A4 keeps every table whole (widest ${widest.px} px, ${widest.where})`, widest.px > 0 && cut.length === 0, cut);
  } finally {
    await browser.close();
    await server.close();
  }
});
