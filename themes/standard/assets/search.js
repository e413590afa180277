// search.js: the knowledge bank's search client. No dependencies.
// The normalisation below is a port of generator/normalize.c and must stay
// identical to it: tests/browser/normalize.test.mjs compares the two on the
// site's whole vocabulary. How a language is read (its stemmer and stop
// words) comes from the index's manifest, as the build read it.

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

// Snowball's English stemmer, Porter2 (the algorithm libstemmer 2.2 implements).
const EN_V = new Set("aeiouy");
const EN_DOUBLE = new Set(["bb", "dd", "ff", "gg", "mm", "nn", "pp", "rr", "tt"]);
const EN_LI = new Set("cdeghkmnrt");
const EN_EXCEPTIONS = new Map([["skis", "ski"], ["skies", "sky"], ["dying", "die"], ["lying", "lie"],
  ["tying", "tie"], ["idly", "idl"], ["gently", "gentl"], ["ugly", "ugli"], ["early", "earli"],
  ["only", "onli"], ["singly", "singl"], ["sky", "sky"], ["news", "news"], ["howe", "howe"],
  ["atlas", "atlas"], ["cosmos", "cosmos"], ["bias", "bias"], ["andes", "andes"]]);
const EN_EXCEPTIONS2 = new Set(["inning", "outing", "canning", "herring", "earring", "proceed",
  "exceed", "succeed"]);
const byLength = (list) => list.sort((a, b) => b[0].length - a[0].length);
const EN_STEP2 = byLength([["tional", "tion"], ["enci", "ence"], ["anci", "ance"], ["abli", "able"],
  ["entli", "ent"], ["izer", "ize"], ["ization", "ize"], ["ational", "ate"], ["ation", "ate"],
  ["ator", "ate"], ["alism", "al"], ["aliti", "al"], ["alli", "al"], ["fulness", "ful"],
  ["ousli", "ous"], ["ousness", "ous"], ["iveness", "ive"], ["iviti", "ive"], ["biliti", "ble"],
  ["bli", "ble"], ["ogi", "og"], ["fulli", "ful"], ["lessli", "less"], ["li", ""]]);
const EN_STEP3 = byLength([["tional", "tion"], ["ational", "ate"], ["alize", "al"], ["icate", "ic"],
  ["iciti", "ic"], ["ical", "ic"], ["ful", ""], ["ness", ""], ["ative", ""]]);
const EN_STEP4 = ["al", "ance", "ence", "er", "ic", "able", "ible", "ant", "ement", "ment", "ent",
  "ism", "ate", "iti", "ous", "ive", "ize", "ion"].sort((a, b) => b.length - a.length);

export function stemEnglish(word) {
  if (EN_EXCEPTIONS.has(word)) return EN_EXCEPTIONS.get(word);
  let w = Array.from(word);
  if (w.length < 3) return word;
  if (w[0] === "'") w.shift();
  // y as a consonant: Y (at the start, or after a vowel)
  if (w[0] === "y") w[0] = "Y";
  for (let i = 1; i < w.length; i++) if (w[i] === "y" && EN_V.has(w[i - 1])) w[i] = "Y";
  const isV = (i) => i >= 0 && i < w.length && EN_V.has(w[i]);
  // R1 and R2: after the first non-vowel following a vowel
  const after = (from) => {
    let i = from;
    while (i < w.length && !isV(i)) i++;
    while (i < w.length && isV(i)) i++;
    return Math.min(i + 1, w.length);
  };
  const s0 = w.join("");
  const pre = ["gener", "commun", "arsen"].find((p) => s0.startsWith(p));
  const p1 = pre ? pre.length : after(0);
  const p2 = after(p1);
  const str = () => w.join("");
  const ends = (suf) => str().endsWith(suf);
  const cut = (n) => { w = w.slice(0, w.length - n); };
  const put = (s) => { w = w.concat(Array.from(s)); };
  const longestOf = (list) => { const s = str(); return list.find((x) => s.endsWith(typeof x === "string" ? x : x[0])); };
  // short syllable ending at position end (exclusive)
  const shortAt = (end) => {
    const a = w[end - 3], b = w[end - 2], c = w[end - 1];
    if (end >= 3 && !EN_V.has(a) && EN_V.has(b) && c !== undefined && !EN_V.has(c) &&
        c !== "w" && c !== "x" && c !== "Y") return true;
    return end === 2 && EN_V.has(w[0]) && !EN_V.has(w[1]);
  };
  // Step 1a
  const s1a = longestOf(["sses", "ied", "ies", "us", "ss", "s"]);
  if (s1a === "sses") cut(2);
  else if (s1a === "ied" || s1a === "ies") { cut(3); put(w.length > 1 ? "i" : "ie"); }
  else if (s1a === "s") {
    let found = false;
    for (let i = 0; i < w.length - 2; i++) if (isV(i)) found = true;
    if (found) cut(1);
  }
  if (EN_EXCEPTIONS2.has(str())) return str();
  // Step 1b
  const s1b = longestOf(["eedly", "ingly", "edly", "eed", "ing", "ed"]);
  if (s1b === "eed" || s1b === "eedly") {
    if (w.length - s1b.length >= p1) { cut(s1b.length); put("ee"); }
  } else if (s1b) {
    let found = false;
    for (let i = 0; i < w.length - s1b.length; i++) if (isV(i)) found = true;
    if (found) {
      cut(s1b.length);
      if (ends("at") || ends("bl") || ends("iz")) put("e");
      else if (EN_DOUBLE.has(w.slice(-2).join(""))) cut(1);
      else if (w.length <= p1 && shortAt(w.length)) put("e");
    }
  }
  // Step 1c
  const last = w[w.length - 1];
  if ((last === "y" || last === "Y") && w.length > 2 && !EN_V.has(w[w.length - 2])) w[w.length - 1] = "i";
  // Step 2
  const s2 = longestOf(EN_STEP2);
  if (s2 && w.length - s2[0].length >= p1) {
    const before = w[w.length - s2[0].length - 1];
    if (s2[0] === "ogi") { if (before === "l") { cut(3); put("og"); } }
    else if (s2[0] === "li") { if (EN_LI.has(before)) cut(2); }
    else { cut(s2[0].length); put(s2[1]); }
  }
  // Step 3
  const s3 = longestOf(EN_STEP3);
  if (s3 && w.length - s3[0].length >= p1) {
    if (s3[0] === "ative") { if (w.length - 5 >= p2) cut(5); }
    else { cut(s3[0].length); put(s3[1]); }
  }
  // Step 4
  const s4 = longestOf(EN_STEP4);
  if (s4 && w.length - s4.length >= p2) {
    if (s4 === "ion") { const b = w[w.length - 4]; if (b === "s" || b === "t") cut(3); }
    else cut(s4.length);
  }
  // Step 5
  const n = w.length;
  if (w[n - 1] === "e") {
    if (n - 1 >= p2 || (n - 1 >= p1 && !shortAt(n - 1))) cut(1);
  } else if (w[n - 1] === "l" && n - 1 >= p2 && w[n - 2] === "l") cut(1);
  return str().replace(/Y/g, "y");
}

// The stemmers this client has ports of, by libstemmer's names and codes. A
// language whose stemmer is not here is searched unstemmed (and would need a
// port to agree with the index).
const STEMMERS = { norwegian: stem, no: stem, nb: stem, nn: stem, english: stemEnglish, en: stemEnglish };

// How an index reads its language: its manifest's stemmer and stop words.
export function analyzer(stemmer = "norwegian", stop = "") {
  return { stem: STEMMERS[stemmer] ?? ((w) => w), stop: new Set(stop.split(/\s+/).filter(Boolean)) };
}

// Tokens as generator/normalize.c makes them: {folded, stem, abbreviation, isNumber, start, end}
export function tokens(text, an) {
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
        folded += "."; // 3,17 is read as 3.17
      } else if (c === 45 && chars === 1 && !digits && isLetter(cpAt(i + 1))) {
        // e-helse, e-læring: one word, "ehelse", as people also type it
      } else break;
      pos += cps[i].length; i++;
      if (i >= cps.length) break;
      c = cpAt(i);
    }
    if (chars < 2 && !digits) continue;
    if (an.stop.has(folded)) continue;
    const isNumber = digits > 0;
    out.push({ folded, stem: isNumber ? folded : an.stem(folded), abbreviation: uppers >= 2 && !digits,
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

// ---- query understanding (docs/search.md, "Query understanding") ---------

// Norwegian letters typed without their marks or spelt out (kompetanseloft,
// kompetanseloeft, aarsverk) compare equal to the letters themselves.
export const foldKey = (s) => s.replace(/æ|ae/g, "e").replace(/ø|oe/g, "o").replace(/å|aa/g, "a");

// Edits a word of `len` letters may be away from a word of the site: the
// usual rule (one for 5+ letters, two for 9+).
export const allowedEdits = (len) => (len >= 9 ? 2 : len >= 5 ? 1 : 0);

// Optimal string alignment distance: insertions, deletions, substitutions,
// and a swap of two neighbours counts as one edit. Gives up past `max`.
export function editDistance(a, b, max) {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let prev2 = null, prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      let v = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, prev2[j - 2] + 1);
      cur[j] = v;
      if (v < best) best = v;
    }
    if (best > max) return max + 1;
    prev2 = prev;
    prev = cur;
  }
  return prev[b.length];
}

// Two words are forms of one word when they share a beginning and differ
// only in a short ending: up to two letters after 5 shared ones
// (demente/demens), up to three after 8 (sykeplei/sykepleiern,
// utviklingshemmed/utviklingshemming). The stemmer leaves such pairs apart.
export const sameWord = (a, b) => {
  let c = 0;
  while (c < a.length && c < b.length && a[c] === b[c]) c++;
  const tail = Math.max(a.length, b.length) - c;
  return (c >= 5 && tail <= 2) || (c >= 8 && tail <= 3);
};

// Splits a compound the user typed into words of the site (the rule of
// generator/decompound.c: parts of 4+ letters, a linking s or e between them,
// fewest parts). The last part may be any form of a known word. Returns the
// parts' stems, or null.
export function splitCompound(word, known, stem) {
  const n = word.length;
  if (n < 8) return null;
  const best = new Array(n + 1).fill(null);
  best[n] = [];
  for (let i = n - 4; i >= 0; i--) {
    for (let j = i + 4; j <= n; j++) {
      const part = word.slice(i, j);
      let term = null;
      if (j === n) {
        const st = stem(part);
        if (i > 0 && known.has(st)) term = st;
        else if (i > 0 && known.has(part)) term = part;
        if (term && (!best[i] || best[i].length > 1)) best[i] = [term];
        continue;
      }
      // a word of the site stands for its stem, which is what the index
      // holds ("pårørende" -> "pårør"); a known stem stands for itself
      if (known.has(part)) term = known.has(stem(part)) ? stem(part) : part;
      else if (known.has(stem(part))) term = stem(part);
      if (!term) continue;
      for (const k of [j, j + 1]) {
        if (k > j && word[j] !== "s" && word[j] !== "e") continue;
        if (k >= n || !best[k]) continue;
        if (!best[i] || best[k].length + 1 < best[i].length) best[i] = [term, ...best[k]];
      }
    }
  }
  return best[0] && best[0].length >= 2 && best[0].length <= 6 ? best[0] : null;
}

// The search engine over the files in sok/; `get(path)` returns parsed JSON.
export function createSearch(get) {
  let manifest = null, vocabulary = null, an = null;
  const shards = new Map(), fragments = new Map(), facets = new Map();
  const loadManifest = async () => {
    manifest ??= await get("index.json");
    an ??= analyzer(manifest.stemmer, manifest.stop);
    return manifest;
  };
  const stem = (w) => an.stem(w);
  const shard = async (name) => {
    const m = await loadManifest();
    if (!m.shards.includes(name)) return {};
    if (!shards.has(name)) shards.set(name, get(`t/${name}.json`));
    return shards.get(name);
  };
  const lookup = async (term) => (await shard(shardOf(term)))[term];
  // The site's words (one written form per term) with their terms; fetched
  // only when a query word is not found in its own shard.
  const words = () => (vocabulary ??= get("ord.json").then((list) => {
    const terms = new Map(), known = new Set();
    for (const w of list) {
      const st = stem(w);
      terms.set(w, st);
      known.add(st).add(w);
    }
    return { list, terms, known };
  }));
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
  const df = (postings) => postings.length >> 1;

  // Terms of the shard (the terms sharing the word's first two letters) that
  // are a typo, or the same word without its marks, away from `tok`.
  function near(terms, tok, max) {
    const a = foldKey(tok.stem), b = foldKey(tok.folded);
    const found = [];
    for (const [t, postings] of terms) {
      const k = foldKey(t);
      const d = Math.min(editDistance(a, k, max), editDistance(b, k, max));
      if (d <= max) found.push({ term: t, d, df: df(postings) });
    }
    return found;
  }

  // One query word: the terms it stands for, each with a factor, and the
  // pages with their scores. Exact terms first; then, in the word's own
  // shard, forms the stemmer leaves apart and (while typing) words it begins;
  // when none of that is there, the same word without its marks, typos, and
  // a split into words of the site.
  async function resolveWord(tok, typing) {
    const terms = new Map(), notes = [];
    const use = (t, f) => { if ((terms.get(t) ?? 0) < f) terms.set(t, f); };
    const own = Object.entries(await shard(shardOf(tok.stem))).filter(([t]) => !t.includes(" "));
    const ownMap = new Map(own);
    if (ownMap.has(tok.stem)) use(tok.stem, 1);
    if (tok.folded !== tok.stem && (await lookup(tok.folded))) use(tok.folded, 1);
    if (tok.isNumber) return { terms, parts: null, notes };
    const exact = terms.size > 0;
    const pre = Array.from(tok.stem).length >= 3 ? tok.stem : tok.folded;
    for (const [t] of own) {
      if (t !== tok.stem && sameWord(t, tok.stem)) use(t, 0.9);
      if (typing && t !== tok.stem && t.startsWith(pre)) use(t, 0.6);
    }
    const len = Array.from(tok.folded).length, max = allowedEdits(len);
    // a word on one or two pages, one edit from a word on many, is most
    // likely a typo in the text or the query: search the common word too
    if (exact && max) {
      const n = df(ownMap.get(tok.stem) ?? []);
      if (n <= 2) for (const c of near(own, tok, 1)) if (c.d === 1 && c.df >= 4 * Math.max(n, 1)) use(c.term, 0.9);
    }
    if (terms.size) return { terms, parts: null, notes };
    const fix = (found) => {
      if (!found.length) return false;
      const d = Math.min(...found.map((c) => c.d));
      for (const c of found) if (c.d === d) use(c.term, d === 0 ? 0.95 : d === 1 ? 0.75 : 0.55);
      return true;
    };
    const inShard = near(own, tok, max);
    if (inShard.some((c) => c.d <= 1) && fix(inShard)) return { terms, parts: null, notes };
    const v = await words();
    const parts = splitCompound(tok.folded, v.known, stem);
    if (parts) return { terms, parts, notes };
    if (fix(inShard)) return { terms, parts: null, notes };
    // a typo in the first two letters: the whole vocabulary
    const a = foldKey(tok.stem), b = foldKey(tok.folded), found = [];
    for (const w of v.list) {
      const t = v.terms.get(w);
      let d = Math.min(editDistance(a, foldKey(t), max), editDistance(b, foldKey(w), max));
      if (d > 1 && sameWord(b, foldKey(w))) d = 1; // demente: demens
      if (d <= max) found.push({ term: (await lookup(t)) ? t : w, d });
    }
    fix(found.filter((c) => c.term));
    return { terms, parts: null, notes };
  }

  // Pages and scores of a resolved word: for each page its best term's score
  // times that term's factor. The forms of one word count as one term: each
  // score is rescaled from its form's idf to the idf of all forms together,
  // so a rare inflection does not outrank the pages about the word.
  async function scoresOf(terms) {
    const lists = [];
    for (const [t, factor] of terms) {
      const postings = await lookup(t);
      if (postings) lists.push([[...decode(postings)], factor]);
    }
    const union = new Set(lists.flatMap(([ps]) => ps.map(([page]) => page)));
    const n = manifest.pages;
    const idf = (df) => Math.log(1 + (n - df + 0.5) / (df + 0.5));
    const scores = new Map();
    for (const [ps, factor] of lists) {
      const scale = lists.length > 1 ? idf(union.size) / idf(ps.length) : 1;
      for (const [page, score] of ps) {
        const v = score * factor * scale;
        if (v > (scores.get(page) ?? 0)) scores.set(page, v);
      }
    }
    return scores;
  }

  // All of `maps` must have the page; the score is their sum (their mean
  // with `mean`: the parts of one word count as one word).
  const all = (maps, factor = 1, mean = false) => {
    if (!maps.length) return new Map();
    const out = new Map();
    for (const [page] of maps[0]) if (maps.every((m) => m.has(page)))
      out.set(page, factor * maps.reduce((s, m) => s + m.get(page), 0) / (mean ? maps.length : 1));
    return out;
  };
  const best = (maps) => {
    const out = new Map();
    for (const m of maps) for (const [page, v] of m) if (v > (out.get(page) ?? 0)) out.set(page, v);
    return out;
  };

  // A word as a slot: its pages and the terms to mark in excerpts.
  async function wordSlot(tok, typing, marks) {
    const r = await resolveWord(tok, typing);
    for (const t of r.terms.keys()) marks.add(t);
    if (!r.parts) return scoresOf(r.terms);
    for (const p of r.parts) marks.add(p);
    const parts = await Promise.all(r.parts.map((p) => scoresOf(new Map([[p, 1]]))));
    return all(parts, 0.8, true);
  }

  // Synonyms from site.lua (manifest.synonyms): where the query has the
  // words of one entry, the others are searched too.
  function synonymsIn(toks, m) {
    const found = [];
    for (const g of m.synonyms ?? []) {
      const phrases = g.w.map((w) => tokens(w, an).map((t) => t.stem));
      phrases.forEach((ph, gi) => {
        if (!ph.length || (g.one_way && gi > 0)) return;
        for (let at = 0; at + ph.length <= toks.length; at++) {
          if (!ph.every((st, k) => st === toks[at + k].stem || sameWord(st, toks[at + k].stem))) continue;
          const others = g.w.filter((_, k) => k !== gi);
          found.push({ at, len: ph.length, others });
        }
      });
    }
    return found;
  }

  // `facets`: also count the hits per filter value. The facet files are
  // fetched only for that or to filter, so a plain query does not pay for them.
  async function search(query, filters = {}, { prefix = true, facets: withFacets = false } = {}) {
    const m = await loadManifest();
    const toks = tokens(query, an);
    const marks = new Set();
    const active = Object.entries(filters).filter(([, v]) => v && v.length);
    const needed = withFacets ? m.facets.map((f) => f.name) : active.map(([name]) => name);
    const facetData = Object.fromEntries(await Promise.all(
      needed.map(async (name) => [name, await facet(name)])));
    const has = (name, value, id) => (facetData[name][value] ?? []).includes(id);
    const pass = (id, except) => active.every(([name, values]) =>
      name === except || [].concat(values).some((v) => has(name, v, id)));
    const finish = (ranked, full, extra) => {
      const counts = withFacets ? {} : null;
      for (const f of withFacets ? m.facets : []) {
        counts[f.name] = {};
        const pool = ranked.filter((h) => pass(h.id, f.name));
        for (const [value, members] of Object.entries(facetData[f.name])) {
          const set = new Set(members);
          const n = pool.filter((h) => set.has(h.id)).length;
          if (n) counts[f.name][value] = n;
        }
      }
      const hits = ranked.filter((h) => pass(h.id));
      return { results: hits, total: hits.length, full: hits.filter((h) => h.full).length,
        facets: counts, manifest: m, tokens: toks, marks: [...marks], ...extra };
    };
    if (!toks.length && query.trim()) return finish([], 0, {}); // only stop words
    if (!toks.length) {
      // no words: browse every page, as the filters allow
      const ranked = Array.from({ length: m.pages }, (_, id) => ({ id, score: 0, full: true }));
      return finish(ranked, 0, {});
    }
    const syn = synonymsIn(toks, m);
    // slots: each query word, or the words a synonym covers
    const slots = [];
    for (let i = 0; i < toks.length;) {
      const s = syn.filter((x) => x.at === i).sort((a, b) => b.len - a.len)[0];
      const len = s ? s.len : 1;
      const typing = prefix && i + len === toks.length;
      const own = all(await Promise.all(toks.slice(i, i + len)
        .map((t, k) => wordSlot(t, typing && k === len - 1, marks))));
      const alts = [own];
      if (s) for (const w of s.others) {
        const tw = tokens(w, an);
        alts.push(all(await Promise.all(tw.map((t) => wordSlot(t, false, marks))), 0.9));
      }
      slots.push(best(alts));
      i += len;
    }
    // consecutive query words that are consecutive in a title score extra
    const pairs = await Promise.all(toks.slice(1).map(async (t, i) => (await lookup(`${toks[i].stem} ${t.stem}`)) ?? []));
    const bonus = new Map();
    for (const postings of pairs)
      for (const [page, score] of decode(postings)) bonus.set(page, (bonus.get(page) ?? 0) + score);
    // pages with every slot first; then, below them, pages with some
    const need = slots.length >= 3 ? Math.ceil(slots.length / 2) : 1;
    const seen = new Map();
    for (const s of slots) for (const [page, v] of s) {
      const e = seen.get(page) ?? { id: page, score: bonus.get(page) ?? 0, n: 0 };
      e.score += v;
      e.n++;
      seen.set(page, e);
    }
    const ranked = [...seen.values()].filter((e) => e.n >= need)
      .map((e) => ({ id: e.id, score: e.score, full: e.n === slots.length, n: e.n }))
      .sort((a, b) => b.n - a.n || b.score - a.score || a.id - b.id);
    const also = [...new Set(syn.flatMap((s) => s.others))];
    const r = finish(ranked, 0, { also });
    if (!r.total) r.suggestion = await suggest(toks);
    return r;
  }

  // "Mente du …?": each word replaced by the closest word of the site.
  async function suggest(toks) {
    const v = await words();
    let changed = false;
    const out = toks.map((tok) => {
      if (tok.isNumber) return tok.folded;
      const max = Array.from(tok.folded).length >= 8 ? 3 : 2, key = foldKey(tok.folded);
      let bestW = null, bestD = max + 1;
      for (const w of v.list) {
        const d = editDistance(key, foldKey(w), max);
        if (d < bestD) { bestD = d; bestW = w; }
      }
      if (bestW && bestW !== tok.folded) { changed = true; return bestW; }
      return tok.folded;
    });
    return changed ? out.join(" ") : null;
  }

  return { search, fragment, manifest: loadManifest, manifestNow: () => manifest, analyzer: () => an };
}

// An excerpt of `text` around the first query word, with matches marked.
// `marks`: the terms the query was resolved to (corrections, synonyms).
export function excerpt(text, toks, words = 30, marks = [], an = analyzer()) {
  const stems = new Set([...toks.map((t) => t.stem), ...marks]);
  const last = toks[toks.length - 1];
  const all = tokens(text, an);
  const hit = (t) => stems.has(t.stem) || stems.has(t.folded) ||
    (last && !last.isNumber && t.folded.startsWith(last.folded));
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
  // visible strings come from the template (the theme's wording)
  const T = JSON.parse(document.getElementById("sok-tekster")?.textContent ?? "{}");
  const fill = (s, vars) => s.replace(/\{(\w+)\}/g, (_, k) => vars[k] ?? "");
  const engine = createSearch(get);
  const form = root.querySelector("form");
  const input = form.querySelector("input[name=q]");
  const status = root.querySelector("[role=status]");
  const list = root.querySelector(".sok-treff");
  const panel = root.querySelector(".sok-filtre");
  const facetBox = root.querySelector(".sok-filter");
  const chips = root.querySelector(".sok-valgte");
  const toggle = root.querySelector(".sok-filtrer");
  const side = root.querySelector(".sok-oppsett");
  const more = root.querySelector(".sok-flere");
  root.classList.add("sok-aktiv");
  let shown = 10, seq = 0, announceTimer = 0, lastAnnounced = "";
  const open = new Set(); // facet groups the user has opened

  // Wide screens: the filters in a side column after the results. Phones:
  // behind one "Filtrer" button, right after it, so the order of the page
  // is the order of the screen.
  const wide = window.matchMedia("(min-width: 60em)");
  const place = () => {
    if (wide.matches) { side.append(panel); panel.hidden = false; toggle.hidden = true; }
    else {
      toggle.after(panel);
      toggle.hidden = false;
      panel.hidden = toggle.getAttribute("aria-expanded") !== "true";
    }
  };
  wide.addEventListener("change", place);
  toggle.addEventListener("click", () => {
    const on = toggle.getAttribute("aria-expanded") !== "true";
    toggle.setAttribute("aria-expanded", String(on));
    panel.hidden = !on;
  });
  place();

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

  // The count goes to the live region once: at once after a submit or a
  // filter, and only when typing has stopped for a moment while typing.
  function announce(text, later) {
    clearTimeout(announceTimer);
    const say = () => { if (text !== lastAnnounced) { status.textContent = text; lastAnnounced = text; } };
    if (later) announceTimer = setTimeout(say, 900); else say();
  }

  function result(f, r) {
    const ex = el("p", { className: "sok-utdrag" });
    for (const part of excerpt(f.x || f.s, r.tokens, 30, r.marks, engine.analyzer()))
      ex.append(part.mark ? el("mark", {}, part.text) : part.text);
    const meta = el("p", { className: "sok-meta" }, el("span", { className: "sok-type" }, f.y));
    for (const [label, value] of f.m ?? []) meta.append(el("span", {}, `${label}: ${value}`));
    return el("li", {},
      el("h2", {}, el("a", { href: f.u }, (f.n ? f.n + " " : "") + f.t)),
      meta, r.tokens.length ? ex : null);
  }

  async function run({ typing = false, focus = null } = {}) {
    const mine = ++seq;
    const { q, filters } = state();
    const active = Object.values(filters).some((v) => v.length);
    const r = await engine.search(q, filters, { prefix: true, facets: wantFacets() });
    if (mine !== seq) return;
    const browsing = !q.trim() && !active;
    const top = browsing ? [] : r.results.slice(0, shown);
    const frags = await Promise.all(top.map((h) => engine.fragment(h.id)));
    if (mine !== seq) return;
    list.replaceChildren(...frags.map((f) => result(f, r)));
    root.classList.toggle("sok-har-treff", top.length > 0);
    more.hidden = browsing || r.total <= shown;
    renderNotes(r, filters);
    renderChips(filters);
    renderFacets(r, filters);
    if (focus) root.querySelector(focus)?.focus();
    if (browsing) { announce("", false); return; }
    const what = q.trim() ? fill(T.paa ?? " på «{q}»", { q }) : "";
    // pages with all the words are the hits; those with some are counted apart
    const some = r.total - r.full;
    announce(r.total === 0 ? fill(T.ingen ?? "Ingen treff{hva}.", { hva: what })
      : !some ? fill(T.antall ?? "{n} treff{hva}.", { n: r.total, hva: what })
      : r.full ? fill(T.noen ?? "{n} treff{hva}, og {m} som har noen av ordene.", { n: r.full, m: some, hva: what })
      : fill(T.bareNoen ?? "Ingen sider har alle ordene{hva}; {m} har noen av dem.", { m: some, hva: what }), typing);
  }

  // Synonyms searched too, and for no result: "Mente du …?" and ways on.
  function renderNotes(r, filters) {
    const box = root.querySelector(".sok-merknad");
    box.replaceChildren();
    if (r.also?.length && r.total)
      box.append(el("p", {}, T.ogsaa ?? "Viser også treff på ", ...r.also.flatMap((w, i) =>
        [i ? (i === r.also.length - 1 ? T.og ?? " og " : ", ") : null, el("strong", {}, w)]), "."));
    if (r.total || !r.tokens?.length) return;
    if (r.suggestion) {
      const p = new URLSearchParams({ q: r.suggestion });
      for (const [k, vs] of Object.entries(filters)) for (const v of vs) p.append(k, v);
      box.append(el("p", {}, T.mente ?? "Mente du ",
        el("a", { href: `${location.pathname}?${p}` }, r.suggestion), "?"));
    }
    const ways = root.querySelector(".sok-veier");
    if (ways) box.append(ways.content.cloneNode(true));
  }

  const change = (name, value, on, focus) => {
    const { q, filters: cur } = state();
    const set = new Set(cur[name] ?? []);
    if (on) set.add(value); else set.delete(value);
    cur[name] = [...set];
    setState(q, cur, true);
    shown = 10;
    run({ focus });
  };

  // The chosen filters as buttons that remove them; focus moves to the next.
  function renderChips(filters) {
    const titles = Object.fromEntries(engine.manifestNow().facets.map((f) => [f.name, f.title]));
    const items = Object.entries(filters).flatMap(([name, vs]) => vs.map((v) => [name, v]));
    chips.replaceChildren(...items.map(([name, value], i) => {
      const b = el("button", { type: "button", className: "sok-brikke", id: `brikke-${i}` },
        value, el("span", { ariaHidden: "true", className: "sok-kryss" }, " ×"));
      b.setAttribute("aria-label", fill(T.fjern ?? "Fjern filteret {gruppe}: {verdi}",
        { gruppe: titles[name] ?? name, verdi: value }));
      b.addEventListener("click", () => change(name, value, false,
        items.length > 1 ? `#brikke-${Math.min(i, items.length - 2)}` : "#sok-side-q"));
      return el("li", {}, b);
    }));
    chips.hidden = !items.length;
  }

  // The filter values and their counts are fetched when the reader first
  // opens a group (or has chosen a filter); until then a group is its title.
  const wantFacets = () => open.size > 0 || Object.values(state().filters).some((v) => v.length);

  function renderFacets(r, filters) {
    const focused = document.activeElement?.id;
    facetBox.replaceChildren(...r.manifest.facets.map((f) => {
      if (!r.facets) {
        const d = el("details", {}, el("summary", { id: `g-${f.name}` }, f.title));
        d.addEventListener("toggle", () => { if (d.open) { open.add(f.name); run({ focus: `#g-${f.name}` }); } });
        return d;
      }
      const values = Object.entries(r.facets[f.name] ?? {});
      const chosen = new Set(filters[f.name] ?? []);
      for (const v of chosen) if (!values.some(([k]) => k === v)) values.push([v, 0]);
      if (!values.length) return null;
      values.sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0], "nb"));
      const fs = el("fieldset", {}, el("legend", { className: "skjult" }, f.title));
      for (const [value, n] of values) {
        const id = `f-${f.name}-${value}`.replace(/[^\w-]/g, "_");
        const box = el("input", { type: "checkbox", id, name: f.name, value, checked: chosen.has(value) });
        box.addEventListener("change", () => change(f.name, value, box.checked, `#${id}`));
        fs.append(el("div", { className: "sok-valg" }, box, el("label", { htmlFor: id }, `${value} (${n})`)));
      }
      const summary = el("summary", { id: `g-${f.name}` }, f.title, chosen.size ? el("span", { className: "sok-antall-valgt" }, ` (${chosen.size})`) : null);
      const d = el("details", { open: open.has(f.name) || chosen.size > 0 }, summary, fs);
      d.addEventListener("toggle", () => { if (d.open) open.add(f.name); else open.delete(f.name); });
      return d;
    }).filter(Boolean));
    if (focused && facetBox.querySelector(`#${CSS.escape(focused)}`) && !facetBox.contains(document.activeElement))
      facetBox.querySelector(`#${CSS.escape(focused)}`).focus();
  }

  let timer;
  input.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      const { filters } = state();
      setState(input.value, filters, false);
      shown = 10;
      run({ typing: true });
    }, 150);
  });
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    clearTimeout(timer);
    const { filters } = state();
    setState(input.value, filters, true);
    shown = 10;
    lastAnnounced = "";
    run();
  });
  more.addEventListener("click", () => {
    const first = shown;
    shown += 10;
    run({ focus: `.sok-treff li:nth-child(${first + 1}) a` });
  });
  window.addEventListener("popstate", () => { input.value = state().q; run(); });
  input.value = state().q;
  run();
}

if (typeof document !== "undefined") {
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
}
