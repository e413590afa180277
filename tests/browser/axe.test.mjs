// axe-core with the WCAG 2.0/2.1 A and AA rules on every page of the built
// site (light colour scheme), on a representative set of pages in the dark
// colour scheme, and on the search page with results. One browser with a few
// tabs (one more than the CPUs) serves the whole run; axe's source is injected
// once per page load.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import { ensureBuilt, htmlFiles, launch, pathOf, run, serve } from './lib.mjs';

const require = createRequire(import.meta.url);
const AXE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

// One page of each kind, for the dark scheme.
const REPRESENTATIVE = [
  /^index\.html$/, /^404\.html$/, /^tiltak\/index\.html$/, /^tiltak\/1-1-[^/]+\/index\.html$/,
  /^tiltak\/3-14-[^/]+\/index\.html$/, /^strategier\/index\.html$/, /^strategier\/[^/]+\/index\.html$/,
  /^planer\/[^/]+\/index\.html$/, /^kompetansesentre\/[^/]+\/index\.html$/, /^innspill\/[^/]+\/index\.html$/,
  /^statistikk\/[^/]+\/index\.html$/, /^tema\/index\.html$/, /^tema\/[^/]+\/index\.html$/,
  /^malgrupper\/[^/]+\/index\.html$/, /^status\/[^/]+\/index\.html$/, /^a-a\/index\.html$/, /^sok\/index\.html$/,
  /^tilgjengelighetserklaering\/index\.html$/, /^en\/index\.html$/, /^en\/planer\/[^/]+\/index\.html$/,
];

function representative(files) {
  const picked = [];
  for (const re of REPRESENTATIVE) {
    const f = files.find((x) => re.test(x));
    if (f && !picked.includes(f)) picked.push(f);
  }
  return picked;
}

async function audit(page, url, waitUntil = 'load') {
  await page.goto(url, { waitUntil });
  await page.evaluate(AXE);
  return page.evaluate(async (tags) => {
    const r = await window.axe.run(document, {
      runOnly: { type: 'tag', values: tags },
      resultTypes: ['violations'],
    });
    return r.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      nodes: v.nodes.slice(0, 3).map((n) => `${n.target.join(' ')}: ${n.failureSummary.split('\n').slice(1, 2).join(' ').trim()}`),
      count: v.nodes.length,
    }));
  }, TAGS);
}

// Audits files with `workers` tabs in parallel; returns [{file, violations}].
async function auditAll(context, base, files, scheme, workers = Math.min(4, availableParallelism() + 1)) {
  const queue = [...files];
  const results = [];
  await Promise.all(Array.from({ length: workers }, async () => {
    const page = await context.newPage();
    await page.emulateMedia({ colorScheme: scheme });
    for (let f = queue.shift(); f !== undefined; f = queue.shift()) {
      results.push({ file: f, violations: await audit(page, base + pathOf(f)) });
    }
    await page.close();
  }));
  return results.sort((a, b) => a.file.localeCompare(b.file));
}

function report(t, name, results) {
  const bad = results.filter((r) => r.violations.length > 0);
  const details = [];
  for (const r of bad) {
    details.push(`${r.file.includes('?') ? '/' + r.file : pathOf(r.file)}: ${r.violations.map((v) => `${v.id} (${v.count})`).join(', ')}`);
    for (const v of r.violations) for (const n of v.nodes) details.push(`  ${v.id}: ${n}`);
  }
  t.check(`${name}: ${results.length} pages, ${bad.length} with violations`, bad.length === 0, details);
}

await run('axe', async (t) => {
  ensureBuilt();
  const files = htmlFiles();
  const server = await serve();
  const browser = await launch();
  try {
    const started = Date.now();
    report(t, 'axe WCAG 2.1 A/AA, light, every page', await auditAll(browser.context, server.base, files, 'light'));
    const dark = representative(files);
    report(t, 'axe WCAG 2.1 A/AA, dark, representative pages', await auditAll(browser.context, server.base, dark, 'dark'));
    // The search page once more with results on it, in both schemes.
    if (files.includes('sok/index.html')) {
      const page = await browser.context.newPage();
      const results = [];
      for (const scheme of ['light', 'dark']) {
        await page.emulateMedia({ colorScheme: scheme });
        results.push({ file: `sok/index.html?q=demens (${scheme})`, violations: await audit(page, `${server.base}/sok/?q=demens`, 'networkidle') });
      }
      await page.close();
      report(t, 'axe WCAG 2.1 A/AA, search page with results', results);
    }
    console.error(`axe: ${files.length + dark.length} audits in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  } finally {
    await browser.close();
    await server.close();
  }
});
