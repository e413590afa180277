// The English search page (/en/sok/) in headless Chromium against the built
// site: it searches the English index only, with English stemming and stop
// words, speaks English, pairs with the Norwegian search page, is where the
// English pages' header search leads, and passes axe and html-validate.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FileSystemConfigLoader, HtmlValidate } from 'html-validate';
import { ensureBuilt, serve, launch, reporter, PUBLIC, ROOT } from './lib.mjs';

// query -> English page that must be among the first three results. Written
// from the English pages: inflections the English stemmer joins
// (strategies/strategy, recruiting/recruitment), stop and question words.
const QUALITY = [
  ['strategies', '/en/strategier/'],
  ['recruiting', '/en/strategier/rekruttering-og-bemanning/'],
  ['better leadership', '/en/strategier/bedre-ledelse/'],
  ['what is the white paper about', '/en/planer/fremtidens-primaerhelsetjeneste/'],
  ['accessibility statement', '/en/tilgjengelighetserklaering/'],
  ['mental health', '/en/planer/opptrappingsplan-for-psykisk-helse/'],
  ['Kompetanseløft 2020', '/en/planer/kompetanseloft-2020/'],
];

ensureBuilt();
const t = reporter();
const server = await serve();
const browser = await launch();
const page = await browser.context.newPage();
const errors = [];
page.on('pageerror', (e) => errors.push(String(e)));

async function results(q) {
  await page.goto(`${server.base}/en/sok/?q=${encodeURIComponent(q)}`);
  await page.waitForFunction(() => document.querySelector('.sok-status')?.textContent.trim() !== '');
  return page.$$eval('.sok-treff li h2 a', (as) => as.map((a) => new URL(a.href).pathname));
}

try {
  for (const [q, want] of QUALITY) {
    const got = await results(q);
    t.check(`"${q}" finds ${want} in the top 3`, got.slice(0, 3).some((u) => u.startsWith(want)), got.slice(0, 3));
  }
  const all = await results('health');
  t.check(`only English pages are found (${all.length} for "health")`,
    all.length > 0 && all.every((u) => u.startsWith('/en/')), all);
  const status = await page.textContent('.sok-status');
  t.check('the count is in English', /^\d+ results? for “health”/.test(status.trim()), [status]);
  t.check('the page is lang="en"', (await page.getAttribute('html', 'lang')) === 'en');
  t.check('its heading and button are English', (await page.textContent('h1')).trim() === 'Search' &&
    (await page.textContent('#sok form button')).trim() === 'Search');
  const meta = await page.textContent('.sok-treff li .sok-meta');
  t.check('a result names its type in English', /Plan|Strategy|Page/.test(meta), [meta]);
  // a Norwegian word is not in the English index
  await results('sykehjem');
  t.check('a Norwegian-only word finds nothing in English, and says so in English',
    /^No results for “sykehjem”/.test((await page.textContent('.sok-status')).trim()));

  // the language switcher pairs the two search pages
  await page.goto(`${server.base}/en/sok/`);
  const back = await page.$eval('.sprakvalg a[hreflang=nb]', (a) => new URL(a.href).pathname);
  t.check('the switcher on /en/sok/ goes to /sok/', back === '/sok/', [back]);
  await page.goto(`${server.base}/sok/`);
  const there = await page.$eval('.sprakvalg a[hreflang=en]', (a) => new URL(a.href).pathname);
  t.check('the switcher on /sok/ goes to /en/sok/', there === '/en/sok/', [there]);

  // the header search of an English page leads to the English search
  await page.goto(`${server.base}/en/strategier/bedre-ledelse/`);
  await page.fill('header input[name=q]', 'leaders');
  await page.press('header input[name=q]', 'Enter');
  await page.waitForURL(/\/en\/sok\/\?q=leaders$/);
  await page.waitForFunction(() => document.querySelector('.sok-status')?.textContent.trim() !== '');
  const fromHeader = await page.$$eval('.sok-treff li h2 a', (as) => as.map((a) => new URL(a.href).pathname));
  t.check('the header search of an English page finds English pages', fromHeader[0]?.startsWith('/en/'), fromHeader);

  // axe on the English results
  await results('strategy');
  await page.addScriptTag({ content: readFileSync(new URL('../../node_modules/axe-core/axe.min.js', import.meta.url), 'utf8') });
  const v = await page.evaluate(async () => (await window.axe.run(document, {
    runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } })).violations
    .map((x) => `${x.id}: ${x.nodes.length}`));
  t.check('the English results have no axe violations', v.length === 0, v);
  t.check('no JavaScript errors on the English search page', errors.length === 0, errors);

  // html-validate on the page itself
  process.chdir(ROOT);
  const report = await new HtmlValidate(new FileSystemConfigLoader()).validateFile(join(PUBLIC, 'en/sok/index.html'));
  const bad = report.results.flatMap((r) => r.messages).filter((m) => m.severity === 2);
  t.check('html-validate: /en/sok/ has 0 errors', bad.length === 0, bad.map((m) => `${m.line}:${m.column} ${m.ruleId}: ${m.message}`));

  // without JavaScript the English header search leads to the English home
  // page, which lists every English page
  {
    const p3 = await browser.context.newPage();
    const cdp = await browser.context.newCDPSession(p3);
    await cdp.send('Emulation.setScriptExecutionDisabled', { value: true });
    await p3.goto(`${server.base}/en/planer/kompetanseloft-2020/`);
    await p3.fill('header input[name=q]', 'strategy');
    await p3.press('header input[name=q]', 'Enter');
    await p3.waitForURL(/\/en\/$/);
    t.ok('without JavaScript the English header search leads to the English home page');
    await p3.close();
  }
  const html = await (await fetch(`${server.base}/en/sok/`)).text();
  t.check('without JavaScript the English search page explains in English',
    /<noscript>[\s\S]*Search needs JavaScript[\s\S]*href="\/en\/"[\s\S]*<\/noscript>/.test(html));
} catch (e) {
  t.fail('English search page test ran to the end', [e.stack]);
} finally {
  await browser.close();
  await server.close();
  t.done();
}
