// Query understanding (the rules of docs/search.md) and the quality set
// (tests/search/quality.tsv) against the built site's index. search.js is
// the file the results page loads; here node imports the same module and
// reads sok/ from disk instead of over HTTP, which is quick enough to run on
// every test run (tests/search/quality.mjs measures it in Chromium, bytes
// and Pagefind included).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ensureBuilt, PUBLIC, ROOT, run } from './lib.mjs';

await run('search quality', async (t) => {
  ensureBuilt();
  const m = await import(join(ROOT, 'themes/standard/assets/search.js'));

  // edit distance: one edit for 5+ letters, two for 9+, a swap is one
  t.check('a swap of two neighbours is one edit', m.editDistance('psykolgo', 'psykolog', 2) === 1);
  t.check('typos are counted in edits', m.editDistance('legevkat', 'legevakt', 2) === 1 &&
    m.editDistance('demnes', 'demens', 2) === 1 && m.editDistance('abcd', 'xbcy', 2) === 2);
  t.check('edits allowed: 0 under 5 letters, 1 from 5, 2 from 9',
    m.allowedEdits(4) === 0 && m.allowedEdits(5) === 1 && m.allowedEdits(8) === 1 && m.allowedEdits(9) === 2);
  t.check('missing marks and spelt-out letters fold alike',
    m.foldKey('kompetanseloft') === m.foldKey('kompetanseløft') &&
    m.foldKey('kompetanseloeft') === m.foldKey('kompetanseløft') &&
    m.foldKey('aarsverk') === m.foldKey('årsverk') && m.foldKey('ernaering') === m.foldKey('ernæring'));
  t.check('forms of one word: short endings after a shared beginning',
    m.sameWord('demente', 'demens') && m.sameWord('sykeplei', 'sykepleiern') &&
    m.sameWord('utviklingshemmed', 'utviklingshemming') && !m.sameWord('psykolog', 'psykose') &&
    !m.sameWord('lege', 'legat'));
  const known = new Set(['kommun', 'psykolog', 'legevakt', 'kompetans', 'hels']);
  t.check('a typed compound splits against known words, with a linking e or s',
    JSON.stringify(m.splitCompound('kommunepsykolog', known, m.stem)) === '["kommun","psykolog"]' &&
    JSON.stringify(m.splitCompound('legevaktkompetanse', known, m.stem)) === '["legevakt","kompetans"]' &&
    m.splitCompound('psykolog', known, m.stem) === null && m.splitCompound('xyzxyzxyz', known, m.stem) === null);
  // the vocabulary holds the site's words and their stems: a first part that
  // is a whole word gives its stem, the term the index has
  const words = new Set(['pårørende', 'pårør', 'støtte', 'støtt']);
  t.check('a typed compound whose first part is a whole word of the site gives that word\'s stem',
    JSON.stringify(m.splitCompound('pårørendestøtte', words, m.stem)) === '["pårør","støtt"]');

  // the engine over the built index
  const s = m.createSearch(async (p) => JSON.parse(readFileSync(join(PUBLIC, 'sok', p), 'utf8')));
  const urls = async (q, filters) => {
    const r = await s.search(q, filters);
    return { r, urls: await Promise.all(r.results.slice(0, 3).map(async (h) => (await s.fragment(h.id)).u)) };
  };
  const a = await urls('hvordan rekruttere psykologer');
  t.check('question words are ignored', a.r.tokens.map((x) => x.stem).join(' ') === 'rekrutter psykolog');
  const b = await urls('3,17');
  t.check('3,17 is read as 3.17', b.urls[0] === '/tiltak/3-17-grunn-videre-og-etterutdanning/', b.urls);
  const c = await urls('menn helse xyzzyq');
  t.check('pages with some of the words come below those with all, when none has all',
    c.r.total > 0 && c.r.full === 0 && c.urls.includes('/tiltak/1-1-menn-i-helse/'), c.urls);
  const d = await urls('legevakt');
  t.check('pages with all the words come first', d.r.results.every((h, i, all) => !i || all[i - 1].full || !h.full));
  const e = await urls('', { malgrupper: ['Sykepleiere'], status: ['pågår'] });
  t.check('filters work without a query', e.r.total > 0 && e.r.results.length === e.r.total);
  const f = await s.search('helsesykepleier');
  t.check('a synonym from site.lua is searched and named', f.also.includes('helsesøster') && f.total > 0);
  const g = await s.search('dmenss');
  t.check('no result suggests the closest word of the site', g.total === 0 && g.suggestion === 'demens', [g.suggestion]);

  // the quality set: right page in the top 3, and queries with no result
  const set = readFileSync(join(ROOT, 'tests/search/quality.tsv'), 'utf8').split('\n')
    .filter((l) => l.trim() && !l.startsWith('#')).map((l) => l.split('\t'));
  let hit = 0, zero = 0;
  const misses = [];
  for (const [cat, q, want] of set) {
    const { r, urls: top } = await urls(q);
    if (top.some((u) => want.split(' ').includes(u))) hit++;
    else misses.push(`${cat}: ${q} -> ${top.join(' ') || '(none)'}`);
    if (!r.total) zero++;
  }
  t.check(`right page in the top 3 for ≥ 90 % of ${set.length} queries (${Math.round((100 * hit) / set.length)} %)`,
    set.length >= 120 && hit >= 0.9 * set.length, misses);
  t.check(`no result at all for ≤ 5 % of queries (${zero})`, zero <= 0.05 * set.length);

  // bokmål and nynorsk (tests/search/nynorsk.tsv, written before the folding
  // was built): a query in one form finds pages written in the other, by the
  // theme's pairs applied to every compound and inflection, not by synonyms
  const nn = readFileSync(join(ROOT, 'tests/search/nynorsk.tsv'), 'utf8').split('\n')
    .filter((l) => l.trim() && !l.startsWith('#')).map((l) => l.split('\t'));
  const per = {};
  const nnMisses = [];
  for (const [cat, q, want] of nn) {
    const { urls: top } = await urls(q);
    per[cat] ??= { n: 0, hit: 0 };
    per[cat].n++;
    if (top.some((u) => want.split(' ').includes(u))) per[cat].hit++;
    else nnMisses.push(`${cat}: ${q} -> ${top.join(' ') || '(none)'}`);
  }
  for (const [cat, { n, hit }] of Object.entries(per))
    t.check(`${cat}: the right page in the top 3 for ≥ 85 % of ${n} queries (${Math.round((100 * hit) / n)} %)`,
      n >= 20 && hit >= 0.85 * n, nnMisses.filter((m) => m.startsWith(cat)));
  const sy = await s.search('helsetjenesten');
  const syUrls = await Promise.all(sy.results.map(async (h) => (await s.fragment(h.id)).u));
  t.check('a bokmål compound finds the nynorsk one without a synonym (helsetjenesten: helsetenesta)',
    syUrls.includes('/kompetansesentre/nasjonalt-senter-for-distriktsmedisin/') && !(sy.also ?? []).length, [sy.also]);
});
