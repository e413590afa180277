// html-validate (the repository's .htmlvalidate.json) on every page of the
// built site: 0 errors. Needs no browser.
import { join } from 'node:path';
import { FileSystemConfigLoader, HtmlValidate } from 'html-validate';
import { ensureBuilt, htmlFiles, PUBLIC, ROOT, run } from './lib.mjs';

await run('html-validate', async (t) => {
  ensureBuilt();
  process.chdir(ROOT); // the config is found from the working directory up
  const validator = new HtmlValidate(new FileSystemConfigLoader());
  const files = htmlFiles();
  const details = [];
  let errors = 0;
  let bad = 0;
  for (const f of files) {
    const report = await validator.validateFile(join(PUBLIC, f));
    const messages = report.results.flatMap((r) => r.messages).filter((m) => m.severity === 2);
    if (messages.length === 0) continue;
    bad++;
    errors += messages.length;
    details.push(`public/${f}:`);
    for (const m of messages.slice(0, 10)) details.push(`  ${m.line}:${m.column} ${m.ruleId}: ${m.message}`);
    if (messages.length > 10) details.push(`  … ${messages.length - 10} more`);
  }
  t.check(`html-validate: ${files.length} pages, ${errors} errors`, errors === 0,
    [`${bad} pages with errors`, ...details]);
});
