// search.js: the knowledge bank's search client. No dependencies.
// The normalisation below is a port of generator/normalize.c and must stay
// identical to it: tests/browser/normalize.test.mjs compares the two on the
// site's whole vocabulary.

const STOPWORDS = new Set(("og i på for til av med som er en et ei det den de å at om har kan ble " +
  "fra ved skal seg sin sitt sine eller ikke også etter enn dette disse blir vil var så da når " +
  "hvor hva samt slik noe noen må bli vært være hadde deres dem der men mot bare nå").split(" "));

const isDigit = (c) => c >= 48 && c <= 57;
const isLetter = (c) => (c >= 97 && c <= 122) || (c >= 65 && c <= 90) ||
  (c >= 0xc0 && c !== 0xd7 && c !== 0xf7 && c < 0x2000);
const isUpper = (c) => (c >= 65 && c <= 90) || (c >= 0xc0 && c <= 0xde && c !== 0xd7) ||
  (((c >= 0x100 && c <= 0x137) || (c >= 0x14a && c <= 0x177)) && !(c & 1)) ||
  (((c >= 0x139 && c <= 0x148) || (c >= 0x179 && c <= 0x17e)) && (c & 1));
const fold = (c) => (c >= 65 && c <= 90) || (c >= 0xc0 && c <= 0xde && c !== 0xd7) ? c + 32
  : isUpper(c) ? c + 1 : c;

// Snowball's Norwegian stemmer (the algorithm libstemmer 2.2 implements).
const VOWELS = new Set("aeiouyæåø");
const S_ENDING = new Set("bcdfghjlmnoprtvyz");
const MAIN = ["a", "e", "ede", "ande", "ende", "ane", "ene", "hetene", "en", "heten", "ar", "er",
  "heter", "as", "es", "edes", "endes", "enes", "hetenes", "ens", "hetens", "ers", "ets", "et",
  "het", "ast", "s", "erte", "ert"].sort((a, b) => b.length - a.length);
const OTHER = ["leg", "eleg", "ig", "eig", "lig", "elig", "els", "lov", "elov", "slov", "hetslov"]
  .sort((a, b) => b.length - a.length);

function longest(w, list, p1) {
  for (const s of list) if (w.length - s.length >= p1 && w.endsWith(s)) return s;
  return null;
}

export function stem(word) {
  const w0 = Array.from(word);
  if (w0.length < 3) return word;
  // R1: after the first non-vowel following a vowel, but at least 3 letters in
  let p1 = w0.length, i = 0;
  while (i < w0.length && !VOWELS.has(w0[i])) i++;
  while (i < w0.length && VOWELS.has(w0[i])) i++;
  if (i < w0.length) p1 = Math.max(i + 1, 3);
  let w = w0.join("");
  // work on code units: all letters involved are in the BMP, one unit each
  const cut = (n) => { w = w.slice(0, w.length - n); };
  const s = longest(w, MAIN, p1);
  if (s === "erte" || s === "ert") w = w.slice(0, w.length - s.length) + "er";
  else if (s === "s") {
    const c = w[w.length - 2], b = w[w.length - 3];
    if (c && (S_ENDING.has(c) || (c === "k" && b !== undefined && !VOWELS.has(b)))) cut(1);
  } else if (s) cut(s.length);
  if (w.length - 2 >= p1 && (w.endsWith("dt") || w.endsWith("vt"))) cut(1);
  const o = longest(w, OTHER, p1);
  if (o) cut(o.length);
  return w;
}

// Tokens as generator/normalize.c makes them: {folded, stem, abbreviation, isNumber, start, end}
export function tokens(text) {
  const out = [];
  const cps = Array.from(text);
  let i = 0, pos = 0;
  const cpAt = (k) => cps[k] === undefined ? -1 : cps[k].codePointAt(0);
  while (i < cps.length) {
    let c = cpAt(i);
    if (!isLetter(c) && !isDigit(c)) { pos += cps[i].length; i++; continue; }
    const start = pos;
    let folded = "", uppers = 0, digits = 0, chars = 0;
    for (;;) {
      if (isLetter(c) || isDigit(c)) {
        if (isUpper(c)) uppers++;
        if (isDigit(c)) digits++;
        chars++;
        folded += String.fromCodePoint(fold(c));
      } else if ((c === 46 || c === 44) && digits && isDigit(cpAt(i + 1)) && isDigit(cpAt(i - 1))) {
        folded += cps[i];
      } else break;
      pos += cps[i].length; i++;
      if (i >= cps.length) break;
      c = cpAt(i);
    }
    if (chars < 2 && !digits) continue;
    if (STOPWORDS.has(folded)) continue;
    const isNumber = digits > 0;
    out.push({ folded, stem: isNumber ? folded : stem(folded), abbreviation: uppers >= 2 && !digits,
      isNumber, start, end: pos });
  }
  return out;
}

// Postings are [page difference, score, …] in page order.
function* decode(postings) {
  let page = 0;
  for (let k = 0; k + 1 < postings.length; k += 2) {
    page += postings[k];
    yield [page, postings[k + 1]];
  }
}

function shardOf(term) {
  const two = Array.from(term).slice(0, 2).join("");
  return Array.from(new TextEncoder().encode(two), (b) => b.toString(16).padStart(2, "0")).join("");
}

// The search engine over the files in sok/; `get(path)` returns parsed JSON.
export function createSearch(get) {
  let manifest = null;
  const shards = new Map(), fragments = new Map(), facets = new Map();
  const loadManifest = async () => (manifest ??= await get("index.json"));
  const shard = async (name) => {
    const m = await loadManifest();
    if (!m.shards.includes(name)) return {};
    if (!shards.has(name)) shards.set(name, get(`t/${name}.json`));
    return shards.get(name);
  };
  // facet values list their pages as differences from the previous page
  const facet = (name) => {
    if (!facets.has(name)) facets.set(name, get(`f/${name}.json`).then((f) => {
      for (const k of Object.keys(f)) { let at = 0; f[k] = f[k].map((d) => (at += d)); }
      return f;
    }));
    return facets.get(name);
  };
  const fragment = (id) => {
    if (!fragments.has(id)) fragments.set(id, get(`p/${id}.json`));
    return fragments.get(id);
  };

  // Scores per page for one query word: the exact term, its unstemmed form
  // for abbreviations, and, for the word being typed, every term it begins.
  async function wordScores(tok, isLast) {
    const scores = new Map();
    const addTerm = (postings, factor) => {
      for (const [page, score] of decode(postings)) {
        const v = score * factor;
        if (v > (scores.get(page) ?? 0)) scores.set(page, v);
      }
    };
    const exact = await shard(shardOf(tok.stem));
    if (exact[tok.stem]) addTerm(exact[tok.stem], 1);
    if (tok.folded !== tok.stem) {
      const f = await shard(shardOf(tok.folded));
      if (f[tok.folded]) addTerm(f[tok.folded], 1);
    }
    if (isLast && !tok.isNumber && Array.from(tok.folded).length >= 2) {
      const p = await shard(shardOf(tok.folded));
      for (const [term, postings] of Object.entries(p))
        if (term !== tok.stem && term.startsWith(tok.folded)) addTerm(postings, 0.6);
    }
    return scores;
  }

  async function search(query, filters = {}, { prefix = true } = {}) {
    const m = await loadManifest();
    const toks = tokens(query);
    if (!toks.length) return { results: [], total: 0, facets: {}, manifest: m };
    const per = await Promise.all(toks.map((t, i) => wordScores(t, prefix && i === toks.length - 1)));
    // every word must match; if that leaves nothing, any word may
    let ids = [...per[0].keys()].filter((id) => per.every((s) => s.has(id)));
    if (!ids.length) ids = [...new Set(per.flatMap((s) => [...s.keys()]))];
    // consecutive query words that are consecutive in a title score extra
    const pairs = await Promise.all(toks.slice(1).map(async (t, i) => {
      const term = `${toks[i].stem} ${t.stem}`;
      return (await shard(shardOf(term)))[term] ?? [];
    }));
    const bonus = new Map();
    for (const postings of pairs)
      for (const [page, score] of decode(postings)) bonus.set(page, (bonus.get(page) ?? 0) + score);
    const score = (id) => per.reduce((sum, s) => sum + (s.get(id) ?? 0), bonus.get(id) ?? 0);
    const active = Object.entries(filters).filter(([, v]) => v && v.length);
    const facetData = Object.fromEntries(await Promise.all(
      m.facets.map(async (f) => [f.name, await facet(f.name)])));
    const has = (name, value, id) => (facetData[name][value] ?? []).includes(id);
    const pass = (id, except) => active.every(([name, values]) =>
      name === except || [].concat(values).some((v) => has(name, v, id)));
    const counts = {};
    for (const f of m.facets) {
      counts[f.name] = {};
      const pool = ids.filter((id) => pass(id, f.name));
      for (const [value, members] of Object.entries(facetData[f.name])) {
        const set = new Set(members);
        const n = pool.filter((id) => set.has(id)).length;
        if (n) counts[f.name][value] = n;
      }
    }
    const hits = ids.filter((id) => pass(id)).map((id) => ({ id, score: score(id) }))
      .sort((a, b) => b.score - a.score || a.id - b.id);
    return { results: hits, total: hits.length, facets: counts, manifest: m, tokens: toks };
  }

  return { search, fragment, manifest: loadManifest };
}

// An excerpt of `text` around the first query word, with matches marked.
export function excerpt(text, toks, words = 30) {
  const stems = new Set(toks.map((t) => t.stem));
  const last = toks[toks.length - 1];
  const all = tokens(text);
  const hit = (t) => stems.has(t.stem) || (last && !last.isNumber && t.folded.startsWith(last.folded));
  const first = all.findIndex(hit);
  const from = Math.max(0, (first < 0 ? 0 : first) - 8);
  const slice = all.slice(from, from + words);
  if (!slice.length) return [];
  const startAt = from === 0 ? 0 : slice[0].start;
  const endAt = from + words >= all.length ? text.length : slice[slice.length - 1].end;
  const parts = [];
  let at = startAt;
  for (const t of slice) {
    if (!hit(t)) continue;
    parts.push({ text: text.slice(at, t.start) });
    parts.push({ text: text.slice(t.start, t.end), mark: true });
    at = t.end;
  }
  parts.push({ text: text.slice(at, endAt) });
  if (startAt > 0) parts.unshift({ text: "… " });
  if (endAt < text.length) parts.push({ text: " …" });
  return parts;
}

// ---- the page -------------------------------------------------------------

function init() {
  const root = document.getElementById("sok");
  if (!root) return;
  const base = root.dataset.index;
  const get = async (path) => {
    const r = await fetch(base + path);
    if (!r.ok) throw new Error(`${path}: ${r.status}`);
    return r.json();
  };
  const engine = createSearch(get);
  const form = root.querySelector("form");
  const input = form.querySelector("input[name=q]");
  const status = root.querySelector("[role=status]");
  const list = root.querySelector(".sok-treff");
  const facetBox = root.querySelector(".sok-filter");
  const more = root.querySelector(".sok-flere");
  root.classList.add("sok-aktiv");
  let shown = 10, seq = 0;

  const state = () => {
    const p = new URLSearchParams(location.search);
    const filters = {};
    for (const [k, v] of p) if (k !== "q") (filters[k] ??= []).push(v);
    return { q: p.get("q") ?? "", filters };
  };
  const setState = (q, filters, push) => {
    const p = new URLSearchParams();
    if (q) p.set("q", q);
    for (const [k, vs] of Object.entries(filters)) for (const v of vs) p.append(k, v);
    const url = `${location.pathname}${p.toString() ? "?" + p : ""}`;
    if (push) history.pushState(null, "", url); else history.replaceState(null, "", url);
  };
  const el = (tag, props = {}, ...kids) => {
    const e = Object.assign(document.createElement(tag), props);
    for (const k of kids) if (k != null) e.append(k);
    return e;
  };

  async function run({ announce = true } = {}) {
    const mine = ++seq;
    const { q, filters } = state();
    input.value = input.value || q;
    if (!q.trim()) {
      list.replaceChildren(); facetBox.replaceChildren(); more.hidden = true;
      status.textContent = "";
      return;
    }
    const r = await engine.search(q, filters);
    if (mine !== seq) return;
    const top = r.results.slice(0, shown);
    const frags = await Promise.all(top.map((h) => engine.fragment(h.id)));
    if (mine !== seq) return;
    list.replaceChildren(...frags.map((f) => {
      const ex = el("p", { className: "sok-utdrag" });
      for (const part of excerpt(f.x || f.s, r.tokens))
        ex.append(part.mark ? el("mark", {}, part.text) : part.text);
      return el("li", {},
        el("h2", {}, el("a", { href: f.u }, (f.n ? f.n + " " : "") + f.t)),
        el("p", { className: "sok-type" }, f.y),
        ex);
    }));
    more.hidden = r.total <= shown;
    renderFacets(r, filters);
    if (announce)
      status.textContent = r.total === 0 ? `Ingen treff på «${q}».`
        : `${r.total} ${r.total === 1 ? "treff" : "treff"} på «${q}».`;
  }

  function renderFacets(r, filters) {
    facetBox.replaceChildren(...r.manifest.facets.map((f) => {
      const values = Object.entries(r.facets[f.name] ?? {});
      const chosen = new Set(filters[f.name] ?? []);
      for (const v of chosen) if (!values.some(([k]) => k === v)) values.push([v, 0]);
      if (!values.length) return null;
      values.sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0], "nb"));
      const fs = el("fieldset", {}, el("legend", {}, f.title));
      for (const [value, n] of values) {
        const id = `f-${f.name}-${value}`.replace(/[^\w-]/g, "_");
        const box = el("input", { type: "checkbox", id, name: f.name, value, checked: chosen.has(value) });
        box.addEventListener("change", () => {
          const { q, filters: cur } = state();
          const set = new Set(cur[f.name] ?? []);
          if (box.checked) set.add(value); else set.delete(value);
          cur[f.name] = [...set];
          setState(q, cur, true);
          shown = 10;
          run();
        });
        fs.append(el("div", { className: "sok-valg" }, box, el("label", { htmlFor: id }, `${value} (${n})`)));
      }
      return fs;
    }).filter(Boolean));
  }

  let timer;
  input.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      const { filters } = state();
      setState(input.value, filters, false);
      shown = 10;
      run();
    }, 150);
  });
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    clearTimeout(timer);
    const { filters } = state();
    setState(input.value, filters, true);
    shown = 10;
    run();
  });
  more.addEventListener("click", () => { shown += 10; run({ announce: false }); });
  window.addEventListener("popstate", () => { input.value = state().q; run(); });
  input.value = state().q;
  run();
}

if (typeof document !== "undefined") {
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
}
