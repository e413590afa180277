// The search page in headless Chromium against the built site: quality (each
// query's page in the top 3), search-as-you-type, the live region, the URL,
// facets, the back button, accessibility of the results and the no-JS text.
import { ensureBuilt, serve, launch, reporter } from './lib.mjs';

// query -> URL that must be among the first three results. Inflected forms
// and compound parts are there on purpose.
const QUALITY = [
  ['demens', '/tiltak/3-2-demensomsorgens-abc/'],
  ['demensomsorgen', '/tiltak/3-2-demensomsorgens-abc/'],
  ['psykolog', '/tiltak/1-5-rekruttering-av-psykologer/'],
  ['psykologene', '/tiltak/3-1-stimuleringstiltak-for-psykologer/'],
  ['USHT', '/tiltak/4-1-utviklingssentrene-usht/'],
  ['usht', '/kompetansesentre/usht/'],
  ['legevakt', '/kompetansesentre/nasjonalt-kompetansesenter-for-legevaktmedisin/'],
  ['legevakten', '/tiltak/3-19-akuttmedisin-vold-og-overgrep/'],
  ['samisk', '/kompetansesentre/senter-for-samisk-helseforskning/'],
  ['3.17', '/tiltak/3-17-grunn-videre-og-etterutdanning/'],
  ['5.4', '/tiltak/3-17-grunn-videre-og-etterutdanning/'],
  ['4.2.11', '/kompetansesentre/korus/'],
  ['skolehelse', '/tiltak/3-14-helsestasjons-og-skolehelsetjenesten/'],
  ['helsestasjon', '/tiltak/3-14-helsestasjons-og-skolehelsetjenesten/'],
  ['jobbvinner', '/tiltak/1-2-jobbvinner/'],
  ['menn i helse', '/tiltak/1-1-menn-i-helse/'],
  ['lederutdanning', '/tiltak/6-1-nasjonal-lederutdanning/'],
  ['palliasjon', '/tiltak/3-13-palliasjon/'],
  ['velferdsteknologi', '/tiltak/3-26-velferdsteknologiens-abc/'],
  ['fagskole', '/tiltak/3-16-fagskoleutdanning/'],
  ['overgrepsmottak', '/tiltak/3-19-akuttmedisin-vold-og-overgrep/'],
  ['ernæring', '/tiltak/3-22-mat-og-ernaering/'],
  ['mitt livs abc', '/tiltak/3-12-mitt-livs-abc/'],
  ['KoRus', '/kompetansesentre/korus/'],
  ['napha', '/kompetansesentre/napha/'],
  ['selvmord', '/kompetansesentre/nssf/'],
  ['musikkbasert', '/tiltak/5-9-musikkbasert-miljobehandling/'],
  ['kollegagrupper', '/tiltak/2-2-kollegagrupper/'],
  ['nasjonal deleksamen', '/tiltak/2-1-nasjonal-deleksamen/'],
  ['livsglede', '/tiltak/3-20-livsglede-for-eldre/'],
  ['fremmedspråklige', '/tiltak/1-4-kvalifisering-av-fremmedspraklige/'],
  ['avansert klinisk sykepleie', '/tiltak/3-11-avansert-klinisk-sykepleie/'],
  ['allmennmedisin', '/tiltak/1-6-utdanningsstillinger-i-allmennmedisin/'],
  ['primærhelseteam', '/tiltak/4-3-teamorganisering/'],
  ['barnepalliasjon', '/kompetansesentre/foreningen-for-barnepalliasjon/'],
  ['antibiotika', '/kompetansesentre/antibiotikasenter-for-primaermedisin/'],
  ['distriktsmedisin', '/kompetansesentre/nasjonalt-senter-for-distriktsmedisin/'],
  ['utviklingshemming', '/kompetansesentre/naku/'],
  ['helsepersonellkommisjonen', '/planer/helsepersonellkommisjonen/'],
  ['hverdagsrehabilitering', '/tiltak/ms26-hverdagsrehabilitering/'],
];

ensureBuilt();
const t = reporter();
const server = await serve();
const browser = await launch();
const page = await browser.context.newPage();
const errors = [];
page.on('pageerror', (e) => errors.push(String(e)));

async function results(q) {
  await page.goto(`${server.base}/sok/?q=${encodeURIComponent(q)}`);
  await page.waitForFunction(() => document.querySelector('.sok-status')?.textContent.trim() !== '');
  return page.$$eval('.sok-treff li h2 a', (as) => as.map((a) => new URL(a.href).pathname));
}

try {
  let good = 0;
  for (const [q, want] of QUALITY) {
    const got = await results(q);
    const hit = got.slice(0, 3).includes(want);
    good += hit;
    t.check(`search "${q}" finds ${want} in the top 3`, hit, [`got: ${got.slice(0, 3).join(', ')}`]);
  }
  t.check(`at least 30 quality queries (${QUALITY.length})`, QUALITY.length >= 30);

  // the live region announces the count, and an excerpt is highlighted
  await results('demens');
  const status = await page.textContent('.sok-status');
  t.check('result count is announced in a live region', /^\d+ treff på «demens»\.$/.test(status.trim()) &&
    (await page.getAttribute('.sok-status', 'role')) === 'status', [status]);
  t.check('excerpts mark the query words', (await page.$$('.sok-treff mark')).length > 0);

  // synonyms from site.lua are searched too, and the page says so
  await results('helsesykepleier');
  const note = await page.textContent('.sok-merknad');
  t.check('a synonym from site.lua is searched too and shown ("Viser også treff på")',
    /Viser også treff på helsesøster/.test(note), [note]);

  // no result: "Mente du …?" from the site's words, and ways on
  await results('dmenss');
  const none = await page.textContent('.sok-merknad');
  const mente = await page.$('.sok-merknad a[href*="q=demens"]');
  const ways = await page.$$eval('.sok-merknad a', (as) => as.map((a) => new URL(a.href).pathname));
  t.check('no result offers "Mente du …?" and links to A–Å and the lists',
    /Mente du demens\?/.test(none) && !!mente && ways.includes('/a-a/') && ways.includes('/tiltak/'),
    [none, ways.join(' ')]);

  // from the header box on another page
  await page.goto(`${server.base}/`);
  await page.fill('header input[name=q]', 'legevakt');
  await page.press('header input[name=q]', 'Enter');
  await page.waitForURL(/\/sok\/\?q=legevakt$/);
  await page.waitForSelector('.sok-treff li');
  t.ok('the header search box submits to /sok/ and shows results');

  // search as you type, prefix match on the last word, URL in step
  await page.goto(`${server.base}/sok/`);
  await page.fill('#sok-side-q', 'demensomso');
  await page.waitForFunction(() => /demensomso/.test(location.search) &&
    document.querySelector('.sok-treff a[href*="3-2-demensomsorgens-abc"]'));
  t.ok('search as you type matches the beginning of the last word and updates the URL');

  // facets: counts, filtering, URL, back button
  await results('kompetanse');
  const before = (await page.$$('.sok-treff li')).length;
  const total = Number((await page.textContent('.sok-status')).match(/\d+/)[0]);
  const label = await page.$eval('.sok-filter fieldset label', (l) => l.textContent);
  t.check('facets show values with counts', /\(\d+\)$/.test(label), [label]);
  const box = page.locator('.sok-filter input[name=type][value=Kompetansesentre]');
  await box.check();
  await page.waitForURL(/type=Kompetansesentre/);
  await page.waitForFunction((n) => Number(document.querySelector('.sok-status').textContent.match(/\d+/)[0]) < n, total);
  const types = await page.$$eval('.sok-treff .sok-type', (ps) => ps.map((p) => p.textContent));
  t.check('a facet filters the results and goes into the URL',
    types.length > 0 && types.every((x) => x === 'Kompetansesenter'), [types.join(', ')]);
  await page.goBack();
  await page.waitForFunction(() => !/type=/.test(location.search));
  await page.waitForFunction((n) => document.querySelectorAll('.sok-treff li').length === n, before);
  t.check('the back button undoes the filter',
    !(await page.isChecked('.sok-filter input[name=type][value=Kompetansesentre]')));

  // keyboard: the search field is labelled and results are reachable by Tab
  const labelled = await page.$eval('#sok-side-q', (i) => !!i.labels?.length);
  t.check('the search field has a label', labelled);

  // axe on a page full of results
  const axeSource = (await import('node:fs')).readFileSync(new URL('../../node_modules/axe-core/axe.min.js', import.meta.url), 'utf8');
  await page.addScriptTag({ content: axeSource });
  const v = await page.evaluate(async () => (await window.axe.run(document, {
    runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } })).violations
    .map((x) => `${x.id}: ${x.nodes.length}`));
  t.check('search results have no axe violations', v.length === 0, v);

  t.check('no JavaScript errors on the search page', errors.length === 0, errors);

  // without JavaScript the page explains and links elsewhere
  const nojs = await browser.context.browser()?.newContext?.({ javaScriptEnabled: false });
  const p2 = nojs ? await nojs.newPage() : null;
  if (p2) {
    await p2.goto(`${server.base}/sok/?q=demens`);
    const text = await p2.textContent('main');
    const az = await p2.$('main a[href$="/a-a/"]');
    t.check('without JavaScript the search page explains and links to A–Å', /JavaScript/.test(text) && !!az);
    await nojs.close();
  } else {
    const html = await (await fetch(`${server.base}/sok/`)).text();
    t.check('without JavaScript the search page explains and links to A–Å',
      /<noscript>[\s\S]*JavaScript[\s\S]*\/a-a\/[\s\S]*<\/noscript>/.test(html));
  }
} catch (e) {
  t.fail('search page test ran to the end', [e.stack]);
} finally {
  await browser.close();
  await server.close();
  t.done();
}
