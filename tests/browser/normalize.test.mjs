// The search client's normalisation (themes/standard/assets/search.js) must
// give the same terms as the C indexer (generator/normalize.c): compared on
// the text of every content page plus hand-picked vectors.
import { execFileSync } from "node:child_process";
import { readFileSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { tokens, stem } from "../../themes/standard/assets/search.js";

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

const c = execFileSync("bin/varde", ["normalize", "nb"], { input: text, maxBuffer: 1 << 28 })
  .toString().trimEnd().split("\n");
const js = tokens(text).map((t) => `${t.folded}\t${t.stem}\t${t.abbreviation ? "A" : t.isNumber ? "N" : "-"}`);
let firstDiff = -1;
for (let i = 0; i < Math.max(c.length, js.length); i++) if (c[i] !== js[i]) { firstDiff = i; break; }
ok(`C and JavaScript agree on all ${c.length} tokens of the content`, firstDiff < 0,
   firstDiff >= 0 ? `token ${firstDiff}: C ${JSON.stringify(c[firstDiff])} JS ${JSON.stringify(js[firstDiff])}` : "");
const distinct = new Set(c.map((l) => l.split("\t")[0]));
ok(`vocabulary is large enough to mean something (${distinct.size} words)`, distinct.size > 3000);

// Hand-picked cases with the expected result, shared with the C unit test.
for (const line of vectors.split("\n")) {
  if (line.startsWith("#")) continue;
  const m = line.match(/^(.*?)\s*=>\s*(.*)$/);
  if (!m) continue;
  const got = tokens(m[1]).map((t) => t.stem).join(" ");
  ok(`normalise ${JSON.stringify(m[1])}`, got === m[2], `got ${JSON.stringify(got)}, want ${JSON.stringify(m[2])}`);
}
ok("stem of a short word is the word", stem("ku") === "ku");
process.exit(failed ? 1 : 0);
