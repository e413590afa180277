// The search client's normalisation (themes/standard/assets/search.js) must
// give the same terms as the C indexer (generator/normalize.c): compared on
// the text of every content page plus hand-picked vectors.
import { execFileSync } from "node:child_process";
import { readFileSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { tokens, stem, stemEnglish, analyzer } from "../../themes/standard/assets/search.js";

let failed = 0;
const ok = (name, cond, ...detail) => {
  console.log(`${cond ? "ok" : "not ok"} ${name}`);
  if (!cond) { failed++; for (const d of detail) console.log(`  ${d}`); }
};

const files = [];
const walk = (d) => { for (const f of readdirSync(d)) { const p = join(d, f); statSync(p).isDirectory() ? walk(p) : p.endsWith(".md") && files.push(p); } };
walk("content");
const vectors = readFileSync("tests/search/vectors.txt", "utf8");
const text = files.map((f) => readFileSync(f, "utf8")).join("\n") + "\n" + vectors;

// A language's stop words as the build reads them: the theme's search/<code>.lua
const stopwords = (code) => readFileSync(`themes/standard/search/${code}.lua`, "utf8")
  .match(/stopwords = \[\[([\s\S]*?)\]\]/)[1].trim().split(/\s+/).join(" ");
const norwegian = analyzer("norwegian", `${stopwords("nb")} ${stopwords("nn")}`);
const english = analyzer("english", stopwords("en"));

// Both implementations over `input`, token by token.
function compare(name, stemmer, an, input) {
  const c = execFileSync("bin/varde", ["normalize", stemmer, [...an.stop].join(" ")], { input, maxBuffer: 1 << 28 })
    .toString().trimEnd().split("\n");
  const js = tokens(input, an).map((t) => `${t.folded}\t${t.stem}\t${t.abbreviation ? "A" : t.isNumber ? "N" : "-"}`);
  let firstDiff = -1;
  for (let i = 0; i < Math.max(c.length, js.length); i++) if (c[i] !== js[i]) { firstDiff = i; break; }
  ok(`${name}: C and JavaScript agree on all ${c.length} tokens`, firstDiff < 0,
     firstDiff >= 0 ? `token ${firstDiff}: C ${JSON.stringify(c[firstDiff])} JS ${JSON.stringify(js[firstDiff])}` : "");
  return c;
}

const c = compare("Norwegian, the content", "norwegian", norwegian, text);
const distinct = new Set(c.map((l) => l.split("\t")[0]));
ok(`vocabulary is large enough to mean something (${distinct.size} words)`, distinct.size > 3000);

// English: Snowball's English stemmer (Porter2) ported to search.js, checked
// on every word of the content (the English pages, and the Norwegian ones,
// which reach more of the algorithm's branches) and on words chosen for its
// special cases.
const englishWords = `strategies strategy strategic recruitment recruiting staffing staff nursing nurses
  competence competences competent municipalities municipal services service servicing healthcare
  caring generalisation generation communication community arsenal skis skies dying lying tying idly
  gently ugly early only singly sky news howe atlas cosmos bias andes inning outing canning herring
  earring proceed exceed succeed hoping hopping filing filling agreed feed bleed tied ties cries gas this
  gaps kiwis caresses ponies cats hopeful hopefulness goodness relational conditional rational
  valenci hesitanci digitizer conformabli radicalli differentli vileli analogousli vietnamization
  predication operator feudalism decisiveness hopefulness callousness formaliti sensitiviti sensibiliti
  triplicate formative formalize electriciti electrical hopeful goodness revival allowance inference
  airliner gyroscopic adjustable defensible irritant replacement adjustment dependent adoption homologou
  communism activate angulariti homologous effective bowdlerize probate rate cease controll roll
  yes yield say saying played boy boys enjoying sayyid youth yellow crying dry fly flying
  ability abilities logical biology archaeology fluently eagerly lessly carelessly carefully
  plastered bled motoring sing singing conditioning knitting installing hoped hopped
  ‘quoted’ don't it's o'clock Kompetanseløft2020 Fellesorganisasjonen høgskule`;
const enFiles = files.filter((f) => f.endsWith(".en.md"));
ok(`there are English pages to compare on (${enFiles.length})`, enFiles.length >= 10);
compare("English, the content and special cases", "english", english, text + "\n" + englishWords);
for (const [w, want] of [["strategies", "strategi"], ["strategy", "strategi"], ["recruitment", "recruit"],
  ["generalisation", "generalis"], ["dying", "die"], ["hoping", "hope"], ["ties", "tie"], ["cries", "cri"]])
  ok(`English stem of ${w} is ${want}`, stemEnglish(w) === want, `got ${stemEnglish(w)}`);
ok("English stop words are left out, question words among them",
   tokens("What are the strategies for recruitment?", english).map((t) => t.stem).join(" ") === "strategi recruit");

// Hand-picked cases with the expected result, shared with the C unit test.
for (const line of vectors.split("\n")) {
  if (line.startsWith("#")) continue;
  const m = line.match(/^(.*?)\s*=>\s*(.*)$/);
  if (!m) continue;
  const got = tokens(m[1], norwegian).map((t) => t.stem).join(" ");
  ok(`normalise ${JSON.stringify(m[1])}`, got === m[2], `got ${JSON.stringify(got)}, want ${JSON.stringify(m[2])}`);
}
ok("stem of a short word is the word", stem("ku") === "ku");
process.exit(failed ? 1 : 0);
