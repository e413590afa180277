// Charts drawn by varde: every page with a chart passes axe-core (WCAG 2.1
// A/AA) in light and dark, reflows at 320 px without sideways scrolling, has
// series colours with at least 3:1 contrast against the page in light, dark
// and print, never tells series apart by colour alone, and links numbers that
// download as CSV. Screenshots of a chart page (light, dark, 320 px) are
// written to tests/out/screenshots/ and checked for a drawn chart.
import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { ensureBuilt, htmlFiles, launch, OUT, pathOf, PUBLIC, run, serve } from './lib.mjs';

const require = createRequire(import.meta.url);
const AXE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
const DIR = join(OUT, 'screenshots');

async function axe(page) {
  await page.evaluate(AXE);
  return page.evaluate(async (tags) => {
    const r = await window.axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] });
    return r.violations.map((v) => `${v.id}: ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')}`);
  }, TAGS);
}

// Contrast of each series colour with the page background, and whether
// every series after the first has marks of its own (pattern or dashes).
const inspect = (page) => page.evaluate(() => {
  const rgb = (s) => (s.match(/[\d.]+/g) || []).slice(0, 3).map(Number);
  const lum = ([r, g, b]) => {
    const f = (c) => { c /= 255; return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4; };
    return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
  };
  const ratio = (a, b) => { const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p); return (x + 0.05) / (y + 0.05); };
  const bg = rgb(getComputedStyle(document.body).backgroundColor);
  const contrasts = [];
  for (let i = 1; i <= 6; i++) {
    const probe = document.createElementNS('http://www.w3.org/2000/svg', 'rect');
    probe.setAttribute('class', `graf-s${i}`);
    document.querySelector('svg.graf-svg').appendChild(probe);
    contrasts.push(ratio(rgb(getComputedStyle(probe).fill), bg));
    probe.remove();
  }
  const charts = [...document.querySelectorAll('figure.graf')].map((f) => {
    const svg = f.querySelector('svg');
    const labelled = (svg.getAttribute('aria-labelledby') || '').split(' ').every((id) => id && document.getElementById(id));
    const series = f.querySelectorAll('.graf-forklaring text').length || 1;
    const patterns = svg.querySelectorAll('pattern').length;
    const lines = svg.querySelectorAll('path.graf-linje').length;
    const dashed = new Set([...svg.querySelectorAll('path.graf-linje')].map((p) => p.getAttribute('stroke-dasharray') || '')).size;
    const r = svg.getBoundingClientRect();
    return {
      id: f.id, role: svg.getAttribute('role'), labelled, series, patterns, lines, dashed,
      width: r.width, height: r.height, right: r.right, figureRight: f.getBoundingClientRect().right,
      csv: f.querySelector('a[href$=".csv"]')?.getAttribute('href') || null,
    };
  });
  return { contrasts, charts, scrollWidth: document.documentElement.scrollWidth };
});

await run('charts', async (t) => {
  ensureBuilt();
  const files = htmlFiles().filter((f) => readFileSync(join(PUBLIC, f), 'utf8').includes('class="graf-svg"'));
  t.check(`pages with charts: ${files.length}`, files.length >= 8, ['expected at least the eight statistics pages']);
  mkdirSync(DIR, { recursive: true });
  const server = await serve();
  const browser = await launch();
  try {
    const page = await browser.context.newPage();
    const axeBad = { light: [], dark: [] };
    const contrastBad = [];
    const cueBad = [];
    const csvBad = [];
    for (const scheme of ['light', 'dark']) {
      await page.emulateMedia({ colorScheme: scheme, media: 'screen' });
      await page.setViewportSize({ width: 1280, height: 900 });
      for (const f of files) {
        await page.goto(server.base + pathOf(f));
        const v = await axe(page);
        if (v.length) axeBad[scheme].push(`${pathOf(f)}: ${v.join('; ')}`);
        const info = await inspect(page);
        const low = info.contrasts.map((c, i) => [i + 1, c]).filter(([, c]) => c < 3);
        if (low.length) contrastBad.push(`${pathOf(f)} (${scheme}): ${low.map(([i, c]) => `graf-s${i} ${c.toFixed(2)}:1`).join(', ')}`);
        if (scheme === 'light') {
          for (const c of info.charts) {
            if (c.role !== 'img' || !c.labelled) cueBad.push(`${pathOf(f)}#${c.id}: not an image labelled by its title and finding`);
            if (c.series > 1 && c.lines === 0 && c.patterns < Math.min(c.series, 6)) cueBad.push(`${pathOf(f)}#${c.id}: ${c.series} series but ${c.patterns} patterns`);
            if (c.series > 1 && c.lines > 0 && c.dashed < Math.min(c.series, 6)) cueBad.push(`${pathOf(f)}#${c.id}: ${c.series} lines but ${c.dashed} line styles`);
            if (!c.csv) { csvBad.push(`${pathOf(f)}#${c.id}: no CSV link`); continue; }
            const res = await page.request.get(server.base + c.csv);
            const body = await res.text();
            if (!res.ok() || body.split('\r\n').filter(Boolean).length < 2) csvBad.push(`${c.csv}: ${res.status()}`);
          }
        }
      }
      t.check(`axe WCAG 2.1 A/AA on every chart page, ${scheme}`, axeBad[scheme].length === 0, axeBad[scheme]);
    }
    // print: the light colours on white paper
    await page.emulateMedia({ colorScheme: 'light', media: 'print' });
    await page.goto(server.base + pathOf(files[0]));
    const printed = await inspect(page);
    printed.contrasts.forEach((c, i) => { if (c < 3) contrastBad.push(`print: graf-s${i + 1} ${c.toFixed(2)}:1`); });
    t.check('series colours have 3:1 contrast with the page in light, dark and print', contrastBad.length === 0, contrastBad);
    t.check('series are told apart by pattern or line style, not colour alone; charts are labelled images', cueBad.length === 0, cueBad);
    t.check('every chart links its numbers as CSV', csvBad.length === 0, csvBad);

    // reflow: at 320 px nothing scrolls sideways and every chart fits its column
    await page.emulateMedia({ colorScheme: 'light', media: 'screen' });
    await page.setViewportSize({ width: 320, height: 800 });
    const reflowBad = [];
    for (const f of files) {
      await page.goto(server.base + pathOf(f));
      const info = await inspect(page);
      if (info.scrollWidth > 320) reflowBad.push(`${pathOf(f)}: scrollWidth ${info.scrollWidth}`);
      for (const c of info.charts) {
        if (c.right > 320.5 || c.right > c.figureRight + 0.5) reflowBad.push(`${pathOf(f)}#${c.id}: ends at ${c.right.toFixed(1)} px`);
        if (c.height < 60) reflowBad.push(`${pathOf(f)}#${c.id}: only ${c.height.toFixed(0)} px tall`);
      }
    }
    t.check(`reflow at 320 px: ${files.length} chart pages without sideways scrolling`, reflowBad.length === 0, reflowBad);

    // screenshots of one chart page's first chart
    const target = files.find((f) => f.startsWith('statistikk/')) || files[0];
    const shotBad = [];
    for (const [name, scheme, width] of [['graf-lys', 'light', 1280], ['graf-mork', 'dark', 1280], ['graf-320', 'light', 320]]) {
      await page.emulateMedia({ colorScheme: scheme, media: 'screen' });
      await page.setViewportSize({ width, height: 900 });
      await page.goto(server.base + pathOf(target));
      const fig = page.locator('figure.graf').first();
      const png = await fig.screenshot({ path: join(DIR, `${name}.png`) });
      // a drawn chart has the page background, text and at least one series colour
      const colours = await page.evaluate(async (b64) => {
        const img = new Image();
        img.src = `data:image/png;base64,${b64}`;
        await img.decode();
        const c = document.createElement('canvas');
        c.width = img.width; c.height = img.height;
        const x = c.getContext('2d');
        x.drawImage(img, 0, 0);
        const d = x.getImageData(0, 0, c.width, c.height).data;
        const seen = new Set();
        for (let i = 0; i < d.length; i += 16) seen.add((d[i] >> 4) << 8 | (d[i + 1] >> 4) << 4 | (d[i + 2] >> 4));
        return { distinct: seen.size, w: img.width, h: img.height };
      }, png.toString('base64'));
      if (colours.distinct < 8 || colours.h < 100) shotBad.push(`${name}: ${colours.w}×${colours.h}, ${colours.distinct} colours`);
    }
    t.check(`screenshots of ${pathOf(target)} (light, dark, 320 px) show a drawn chart`, shotBad.length === 0, shotBad);
  } finally {
    await browser.close();
    await server.close();
  }
});
