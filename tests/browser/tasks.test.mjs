// The public's tasks: 30 things real people come to the knowledge bank to
// find (a municipal leader, a nurse, a journalist, a student, a relative, an
// English-speaking researcher), in their own words, each with the page that
// answers it. Played in headless Chromium against the built site as a person
// would: typing into the header's search box on the home page (typos and
// all) and taking one of the first `top` results, and/or clicking links from
// the home page by their visible text. Five of the click paths are played
// again with JavaScript off. Each task must reach its answer within the
// steps stated, and the answer page must say the fact asked for.
//
// Steps are counted as a person counts them: a search is one step (typing and
// Enter) plus one click on a result; a click path is one step per click.
import { ensureBuilt, launch, run, serve } from './lib.mjs';

// who: the person; ask: what they want, in their words; answer: the page(s)
// that answer it; fact: what the answer page must say (a regular expression
// on its text); search: the words typed in the header's search box (from
// `from`, default the home page) and how far down the answer may be; nav: the
// links clicked from the home page, by their text (a string is a link's whole
// text, a RegExp matches within it); nojs: the click path works without JavaScript too;
// nojsSearch: the words typed without JavaScript (the search page sends the
// reader to A–Å) and the links followed from there.
export const TASKS = [
  { who: 'kommunalsjef', ask: 'Hvilke tilskudd kan kommunen søke for å få flere psykologer?',
    answer: ['/tiltak/1-5-rekruttering-av-psykologer/'], fact: /Tilskudd til rekruttering av psykologer/,
    search: { q: 'tilskudd for å ansette psykolog i kommunen', top: 3 },
    nav: { path: ['Målgrupper', 'Psykologer', 'Tilskudd til rekruttering av psykologer i kommunene'], max: 3 } },
  { who: 'kommunalsjef', ask: 'Hva var status for lederutdanningen i 2016?',
    answer: ['/tiltak/6-1-nasjonal-lederutdanning/'], fact: /Status: Pågår per 2016/,
    search: { q: 'status lederutdanningen 2016', top: 3 },
    nav: { path: ['Strategier', /bedre ledelse/i, 'Nasjonal lederutdanning for primærhelsetjenesten'], max: 3 } },
  { who: 'journalist', ask: 'Hvor mange årsverk var det i omsorgstjenestene i 2016?',
    answer: ['/statistikk/arsverk-i-omsorgstjenestene/'], fact: /137 950 årsverk/,
    search: { q: 'hvor mange årsverk i omsorgstjenesten 2016', top: 3 },
    nav: { path: ['Statistikk', 'Årsverk i omsorgstjenestene'], max: 2 }, nojs: true },
  { who: 'student (nynorsk)', ask: 'Kva kompetansesenter arbeider med samisk helse?',
    answer: ['/kompetansesentre/senter-for-samisk-helseforskning/'], fact: /samisk/,
    search: { q: 'kva kompetansesenter jobbar med samisk helse', top: 3 },
    nav: { path: ['Tema', 'Samisk helse', 'Senter for samisk helseforskning'], max: 3 } },
  { who: 'pårørende', ask: 'Finn tiltak for pårørende',
    answer: ['/malgrupper/parorende/', '/tema/parorende/', '/tiltak/ms26-parorendepolitikk/'], fact: /[Pp]årørende/,
    search: { q: 'tiltak for pårørende', top: 3 },
    nav: { path: ['Målgrupper', 'Pårørende'], max: 2 }, nojs: true },
  { who: 'journalist', ask: 'Last ned alle tiltakene som regneark',
    answer: ['/data/tiltak.csv'], fact: null,
    search: { q: 'last ned tiltakene som regneark', top: 3, then: ['Åpne data', /^Last ned tiltak som CSV/] },
    nav: { path: ['Åpne data', /^Last ned tiltak som CSV/], max: 2 }, nojs: true },
  { who: 'journalist', ask: 'Hva har FO sagt om oppgavedeling?',
    answer: ['/innspill/fo-helsepersonellkommisjonen-oppgavedeling/', '/innspill/fo-oslo-sosialfaglige-stillinger-og-oppgavedeling/'],
    fact: /oppgåvedeling|oppgavedeling/, search: { q: 'FO oppgavedeling', top: 3 },
    nav: { path: ['Innspill', 'Innspill fra FO til Helsepersonellkommisjonen om oppgavedeling i helsetjenestene'], max: 2 } },
  { who: 'researcher (English)', ask: 'Which strategies did Kompetanseløft 2020 have?',
    answer: ['/en/planer/kompetanseloft-2020/', '/en/strategier/'], fact: /six strategies/i,
    search: { from: '/en/', q: 'Kompetanseloft 2020 strategies', top: 3 },
    nav: { path: ['English', 'Kompetanseløft 2020'], max: 2 } },
  { who: 'journalist', ask: 'Er Kompetanseløft 2020 fortsatt aktiv?',
    answer: ['/planer/kompetanseloft-2020/'], fact: /Perioden for Kompetanseløft 2020 \(2016–2020\) er over/,
    search: { q: 'kompetanseløft 2020', top: 3 },
    nav: { path: ['Planer', 'Kompetanseløft 2020'], max: 2 }, nojs: true },
  { who: 'kommunalsjef', ask: 'Hvem har ansvaret for Menn i helse?',
    answer: ['/tiltak/1-1-menn-i-helse/'], fact: /Ansvarlig\s*KS/,
    search: { q: 'hvem har ansvaret for menn i helse', top: 3 } },
  { who: 'sykepleier', ask: 'Finnes det opplæring i demensomsorg for oss på sykehjemmet?',
    answer: ['/tiltak/3-2-demensomsorgens-abc/'], fact: /Demensomsorgens ABC/,
    search: { q: 'demens kurs for ansatte', top: 3 },
    nav: { path: ['Tema', 'Demens', 'Demensomsorgens ABC'], max: 3 } },
  { who: 'sykepleier', ask: 'Hva er avansert klinisk sykepleie, og hvor kan jeg ta det?',
    answer: ['/tiltak/3-11-avansert-klinisk-sykepleie/'], fact: /[Aa]vansert klinisk/,
    search: { q: 'avansert klinisk sykepleier master', top: 3 } },
  { who: 'student', ask: 'Hvor mange søkte seg til sykepleierutdanningen?',
    answer: ['/statistikk/sokere-og-fullforte-utdanninger/'], fact: /[Ss]ykepleie/,
    search: { q: 'antall søkere sykepleierutdanning', top: 3 },
    nav: { path: ['Statistikk', /^Søkere/], max: 2 } },
  { who: 'journalist', ask: 'Hvor mange menn jobber i helse og omsorg?',
    answer: ['/statistikk/menn-og-innvandrere-blant-ansatte/'], fact: /[Mm]enn/,
    search: { q: 'andel menn blant ansatte i omsorgen', top: 3 } },
  { who: 'kommunalsjef', ask: 'Hvordan kan en distriktskommune få tak i fastleger?',
    answer: ['/tiltak/1-3-tilskudd-legedekning/'], fact: /[Ll]egedekning/,
    search: { q: 'tilskudd fastlege distriktskommune', top: 3 } },
  { who: 'sykepleier', ask: 'Finnes det kurs for assistenter uten fagbrev?',
    answer: ['/tiltak/3-10-kurspakke-for-ufaglaerte/'], fact: /[Uu]faglærte/,
    search: { q: 'kurs for assistenter uten fagbrev', top: 3 },
    nav: { path: ['Målgrupper', 'Ufaglærte', 'Kurspakke for ufaglærte'], max: 3 } },
  { who: 'student (nynorsk)', ask: 'Kva er USHT?',
    answer: ['/kompetansesentre/usht/', '/tiltak/4-1-utviklingssentrene-usht/'], fact: /[Uu]tviklingssentr/,
    search: { q: 'kva er usht', top: 3 }, nojsSearch: { q: 'USHT', then: [/^USHT/] },
    nav: { path: [/^Alle sider A–Å/, /^USHT/], max: 2 }, nojs: true },
  { who: 'pårørende', ask: 'Far er døende. Hva gjøres for lindrende behandling i kommunen?',
    answer: ['/tiltak/3-18-lindrende-behandling-livets-slutt/', '/tiltak/ms26-trygg-siste-tid/', '/tiltak/ms26-kompetanse-lindrende-behandling/', '/tiltak/ms26-fagrapport-lindrende-behandling/'],
    fact: /livets slutt|siste tid/, search: { q: 'palliativ omsorg ved livets slutt', top: 3 } },
  { who: 'student (nynorsk)', ask: 'Kven lærer opp tilsette om vald og overgrep?',
    answer: ['/kompetansesentre/rvts/', '/kompetansesentre/nkvts/', '/tema/vold-og-overgrep/', '/tiltak/ms26-kompetanse-vold-og-overgrep/', '/tiltak/3-19-akuttmedisin-vold-og-overgrep/'],
    fact: /vold|vald/, search: { q: 'kompetanse om vald og overgrep', top: 3 },
    nav: { path: ['Tema', 'Vold og overgrep'], max: 2 } },
  { who: 'kommunalsjef', ask: 'Hvor høyt er sykefraværet i omsorgstjenestene?',
    answer: ['/statistikk/arbeidstid-og-sykefravaer/'], fact: /[Ss]ykefravær/,
    search: { q: 'sykefravær i omsorgstjenesten', top: 3 },
    nav: { path: ['Statistikk', 'Arbeidstid og sykefravær'], max: 2 } },
  { who: 'journalist', ask: 'Hvilke kompetansekrav står i loven?',
    answer: ['/tiltak/3-7-kompetansekrav-i-loven/', '/tiltak/ms26-kompetansekrav-i-loven/'], fact: /[Kk]ompetansekrav/,
    search: { q: 'kompetansekrav i loven', top: 3 } },
  { who: 'researcher (English)', ask: 'How many man-years were there in the care services in 2016?',
    answer: ['/statistikk/arsverk-i-omsorgstjenestene/'], fact: /137 950 årsverk/,
    nav: { path: ['English', 'statistics', 'Årsverk i omsorgstjenestene'], max: 3 } },
  { who: 'researcher (English)', ask: 'Can I download the measures as a spreadsheet?',
    answer: ['/data/tiltak.csv'], fact: null,
    search: { from: '/en/', q: 'download data spreadsheet', top: 3, then: ['Open data', /^Last ned tiltak som CSV/] } },
  { who: 'pårørende', ask: 'Lærer de ansatte å bruke velferdsteknologi som trygghetsalarm?',
    answer: ['/tiltak/3-26-velferdsteknologiens-abc/'], fact: /[Vv]elferdsteknologi/,
    search: { q: 'opplæring i velferdsteknologi for ansatte', top: 3 },
    nav: { path: ['Tema', 'Velferdsteknologi', "Velferdsteknologiens ABC"], max: 3 } },
  { who: 'kommunalsjef', ask: 'Hvilke tiltak for sykepleiere pågår?',
    answer: ['/malgrupper/sykepleiere/'], fact: /Pågår per 2016/,
    nav: { path: ['Målgrupper', 'Sykepleiere'], max: 2 } },
  { who: 'sykepleier', ask: 'Hvilken kompetanse kreves på legevakta?',
    answer: ['/tiltak/ms26-kompetanse-i-legevakt/', '/kompetansesentre/nasjonalt-kompetansesenter-for-legevaktmedisin/'], fact: /[Ll]egevakt/,
    search: { q: 'krav til kompetanse på legevakta', top: 3 } },
  { who: 'journalist', ask: 'Hvem står bak kunnskapsbanken, og hvordan kontakter jeg dem?',
    answer: ['/om-kunnskapsbanken/'], fact: /[Kk]ontakt|e-post/,
    search: { q: 'kontakt redaksjonen', top: 3 },
    nav: { path: ['Om kunnskapsbanken'], max: 1 } },
  { who: 'journalist (nynorsk)', ask: 'Kva har FO meint om opptrappingsplanen for psykisk helse?',
    answer: ['/innspill/fo-opptrappingsplan-psykisk-helse/'], fact: /[Oo]pptrappingsplan/,
    search: { q: 'FO innspel opptrappingsplan psykisk helse', top: 3 } },
  { who: 'student', ask: 'Hva gjøres for å forebygge selvmord?',
    answer: ['/tiltak/ms26-forebygging-av-selvmord-og-selvskading/', '/kompetansesentre/nssf/', '/tema/selvmordsforebygging/'],
    fact: /[Ss]elvmord|sjølvmord/, search: { q: 'forebygge selvmord', top: 3 },
    nojsSearch: { q: 'selvmord', then: ['Selvmordsforebygging'] },
    nav: { path: [/^Alle sider A–Å/, 'Selvmordsforebygging'], max: 2 } },
  { who: 'kommunalsjef', ask: 'Vi sliter med personalmangel. Hva finnes om rekruttering og bemanning?',
    answer: ['/strategier/rekruttering-og-bemanning/', '/tema/rekruttering-og-bemanning/'], fact: /[Rr]ekrutter/,
    search: { q: 'personalmangel i kommunene', top: 3 },
    nav: { path: ['Strategier', /rekruttering og stabil bemanning/], max: 2 } },
];

const norm = (s) => s.replace(/\s+/g, ' ').trim();
const matches = (want, text) => (want instanceof RegExp ? want.test(text) : text === want);

/** Clicks through `path` from `start`; returns { ok, steps, at, why }. */
async function playNav(page, base, start, path, answer) {
  await page.goto(base + start);
  let steps = 0;
  for (const want of path) {
    const links = await page.$$eval('a[href]', (as) => as.map((a) => ({ href: a.href, text: a.textContent })));
    const hit = links.find((a) => a.href.startsWith(base) && matches(want, norm(a.text)));
    if (!hit) return { ok: false, steps, at: new URL(page.url()).pathname, why: `no link «${want}» on ${new URL(page.url()).pathname}` };
    steps++;
    const target = new URL(hit.href).pathname;
    if (/\.(csv|json|xml|ttl)$/.test(target)) return { ok: answer.includes(target), steps, at: target, why: `file ${target}` };
    await page.goto(hit.href);
  }
  const at = new URL(page.url()).pathname;
  return { ok: answer.includes(at), steps, at, why: answer.includes(at) ? '' : `ended on ${at}` };
}

/** Types `q` into the header search on `from`; returns the first hits' paths. */
async function playSearch(page, base, from, q) {
  await page.goto(base + from);
  await page.fill('header input[type=search]', q);
  await Promise.all([page.waitForURL(/[?&]q=/), page.press('header input[type=search]', 'Enter')]);
  await page.waitForFunction(() => document.querySelector('.sok-status')?.textContent.trim() !== '');
  return page.$$eval('.sok-treff li h2 a', (as) => as.map((a) => new URL(a.href).pathname));
}

await run('tasks', async (t) => {
  ensureBuilt();
  const server = await serve();
  const browser = await launch();
  const nojs = await launch({ javaScriptEnabled: false });
  const report = [];
  try {
    const page = await browser.context.newPage();
    const plain = await nojs.context.newPage();
    t.check(`the task set has 30 tasks, each with a search or a click path`,
      TASKS.length === 30 && TASKS.every((x) => x.search || x.nav), [TASKS.length]);
    for (const [i, task] of TASKS.entries()) {
      const name = `${i + 1}. ${task.who}: ${task.ask}`;
      const line = [`${i + 1}`];
      // the answer really is on the answer page
      if (task.fact) {
        await page.goto(server.base + task.answer[0]);
        const text = norm(await page.textContent('main'));
        t.check(`${name}: ${task.answer[0]} says ${task.fact}`, task.fact.test(text), [text.slice(0, 300)]);
      }
      if (task.search) {
        const s = task.search;
        const hits = await playSearch(page, server.base, s.from ?? '/', s.q);
        let rank = hits.findIndex((u) => task.answer.includes(u)) + 1;
        let steps = rank ? 2 : 0;
        let detail = hits.slice(0, s.top).join(' ') || '(no hits)';
        // the answer is a file a hit leads on to: search, a hit, then its link
        if (!rank && s.then) {
          for (const [k, u] of hits.slice(0, s.top).entries()) {
            const r = await playNav(page, server.base, u, s.then, task.answer);
            if (r.ok) { rank = k + 1; steps = 2 + r.steps; detail = `${u} → ${r.at}`; break; }
          }
        }
        line.push(`search «${s.q}»: ${rank ? `hit ${rank}, ${steps} steps` : 'not found'}`);
        t.check(`${name}: search «${s.q}» has the answer in the first ${s.top}`, rank > 0 && rank <= s.top, [detail]);
      }
      if (task.nav) {
        const r = await playNav(page, server.base, '/', task.nav.path, task.answer);
        line.push(`clicks: ${r.ok ? `${r.steps}` : `failed (${r.why})`}`);
        t.check(`${name}: from the home page in ≤ ${task.nav.max} clicks`, r.ok && r.steps <= task.nav.max, [r.why]);
        if (task.nojsSearch) {
          // without JavaScript the search page sends the reader on to A–Å,
          // where the words they typed must lead on
          const n = task.nojsSearch;
          await plain.goto(server.base + '/');
          await plain.fill('header input[type=search]', n.q);
          await Promise.all([plain.waitForURL((u) => u.pathname === '/a-a/'), plain.press('header input[type=search]', 'Enter')]);
          const q = await playNav(plain, server.base, '/a-a/', n.then, task.answer);
          line.push(`search without JS «${n.q}»: ${q.ok ? `A–Å, ${2 + q.steps} steps` : `failed (${q.why})`}`);
          t.check(`${name}: search «${n.q}» without JavaScript leads by A–Å to the answer`, q.ok, [q.why]);
        }
        if (task.nojs) {
          const q = await playNav(plain, server.base, '/', task.nav.path, task.answer);
          line.push(`no JS: ${q.ok ? `${q.steps}` : `failed (${q.why})`}`);
          t.check(`${name}: the same clicks without JavaScript`, q.ok && q.steps <= task.nav.max, [q.why]);
        }
      }
      report.push(line.join(' · '));
    }
    t.check('five click paths are played without JavaScript', TASKS.filter((x) => x.nojs && x.nav).length === 5);
    // a word filed in two taxonomies (Pårørende: tema and målgruppe) links
    // across, so a reader who came by one does not miss the other's pages
    await page.goto(`${server.base}/tema/parorende/`);
    const across = await page.$$eval('main a[href]', (as) => as.map((a) => new URL(a.href).pathname));
    t.check('a term links the same word in another taxonomy (/tema/parorende/ → /malgrupper/parorende/)',
      across.includes('/malgrupper/parorende/'), [across.slice(0, 10).join(' ')]);
  } finally {
    for (const l of report) console.log(`# ${l}`);
    await nojs.close();
    await browser.close();
    await server.close();
  }
});
