// Every internal link and #anchor in the built site resolves: <a href>,
// <link href>, <script src>, <img src> and <form action> on every page point at
// a file in public/, and a #fragment at an element with that id on the target
// page. External links (other hosts, mailto:) are not fetched. Needs no browser.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ensureBuilt, fileFor, htmlFiles, pathOf, PUBLIC, run } from './lib.mjs';

const ENTITIES = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };
const decode = (s) => s.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (m, e) => {
  if (e[0] === '#') return String.fromCodePoint(e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : Number(e.slice(1)));
  return ENTITIES[e.toLowerCase()] ?? m;
});

// Tags with their attributes, outside comments and script/style bodies.
function tags(html) {
  const clean = html.replace(/<!--[\s\S]*?-->/g, '')
    .replace(/(<(script|style)\b[^>]*>)[\s\S]*?(<\/\2>)/gi, '$1$3');
  const out = [];
  for (const m of clean.matchAll(/<([a-zA-Z][a-zA-Z0-9-]*)(\s[^>]*)?>/g)) {
    const attrs = {};
    for (const a of (m[2] || '').matchAll(/([^\s=/>]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+)))?/g)) {
      attrs[a[1].toLowerCase()] = decode(a[2] ?? a[3] ?? a[4] ?? '');
    }
    out.push({ name: m[1].toLowerCase(), attrs });
  }
  return out;
}

// The site's own absolute base (from robots.txt's Sitemap line), so absolute
// links to the site itself (canonical) are checked too.
function siteBase() {
  const robots = join(PUBLIC, 'robots.txt');
  if (!existsSync(robots)) return null;
  const m = readFileSync(robots, 'utf8').match(/^Sitemap:\s*(\S+?)sitemap\.xml\s*$/m);
  return m ? new URL(m[1]) : null;
}

await run('links', async (t) => {
  ensureBuilt();
  const files = htmlFiles();
  const base = siteBase();
  const ids = new Map(); // file -> Set of ids
  const idsOf = (file) => {
    if (!ids.has(file)) {
      const set = new Set();
      if (file.endsWith('.html')) {
        for (const tag of tags(readFileSync(file, 'utf8'))) {
          if (tag.attrs.id) set.add(tag.attrs.id);
          if (tag.name === 'a' && tag.attrs.name) set.add(tag.attrs.name);
        }
      }
      ids.set(file, set);
    }
    return ids.get(file);
  };

  const broken = [];
  let checked = 0;
  let anchors = 0;
  const dupes = [];
  for (const f of files) {
    const here = new URL(pathOf(f), 'http://site.invalid');
    const seenIds = new Set();
    for (const tag of tags(readFileSync(join(PUBLIC, f), 'utf8'))) {
      if (tag.attrs.id) {
        if (seenIds.has(tag.attrs.id)) dupes.push(`${pathOf(f)}: id "${tag.attrs.id}" twice`);
        seenIds.add(tag.attrs.id);
      }
      const attr = { a: 'href', link: 'href', script: 'src', img: 'src', form: 'action', iframe: 'src', source: 'src' }[tag.name];
      const raw = attr && tag.attrs[attr];
      if (raw === undefined || raw === '' && tag.name !== 'form') continue;
      let u;
      try {
        u = new URL(raw, here);
      } catch {
        broken.push(`${pathOf(f)}: <${tag.name} ${attr}="${raw}"> is not a URL`);
        continue;
      }
      let path;
      if (u.origin === here.origin) path = u.pathname;
      else if (base && u.origin === base.origin && u.pathname.startsWith(base.pathname)) {
        path = '/' + u.pathname.slice(base.pathname.length);
      } else continue; // another site or mailto:
      checked++;
      const target = fileFor(path);
      if (!target) {
        broken.push(`${pathOf(f)}: <${tag.name} ${attr}="${raw}"> has no file in public/`);
        continue;
      }
      if (u.hash.length > 1) {
        anchors++;
        const id = decodeURIComponent(u.hash.slice(1));
        if (!idsOf(target).has(id)) broken.push(`${pathOf(f)}: <${tag.name} ${attr}="${raw}">: no id "${id}" on ${path}`);
      }
    }
  }
  t.check(`internal links resolve: ${checked} links (${anchors} with #anchors) on ${files.length} pages`,
    broken.length === 0, [`${broken.length} broken`, ...broken.slice(0, 100)]);
  t.check('ids are unique on every page', dupes.length === 0, dupes.slice(0, 50));
});
