// The search page in headless Chromium against the built site: quality (each
// query's page in the top 3), search-as-you-type, the live region, the URL,
// facets, the back button, accessibility of the results and the no-JS text.
import { ensureBuilt, serve, launch, reporter } from './lib.mjs';

// query -> URL that must be among the first three results. Inflected forms
// and compound parts are there on purpose.
const QUALITY = [
  // nynorsk pages, found by an inflected nynorsk form and by the bokmål word
  ['sjukeheimane', '/kompetansesentre/stiftelsen-livsglede-for-eldre/'],
  ['utviklingssentera', '/kompetansesentre/usht/'],
  ['livsgledesykehjem sykehjemmene', '/kompetansesentre/stiftelsen-livsglede-for-eldre/'],
  // bokmål and nynorsk folded by the theme's word pairs, with no synonym:
  // a bokmål compound for a nynorsk page, a nynorsk compound for a bokmål one
  ['selvmordsatferd', '/kompetansesentre/nssf/'],
  ['stressmestring', '/kompetansesentre/nkvts/'],
  ['kvardagsrehabilitering', '/tiltak/ms26-hverdagsrehabilitering/'],
  ['rettleiingsplikt for kommunane', '/tiltak/ms26-veiledningsplikt-for-kommunene/'],
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

// The search page as a reader meets it, on a wide screen and a phone.
async function layoutChecks() {
  for (const [w, h] of [[1280, 900], [390, 844]]) {
    await page.setViewportSize({ width: w, height: h });
    await results('demens');
    const n = Number((await page.textContent('.sok-status')).match(/\d+/)[0]);
    const bottom = await page.$eval('.sok-treff li', (li) => li.getBoundingClientRect().bottom);
    t.check(`at ${w}×${h} the first of ${n} results is inside the first screen`, n >= 20 && bottom <= h,
      [`first result ends at ${bottom}px`]);
    // Tab from the search field to the first result
    await page.focus('#sok-side-q');
    let presses = 0;
    while (presses < 20) {
      await page.keyboard.press('Tab');
      presses++;
      if (await page.evaluate(() => document.activeElement === document.querySelector('.sok-treff li a'))) break;
    }
    t.check(`at ${w}×${h} the first result is ≤ 5 Tab presses from the search field (${presses})`, presses <= 5);
  }
  // phone: one "Filtrer" button opens the filters, right after it
  await page.setViewportSize({ width: 390, height: 844 });
  await results('demens');
  const toggle = page.locator('.sok-filtrer');
  const shut = (await toggle.isVisible()) && !(await page.isVisible('.sok-filtre'));
  await toggle.click();
  const opened = (await toggle.getAttribute('aria-expanded')) === 'true' && (await page.isVisible('.sok-filtre summary'));
  t.check('on a phone the filters are behind one "Filtrer" button', shut && opened);
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.waitForFunction(() => document.querySelector('.sok-filtrer').hidden, null, { timeout: 5000 }).catch(() => {});
  t.check('on a wide screen the filters are a side column without the button',
    !(await toggle.isVisible()) && (await page.isVisible('.sok-filtre summary')));

  // each result shows its type, number, status and date
  await results('3.17');
  const meta = await page.textContent('.sok-treff li .sok-meta');
  const title = await page.textContent('.sok-treff li h2');
  t.check('a result shows type, number, status and date', /Tiltak/.test(meta) && /3\.17/.test(title) &&
    /Status: \S+/.test(meta) && /Status per: \d{4}/.test(meta), [title, meta]);

  // filters with an empty query, combined; focus stays on the box ticked
  await page.goto(`${server.base}/sok/?malgrupper=Sykepleiere`);
  await page.waitForSelector('.sok-treff li');
  const all = Number((await page.textContent('.sok-status')).match(/\d+/)[0]);
  await page.click('.sok-filter details:has(input[name=status]) summary');
  const st = page.locator('.sok-filter input[name=status][value="pågår"]');
  await st.focus();
  await page.keyboard.press('Space');
  await page.waitForURL(/status=p%C3%A5g%C3%A5r/);
  await page.waitForFunction((n) => Number(document.querySelector('.sok-status').textContent.match(/\d+/)[0]) < n, all);
  const focusId = await page.evaluate(() => document.activeElement?.id);
  t.check('ticking a filter keeps focus on it', focusId === (await st.getAttribute('id')), [focusId]);
  const both = Number((await page.textContent('.sok-status')).match(/\d+/)[0]);
  t.check(`filters combine and work without a query (${all} Sykepleiere, ${both} of them pågår)`, both > 0 && both < all);
  const chips = await page.$$eval('.sok-valgte button', (bs) => bs.map((b) => b.getAttribute('aria-label')));
  t.check('chosen filters are shown as removable chips', chips.length === 2 &&
    chips.some((c) => /Målgrupper: Sykepleiere/.test(c)) && chips.some((c) => /Status: pågår/.test(c)), chips);
  // axe on a phone with the filters open and chips shown
  await page.setViewportSize({ width: 390, height: 844 });
  await page.click('.sok-filtrer');
  await page.addScriptTag({ content: (await import('node:fs')).readFileSync(new URL('../../node_modules/axe-core/axe.min.js', import.meta.url), 'utf8') });
  const v = await page.evaluate(async () => (await window.axe.run(document, {
    runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } })).violations
    .map((x) => `${x.id}: ${x.nodes.length}`));
  t.check('a phone with filters open and chips shown has no axe violations', v.length === 0, v);
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.click('.sok-valgte li:last-child button');
  await page.waitForFunction(() => !/status=/.test(location.search));
  await page.waitForFunction(() => document.querySelectorAll('.sok-valgte button').length === 1);
  const afterChip = await page.evaluate(() => document.activeElement?.className);
  t.check('removing a chip removes its filter and keeps focus among the chips', afterChip === 'sok-brikke', [afterChip]);

  // the count is announced once, after typing stops, not on every key
  await page.goto(`${server.base}/sok/`);
  await page.evaluate(() => {
    window.announced = [];
    new MutationObserver(() => window.announced.push(document.querySelector('.sok-status').textContent))
      .observe(document.querySelector('.sok-status'), { childList: true, characterData: true, subtree: true });
  });
  await page.type('#sok-side-q', 'legevakt');
  await page.waitForFunction(() => window.announced.length > 0 && /legevakt/.test(window.announced.at(-1)));
  await page.waitForTimeout(1500);
  const said = await page.evaluate(() => window.announced.filter((x) => x.trim()));
  t.check('the number of hits is announced once after typing stops', said.length === 1, said);
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
  t.check('filter groups start collapsed, their values not yet fetched',
    (await page.$$('.sok-filter details[open]')).length === 0 && (await page.$$('.sok-filter input')).length === 0);
  await page.focus('#g-type');
  await page.keyboard.press('Enter');
  const box = page.locator('.sok-filter input[name=type][value=Kompetansesentre]');
  await box.waitFor();
  const label = await page.$eval('.sok-filter fieldset label', (l) => l.textContent);
  t.check('opening a group shows its values with counts, focus stays on it',
    /\(\d+\)$/.test(label) && (await page.evaluate(() => document.activeElement?.id)) === 'g-type', [label]);
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

  // the results page: results first, filters collapsed and combinable, chips, focus
  await layoutChecks();

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

  // without JavaScript the header search leads to the A–Å index, not a dead end
  {
    const p3 = await browser.context.newPage();
    const cdp = await browser.context.newCDPSession(p3);
    await cdp.send('Emulation.setScriptExecutionDisabled', { value: true });
    await p3.goto(`${server.base}/`);
    await p3.fill('header input[name=q]', 'demens');
    await p3.press('header input[name=q]', 'Enter');
    await p3.waitForURL(/\/a-a\/$/);
    t.ok('without JavaScript the header search leads to the A–Å index');
    await p3.close();
  }

  // without JavaScript the page explains and links elsewhere (for a reader
  // whose browser does not follow the refresh)
  const html = await (await fetch(`${server.base}/sok/`)).text();
  t.check('without JavaScript the search page explains and links to A–Å',
    /<body>[\s\S]*<noscript>[\s\S]*JavaScript[\s\S]*\/a-a\/[\s\S]*<\/noscript>/.test(html));
} catch (e) {
  t.fail('search page test ran to the end', [e.stack]);
} finally {
  await browser.close();
  await server.close();
  t.done();
}
