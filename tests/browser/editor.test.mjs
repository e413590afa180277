// The editor's loop in a browser: `varde new` makes a draft, `varde serve`
// shows it with its banner and its missing fields; the fields are filled one
// save at a time and the list shrinks as the page reloads by itself; a YAML
// mistake shows on that page with its line; fixed, the page is clean; another
// page of the site stays browsable all along.
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launch, ROOT, run } from './lib.mjs';

const VARDE = join(ROOT, 'bin', 'varde');
const sleep = (ms) => new Promise((ok) => setTimeout(ok, ms));

/** Starts `varde serve` on a free port; resolves with its address. */
async function startServe(site) {
  const child = spawn(VARDE, ['serve', '--root', site, '--port', '0'], { stdio: ['ignore', 'ignore', 'pipe'] });
  let log = '';
  child.stderr.on('data', (d) => { log += d; });
  for (let i = 0; i < 600 && !/serving .* at http/.test(log); i++) await sleep(100);
  const m = log.match(/http:\/\/127\.0\.0\.1:\d+/);
  if (!m) throw new Error(`varde serve did not start:\n${log}`);
  return { base: m[0], child, log: () => log };
}

/** The page's own errors as the preview lists them (text of each item). */
async function errorsOn(page) {
  return page.$$eval('#varde-feil li', (lis) => lis.map((li) => li.textContent));
}

/** Waits until the open page (reloading by itself) satisfies cond. */
async function until(page, cond, what, ms = 30000) {
  const end = Date.now() + ms;
  for (;;) {
    try {
      if (await cond()) return;
    } catch { /* the page is reloading */ }
    if (Date.now() > end) throw new Error(`timed out waiting: ${what}`);
    await sleep(100);
  }
}

await run('editor', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'varde-editor-'));
  const site = join(dir, 'site');
  cpSync(join(ROOT, 'tests', 'fixtures', 'basic'), site, { recursive: true });
  cpSync(join(ROOT, 'themes'), join(site, 'themes'), { recursive: true });
  const serve = await startServe(site);
  const browser = await launch();
  try {
    const made = spawnSync(VARDE, ['new', 'tiltak', 'Mitt utkast', '--root', site], { encoding: 'utf8' });
    t.check('varde new makes the draft', made.status === 0, [made.stderr]);
    const file = join(site, 'content', 'tiltak', 'mitt-utkast.md');
    const page = await browser.context.newPage();
    const url = `${serve.base}/tiltak/mitt-utkast/`;
    await until(page, async () => (await page.goto(url)).status() === 200 && (await errorsOn(page)).length > 0,
      'the draft is served with its errors');
    const banner = await page.textContent('#varde-utkast');
    const first = await errorsOn(page);
    t.check('the draft shows with its banner', banner && banner.includes('Utkast – ikke publisert'), [banner]);
    t.check('its missing fields are listed with file and line',
      first.some((e) => /content\/tiltak\/mitt-utkast\.md:\d+:\d+: error: mangler påkrevd felt 'plan'/.test(e)), first);

    // fill the fields one save at a time: the list shrinks each time
    const other = await browser.context.newPage();
    let text = readFileSync(file, 'utf8');
    const fills = [
      [/^plan:.*$/m, 'plan: plan-a'],
      [/^status:.*$/m, 'status: planlagt'],
      [/^sammendrag:.*$/m, 'sammendrag: Et utkast som blir ferdig.'],
      [/^kilder:.*\n(  .*\n)+/m, 'kilder:\n  - dokument: IS-2684\n    side: "17"\n'],
    ];
    let before = first.length;
    let shrinking = true;
    const counts = [before];
    for (const [re, line] of fills) {
      text = text.replace(re, line);
      writeFileSync(file, text);
      await until(page, async () => (await errorsOn(page)).length < before, `fewer errors than ${before}`);
      const now = (await errorsOn(page)).length;
      counts.push(now);
      shrinking = shrinking && now < before;
      before = now;
      const res = await other.goto(`${serve.base}/tiltak/demens/`);
      if (res.status() !== 200 || (await other.$('#varde-feil'))) shrinking = false;
    }
    t.check('the list shrinks with each save, the page reloading by itself', shrinking && before === 0, [counts.join(' → ')]);
    t.check('another page stays browsable meanwhile',
      (await other.goto(`${serve.base}/tiltak/demens/`)).status() === 200 && !(await other.$('#varde-feil')));

    // a YAML mistake: on that page, with the right line
    writeFileSync(file, text.replace(/^tittel: .*$/m, 'tittel: "Mitt utkast'));
    await until(page, async () => (await errorsOn(page)).length > 0, 'the YAML mistake is shown');
    const yaml = await errorsOn(page);
    t.check('a YAML mistake shows on that page with its line',
      yaml.some((e) => e.includes('mitt-utkast.md:2:9: error: anførselstegnet som starter her blir aldri lukket')), yaml);
    const res = await other.goto(`${serve.base}/tiltak/demens/`);
    t.check('the other page is still browsable with the mistake', res.status() === 200 && !(await other.$('#varde-feil')));

    // fixed, and published (utkast removed): the page reloads clean
    writeFileSync(file, text.replace(/^utkast:.*\n/m, ''));
    await until(page, async () => (await errorsOn(page)).length === 0 && !(await page.$('#varde-utkast')) &&
      (await page.textContent('h1')).includes('Mitt utkast'), 'the page is clean');
    t.ok('fixed: the page reloads clean, without banner or errors');
  } finally {
    await browser.close();
    serve.child.kill('SIGINT');
    await new Promise((ok) => serve.child.once('exit', ok));
    rmSync(dir, { recursive: true, force: true });
  }
});
