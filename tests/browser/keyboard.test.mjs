// Keyboard use: the skip link is the first tab stop and moves focus to main;
// tabbing on reaches the search field; focus is visible; the search form
// submits with Enter; filter groups open with the keyboard.
import { ensureBuilt, htmlFiles, launch, pathOf, run, serve } from './lib.mjs';

// What has focus, in a form easy to compare and print.
const focused = (page) => page.evaluate(() => {
  const e = document.activeElement;
  if (!e || e === document.body) return { tag: 'body' };
  const r = e.getBoundingClientRect();
  const s = getComputedStyle(e);
  return {
    tag: e.tagName.toLowerCase(), id: e.id, cls: e.className, name: e.getAttribute('name'),
    text: (e.textContent || '').trim().slice(0, 40),
    visible: r.width > 0 && r.height > 0 && r.bottom > 0 && r.right > 0 && r.top < innerHeight && r.left < innerWidth,
    indicator: (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2 && s.outlineColor !== 'rgba(0, 0, 0, 0)')
      || s.boxShadow !== 'none',
  };
});
const show = (f) => `<${f.tag}${f.id ? '#' + f.id : ''}${f.cls ? '.' + String(f.cls).split(' ').join('.') : ''}> "${f.text || f.name || ''}"`;

await run('keyboard', async (t) => {
  ensureBuilt();
  const files = htmlFiles();
  const tiltak = files.find((f) => /^tiltak\/[^/]+\/index\.html$/.test(f));
  const server = await serve();
  const browser = await launch();
  try {
    for (const [label, file, width] of [['home page', 'index.html', 1280], ['tiltak page on a phone', tiltak, 375]]) {
      const page = await browser.context.newPage();
      await page.setViewportSize({ width, height: 800 });
      await page.goto(server.base + pathOf(file));

      // 1. The first Tab lands on the visible skip link; Enter moves focus to main.
      await page.keyboard.press('Tab');
      const first = await focused(page);
      t.check(`${label}: first tab stop is the skip link, visible`,
        first.tag === 'a' && /hopp/.test(first.cls) && first.visible && first.indicator, [`focus on ${show(first)}`, JSON.stringify(first)]);
      await page.keyboard.press('Enter');
      const target = await focused(page);
      t.check(`${label}: skip link moves focus to main`, target.tag === 'main' && target.id === 'hovedinnhold', [`focus on ${show(target)}`]);
      await page.keyboard.press('Tab');
      const after = await focused(page);
      const inMain = await page.evaluate(() => !!document.activeElement.closest('main'));
      t.check(`${label}: the next tab stop after skipping is inside main`, inMain, [`focus on ${show(after)}`]);

      // 2. From the top, Tab reaches the search field; every stop on the way shows focus.
      await page.goto(server.base + pathOf(file));
      const stops = [];
      let reached = null;
      for (let i = 0; i < 8 && !reached; i++) {
        await page.keyboard.press('Tab');
        const f = await focused(page);
        stops.push(f);
        if (f.tag === 'input' && f.name === 'q') reached = f;
      }
      t.check(`${label}: tab order reaches the search field (stop ${stops.length})`, !!reached, stops.map(show));
      const hidden = stops.filter((f) => !f.visible || !f.indicator);
      t.check(`${label}: focus is visible at every stop before search`, hidden.length === 0, hidden.map((f) => `${show(f)} ${JSON.stringify(f)}`));

      // 3. Typing a query and pressing Enter submits the GET form to /sok/?q=.
      if (reached) {
        await page.keyboard.type('demens');
        await Promise.all([page.waitForURL(/\/sok\/\?q=demens/), page.keyboard.press('Enter')]);
        t.ok(`${label}: Enter in the search field goes to /sok/?q=demens`);
      }
      await page.close();
    }

    // 4. The tiltak filters (<details>) open with the keyboard and their links are reachable.
    const list = files.find((f) => f === 'tiltak/index.html');
    if (list) {
      const page = await browser.context.newPage();
      await page.goto(server.base + pathOf(list));
      const closed = await page.$('.filtre details:not([open]) > summary');
      if (closed) {
        await closed.focus();
        await page.keyboard.press('Enter');
        const open = await closed.evaluate((s) => s.parentElement.open);
        await page.keyboard.press('Tab');
        const f = await focused(page);
        t.check('tiltak list: a filter group opens with Enter and Tab moves into its links', open && f.tag === 'a', [`open=${open}, focus on ${show(f)}`]);
      } else {
        t.fail('tiltak list: a filter group opens with Enter and Tab moves into its links', ['no closed filter group on /tiltak/']);
      }
      await page.close();
    }
  } finally {
    await browser.close();
    await server.close();
  }
});
