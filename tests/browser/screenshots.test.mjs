// Screenshots of the home page and a tiltak page at 375 and 1280 px, light and
// dark, written to tests/out/screenshots/ for a person to look at. While the
// pages are open the test also checks the layout: no sideways scrolling,
// body text at least 18 px, lines of about 70 characters, no layout shift.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { ensureBuilt, htmlFiles, launch, OUT, pathOf, run, serve } from './lib.mjs';

const DIR = join(OUT, 'screenshots');

// Layout facts of the open page.
const measure = (page) => page.evaluate(async () => {
  // layout shifts so far (buffered), summed like CLS
  const cls = await new Promise((done) => {
    let sum = 0;
    try {
      new PerformanceObserver((l) => { for (const e of l.getEntries()) if (!e.hadRecentInput) sum += e.value; })
        .observe({ type: 'layout-shift', buffered: true });
    } catch { /* not supported */ }
    setTimeout(() => done(sum), 300);
  });
  const p = document.querySelector('main .tekst > p') || document.querySelector('main .ingress') || document.querySelector('main p');
  let cpl = 0;
  let font = 0;
  if (p) {
    const s = getComputedStyle(p);
    font = parseFloat(s.fontSize);
    const ctx = document.createElement('canvas').getContext('2d');
    ctx.font = `${s.fontStyle} ${s.fontWeight} ${s.fontSize} ${s.fontFamily}`;
    const text = p.textContent.replace(/\s+/g, ' ').trim();
    const avg = ctx.measureText(text).width / text.length;
    cpl = Math.round(p.clientWidth / avg);
  }
  return {
    scrollWidth: document.documentElement.scrollWidth, width: innerWidth, cls, font, cpl,
    bodyFont: parseFloat(getComputedStyle(document.body).fontSize),
  };
});

await run('screenshots', async (t) => {
  ensureBuilt();
  mkdirSync(DIR, { recursive: true });
  const files = htmlFiles();
  const pick = (re) => files.find((f) => re.test(f));
  const pages = [
    ['forside', 'index.html'],
    ['tiltak', pick(/^tiltak\/1-1-[^/]+\/index\.html$/) || pick(/^tiltak\/[^/]+\/index\.html$/)],
  ];
  const extra = [
    ['tiltaksliste', pick(/^tiltak\/index\.html$/)],
    ['strategi', pick(/^strategier\/[^/]+\/index\.html$/)],
    ['statistikk', pick(/^statistikk\/[^/]+\/index\.html$/)],
    ['tema', pick(/^tema\/[^/]+\/index\.html$/)],
  ].filter(([, f]) => f);
  const server = await serve();
  const browser = await launch();
  try {
    const page = await browser.context.newPage();
    for (const scheme of ['light', 'dark']) {
      await page.emulateMedia({ colorScheme: scheme });
      for (const width of [375, 1280]) {
        await page.setViewportSize({ width, height: 900 });
        for (const [name, file] of pages) {
          if (!file) { t.fail(`screenshot ${name}`, ['no such page in public/']); continue; }
          await page.goto(server.base + pathOf(file), { waitUntil: 'load' });
          const shot = join(DIR, `${name}-${width}-${scheme}.png`);
          await page.screenshot({ path: shot, fullPage: true });
          t.ok(`screenshot ${name} ${width} px ${scheme}: tests/out/screenshots/${name}-${width}-${scheme}.png`);
        }
      }
    }

    // Layout checks (light), on the screenshot pages and a few more kinds.
    await page.emulateMedia({ colorScheme: 'light' });
    for (const width of [320, 375, 1280]) {
      await page.setViewportSize({ width, height: 900 });
      for (const [name, file] of [...pages, ...extra]) {
        if (!file) continue;
        await page.goto(server.base + pathOf(file), { waitUntil: 'load' });
        const m = await measure(page);
        t.check(`${name} at ${width} px: no sideways scrolling (WCAG 1.4.10)`, m.scrollWidth <= m.width,
          [`page is ${m.scrollWidth} px wide in a ${m.width} px window`]);
        t.check(`${name} at ${width} px: no layout shift`, m.cls < 0.01, [`cumulative layout shift ${m.cls}`]);
        if (width === 375) t.check(`${name} at ${width} px: body text at least 18 px`, m.bodyFont >= 18 && m.font >= 18, [JSON.stringify(m)]);
        if (width === 1280 && name === 'tiltak') {
          t.check(`${name} at ${width} px: about 70 characters a line`, m.cpl >= 55 && m.cpl <= 85, [`${m.cpl} characters a line`]);
        }
      }
    }
    await page.close();
  } finally {
    await browser.close();
    await server.close();
  }
});
