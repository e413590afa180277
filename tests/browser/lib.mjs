// Shared helpers for the browser tests: the built site, a static server,
// Debian's Chromium through playwright-core, and "ok"/"not ok" reporting in
// the format tests/run.sh counts.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { dirname, extname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const PUBLIC = join(ROOT, 'public');
export const OUT = join(ROOT, 'tests', 'out');
export const CHROMIUM = '/usr/bin/chromium';

/** Builds the site only when public/ is missing. */
export function ensureBuilt() {
  if (existsSync(join(PUBLIC, 'index.html'))) return;
  const r = spawnSync(join(ROOT, 'bin', 'varde'), ['build'], { cwd: ROOT, encoding: 'utf8' });
  if (r.status !== 0) {
    console.log('not ok site builds');
    for (const l of `${r.stdout}${r.stderr}`.trim().split('\n')) console.log(`  ${l}`);
    process.exit(1);
  }
}

/** Every .html file under public/, sorted, as paths relative to public/. */
export function htmlFiles(dir = PUBLIC) {
  const out = [];
  const walk = (d) => {
    for (const name of readdirSync(d)) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (name.endsWith('.html')) out.push(relative(dir, p).split(sep).join('/'));
    }
  };
  walk(dir);
  return out.sort();
}

/** The URL path a file is served at: "tiltak/x/index.html" -> "/tiltak/x/". */
export function pathOf(file) {
  return '/' + file.replace(/(^|\/)index\.html$/, '$1');
}

/** The file a URL path maps to, or null: "/tiltak/x/" -> ".../public/tiltak/x/index.html". */
export function fileFor(urlPath) {
  let p;
  try {
    p = decodeURIComponent(urlPath.split(/[?#]/)[0]);
  } catch {
    return null;
  }
  if (p.includes('\0')) return null;
  const full = resolve(PUBLIC, '.' + p);
  if (full !== PUBLIC && !full.startsWith(PUBLIC + sep)) return null;
  if (existsSync(full) && statSync(full).isFile()) return full;
  const index = join(full, 'index.html');
  if (existsSync(index) && statSync(index).isFile() && p.endsWith('/')) return index;
  return null;
}

const TYPES = {
  '.html': 'text/html; charset=utf-8', '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8', '.json': 'application/json',
  '.csv': 'text/csv; charset=utf-8', '.txt': 'text/plain; charset=utf-8',
  '.xml': 'application/xml', '.svg': 'image/svg+xml', '.png': 'image/png',
};

/** Serves public/ on a free port on 127.0.0.1; unknown paths get 404.html. */
export async function serve() {
  const server = createServer((req, res) => {
    const file = fileFor(new URL(req.url, 'http://x').pathname);
    if (!file) {
      const nf = join(PUBLIC, '404.html');
      res.writeHead(404, { 'content-type': TYPES['.html'] });
      res.end(existsSync(nf) ? readFileSync(nf) : 'not found');
      return;
    }
    res.writeHead(200, { 'content-type': TYPES[extname(file)] || 'application/octet-stream' });
    res.end(readFileSync(file));
  });
  await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
  const base = `http://127.0.0.1:${server.address().port}`;
  return { base, close: () => new Promise((ok) => server.close(ok)) };
}

/** Launches Debian's Chromium headless with a fresh profile; `options` go to
 * the browser context (e.g. { javaScriptEnabled: false }). */
export async function launch(options = {}) {
  const { chromium } = await import('playwright-core');
  const profile = mkdtempSync(join(tmpdir(), 'varde-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    ...options,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
      '--disable-quic', '--no-first-run', '--disable-component-update', '--disable-sync'],
  });
  return {
    context,
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** Prints "ok NAME" / "not ok NAME" with indented details; exit code at the end. */
export function reporter() {
  let failed = 0;
  return {
    ok(name) { console.log(`ok ${name}`); },
    fail(name, details = []) {
      failed++;
      console.log(`not ok ${name}`);
      for (const d of details) for (const l of String(d).split('\n')) console.log(`  ${l}`);
    },
    check(name, pass, details) { if (pass) this.ok(name); else this.fail(name, details); },
    get failed() { return failed; },
    done() { process.exitCode = failed ? 1 : 0; },
  };
}

/** Runs main(t); an exception becomes a failing case instead of a crash. */
export async function run(name, main) {
  const t = reporter();
  try {
    await main(t);
  } catch (e) {
    t.fail(`${name} ran to the end`, [e && e.stack ? e.stack : String(e)]);
  }
  t.done();
}
