// The design's rules that a machine can check: the CSS stays small, pages make
// no requests to other hosts (no web fonts, no scripts from elsewhere), the
// only JavaScript is the search's, dark mode changes the colours, and the
// print stylesheet hides navigation and writes out link targets.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { ensureBuilt, htmlFiles, launch, pathOf, PUBLIC, run, serve } from './lib.mjs';

const CSS_LIMIT = 30 * 1024;

await run('design', async (t) => {
  ensureBuilt();
  const files = htmlFiles();

  // CSS size, and no web fonts or imports from elsewhere.
  const assets = join(PUBLIC, 'assets');
  const css = readdirSync(assets).filter((f) => f.endsWith('.css'));
  const total = css.reduce((n, f) => n + statSync(join(assets, f)).size, 0);
  t.check(`CSS is under 30 KB uncompressed (${(total / 1024).toFixed(1)} KB in ${css.length} files)`,
    css.length > 0 && total < CSS_LIMIT, css.map((f) => `${f}: ${statSync(join(assets, f)).size} bytes`));
  const fonts = css.filter((f) => /@font-face|@import|url\(\s*['"]?(https?:)?\/\//i.test(readFileSync(join(assets, f), 'utf8')));
  t.check('CSS loads no fonts or files from elsewhere', fonts.length === 0, fonts);

  // JavaScript only for search: every <script> is a search asset, and none is inline.
  // A data block (JSON, JSON-LD) is not JavaScript: browsers never run it.
  const scripts = [];
  for (const f of files) {
    for (const m of readFileSync(join(PUBLIC, f), 'utf8').matchAll(/<script\b([^>]*)>/gi)) {
      if (/\btype="application\/(ld\+)?json"/.test(m[1])) continue;
      const src = (m[1].match(/\bsrc="([^"]*)"/) || [])[1];
      if (!src || !/\/assets\/search[.\w-]*\.js$/.test(src)) scripts.push(`${pathOf(f)}: <script${m[1]}>`);
    }
  }
  t.check('the only JavaScript is the search script', scripts.length === 0, scripts.slice(0, 20));

  const server = await serve();
  const browser = await launch();
  try {
    const page = await browser.context.newPage();
    const origin = new URL(server.base).origin;
    const foreign = [];
    page.on('request', (r) => {
      const u = r.url();
      if (!u.startsWith('data:') && !u.startsWith('blob:') && new URL(u).origin !== origin) foreign.push(`${page.url()} → ${u}`);
    });
    const sample = ['index.html', 'tiltak/index.html', 'sok/index.html', '404.html',
      files.find((f) => /^tiltak\/[^/]+\/index\.html$/.test(f)),
      files.find((f) => /^kompetansesentre\/[^/]+\/index\.html$/.test(f)),
      files.find((f) => /^tema\/[^/]+\/index\.html$/.test(f))].filter((f) => f && files.includes(f));
    for (const f of sample) {
      let url = server.base + pathOf(f);
      if (f === 'sok/index.html') url += '?q=demens';
      await page.goto(url, { waitUntil: 'networkidle' });
    }
    t.check(`no requests to other hosts (${sample.length} pages, search included)`, foreign.length === 0, foreign.slice(0, 20));

    // Dark mode changes text and background colours.
    const tiltak = sample.find((f) => f.startsWith('tiltak/') && f !== 'tiltak/index.html');
    await page.goto(server.base + pathOf(tiltak));
    const colours = () => page.evaluate(() => {
      const s = getComputedStyle(document.body);
      return `${s.color} on ${s.backgroundColor}`;
    });
    await page.emulateMedia({ colorScheme: 'light' });
    const light = await colours();
    await page.emulateMedia({ colorScheme: 'dark' });
    const dark = await colours();
    t.check('prefers-color-scheme: dark gives other colours', light !== dark, [`light: ${light}`, `dark: ${dark}`]);

    // Print: no navigation, link targets after the links, no side column.
    await page.emulateMedia({ media: 'print', colorScheme: 'light' });
    const print = await page.evaluate(() => {
      const shown = (sel) => [...document.querySelectorAll(sel)].filter((e) => getComputedStyle(e).display !== 'none').map((e) => sel);
      const link = document.querySelector('main .tekst a[href^="/"], main .relatert a');
      return {
        visibleNavigation: [...shown('header nav'), ...shown('.smuler'), ...shown('search'), ...shown('.hopp'), ...shown('footer')],
        after: link ? getComputedStyle(link, '::after').content : 'no link',
        href: link ? link.getAttribute('href') : '',
        printedUrl: getComputedStyle(document.querySelector('.utskrift') || document.body).display,
      };
    });
    t.check('print: menu, breadcrumbs, search, skip link and footer are hidden', print.visibleNavigation.length === 0, print.visibleNavigation);
    t.check('print: links are followed by their URL', print.after.includes(print.href) && print.href !== '', [JSON.stringify(print)]);
    t.check('print: the page\'s own address is printed', print.printedUrl === 'block', [JSON.stringify(print)]);
    await page.close();
  } finally {
    await browser.close();
    await server.close();
  }
});
