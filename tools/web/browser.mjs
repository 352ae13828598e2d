// Browser test of `compute-divide serve`, driving Debian's Chromium with playwright-core.
//
//   node tools/web/browser.mjs http://127.0.0.1:PORT OUT_DIR [BASE_QUERY]
//
// Loads every page (no console error, no page error), changes the large-scale rule and then the team
// source through the definitions form (as a user would: type, choose, the page follows) and checks that the
// headline cards and the main figure equal what the JSON API gives for the same query, follows the shared
// link in a fresh browser context and gets the same view, uses the models explorer with the keyboard, and
// submits the form with JavaScript off, then waits for the papers to be read (once, at start), loads each
// paper panel, and changes `venue_set` on the topics panel: its table and figure follow and equal the API. Screenshots go to OUT_DIR. Prints one JSON summary on stdout; exits
// 1 on any failed check.
import { chromium } from 'playwright-core';
import fs from 'node:fs';
import path from 'node:path';

const [base, outDir, baseQuery = 'bootstrap_resamples=100'] = process.argv.slice(2);
if (!base || !outDir) {
  console.error('usage: node browser.mjs BASE_URL OUT_DIR [BASE_QUERY]');
  process.exit(2);
}
fs.mkdirSync(outDir, { recursive: true });
const executablePath = process.env.CHROMIUM || '/usr/bin/chromium';
const failures = [];
const check = (ok, what) => { if (!ok) failures.push(what); return ok; };
const summary = { pages: [], console_errors: [], screenshots: [], checks: {} };

const browser = await chromium.launch({
  executablePath,
  headless: true,
  args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
});
const timeout = 600_000; // a cold recompute in a debug build can take a while

function watch(page, label) {
  page.on('console', (m) => { if (m.type() === 'error') summary.console_errors.push(`${label}: ${m.text()}`); });
  page.on('pageerror', (e) => summary.console_errors.push(`${label}: ${e.message}`));
}

async function cards(page) {
  return page.$$eval('.card .value', (els) => els.map((e) => e.textContent.trim()));
}

async function apiHeadlines(page, query) {
  const r = await page.request.get(`${base}/api/headlines?${query}`, { timeout });
  return (await r.json()).headlines.map((h) => h.value);
}

// The main figure's line paths inline, against the SVG the API serves for the same query.
async function figureMatchesApi(page, query) {
  const inline = await page.$$eval('#figure-compute_divide svg path.line', (ps) => ps.map((p) => p.getAttribute('d')));
  const svg = await (await page.request.get(`${base}/api/figures/compute_divide?${query}`, { timeout })).text();
  const served = await page.evaluate((text) => {
    const doc = new DOMParser().parseFromString(text, 'image/svg+xml');
    return [...doc.querySelectorAll('path.line')].map((p) => p.getAttribute('d'));
  }, svg);
  return { equal: inline.length > 0 && JSON.stringify(inline) === JSON.stringify(served), lines: inline };
}

// Every mark of a paper figure inline (its shapes' geometry), against the SVG the API serves for the
// same query.
async function paperFigureMatchesApi(page, id, query) {
  const svg = await (await page.request.get(`${base}/api/figures/${id}?${query}`, { timeout })).text();
  const [inline, served] = await page.evaluate(([id, text]) => {
    const geometry = (root) => (root ? [...root.querySelectorAll('path, circle, rect, line, text')] : []).map((e) =>
      ['d', 'cx', 'cy', 'x', 'y', 'width', 'height'].map((a) => e.getAttribute(a)).concat([e.tagName, e.textContent]).join('|'));
    const doc = new DOMParser().parseFromString(text, 'image/svg+xml');
    return [geometry(document.querySelector(`#figure-${id} svg`)), geometry(doc.documentElement)];
  }, [id, svg]);
  return { equal: inline.length > 0 && JSON.stringify(inline) === JSON.stringify(served), marks: inline };
}

const queryOf = (url) => new URL(url).search.replace(/^\?/, '');

try {
  const context = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
  const page = await context.newPage();
  page.setDefaultTimeout(timeout);
  watch(page, 'main');

  // 1. Every page loads without a console error.
  const pages = ['/', '/models', '/panel/trends', '/panel/shares', '/panel/gap', '/panel/openness',
    '/panel/lineage', '/panel/speccurve', '/provenance'];
  for (const p of pages) {
    const resp = await page.goto(`${base}${p}?${baseQuery}`, { waitUntil: 'load', timeout });
    check(resp.status() === 200, `${p}: status ${resp.status()}`);
    const figures = await page.$$eval('svg.figure', (s) => s.length);
    if (p !== '/provenance') check(figures > 0, `${p}: no figure`);
    const name = p === '/' ? 'overview' : p.replaceAll('/', '_').replace(/^_/, '');
    const shot = path.join(outDir, `${name}.png`);
    await page.screenshot({ path: shot, fullPage: p !== '/panel/speccurve' });
    summary.screenshots.push(shot);
    summary.pages.push({ path: p, status: resp.status(), figures });
  }

  // 2. Change the large-scale rule through the form: the page follows, and equals the API.
  await page.goto(`${base}/?${baseQuery}`, { waitUntil: 'load' });
  const before = await cards(page);
  const apiBefore = await apiHeadlines(page, queryOf(page.url()));
  check(JSON.stringify(before) === JSON.stringify(apiBefore), 'default: cards equal the API');
  const figBefore = await figureMatchesApi(page, queryOf(page.url()));
  check(figBefore.equal, 'default: figure equals the API');
  await page.fill('#def-large_scale_rule', 'threshold:1e23');
  await Promise.all([page.waitForURL(/large_scale_rule=threshold/, { timeout }), page.press('#def-large_scale_rule', 'Enter')]);
  await page.waitForLoadState('load');
  const afterRule = await cards(page);
  const qRule = queryOf(page.url());
  const apiRule = await apiHeadlines(page, qRule);
  const figRule = await figureMatchesApi(page, qRule);
  check(JSON.stringify(afterRule) === JSON.stringify(apiRule), 'large-scale rule: cards equal the API');
  check(JSON.stringify(afterRule) !== JSON.stringify(before), 'large-scale rule: a headline changed');
  check(figRule.equal, 'large-scale rule: figure equals the API');
  check(JSON.stringify(figRule.lines) !== JSON.stringify(figBefore.lines), 'large-scale rule: the figure changed');
  await page.screenshot({ path: path.join(outDir, 'overview_threshold_1e23.png'), fullPage: true });
  summary.screenshots.push(path.join(outDir, 'overview_threshold_1e23.png'));

  // 3. Then the team source (a select: choosing submits).
  await Promise.all([page.waitForURL(/team_source=derived/, { timeout }), page.selectOption('#def-team_source', 'derived')]);
  await page.waitForLoadState('load');
  const afterSource = await cards(page);
  const qSource = queryOf(page.url());
  const apiSource = await apiHeadlines(page, qSource);
  const figSource = await figureMatchesApi(page, qSource);
  check(JSON.stringify(afterSource) === JSON.stringify(apiSource), 'team source: cards equal the API');
  check(JSON.stringify(afterSource) !== JSON.stringify(afterRule), 'team source: a headline changed');
  check(figSource.equal, 'team source: figure equals the API');
  check(/large_scale_rule=threshold/.test(qSource), 'team source: the large-scale rule is kept');
  await page.screenshot({ path: path.join(outDir, 'overview_threshold_derived.png'), fullPage: true });
  summary.screenshots.push(path.join(outDir, 'overview_threshold_derived.png'));
  // Every panel follows: a panel page under the same query shows the rule in force.
  await page.click('nav a[href^="/panel/shares"]');
  await page.waitForLoadState('load');
  check(queryOf(page.url()) === qSource, `nav keeps the definitions (${queryOf(page.url())})`);
  check((await page.inputValue('#def-large_scale_rule')) === 'threshold:1e23', 'shares panel: rule in the form');

  // 4. The shared link, in a fresh context, gives the same view.
  const shared = `${base}/?${qSource}`;
  const fresh = await browser.newContext();
  const other = await fresh.newPage();
  other.setDefaultTimeout(timeout);
  watch(other, 'shared');
  await other.goto(shared, { waitUntil: 'load' });
  const sharedCards = await cards(other);
  const sharedRule = await other.inputValue('#def-large_scale_rule');
  const sharedSource = await other.inputValue('#def-team_source');
  check(JSON.stringify(sharedCards) === JSON.stringify(afterSource), 'shared link: same cards');
  check(sharedRule === 'threshold:1e23' && sharedSource === 'derived', 'shared link: same definitions');
  const shareHref = await other.getAttribute('#share', 'href');
  check(shareHref === `/?${qSource}`, `shared link: the page's own link is canonical (${shareHref})`);

  // 5. The models explorer: filter, then keyboard focus and hover show the model.
  await page.goto(`${base}/models?${baseQuery}&team=academic_only&min_flop=1e22`, { waitUntil: 'load' });
  const nSelected = await page.textContent('#n-selected');
  const apiModels = await (await page.request.get(`${base}/api/models?${baseQuery}&team=academic_only&min_flop=1e22`)).json();
  check(Number(nSelected) === apiModels.count, 'explorer: count equals the API');
  await page.focus('#figure-models_explorer .mark.point');
  const focused = await page.textContent('#point-detail');
  check(focused.includes('FLOP') && focused.includes('Academic-only'), `explorer: focus shows the model (${focused})`);
  // Tab moves to the next point.
  await page.keyboard.press('Tab');
  const tabbed = await page.textContent('#point-detail');
  check(tabbed.includes('FLOP'), 'explorer: Tab reaches the next point');
  await page.hover('#figure-models_explorer .mark.point >> nth=-1');
  const hovered = await page.textContent('#point-detail');
  check(hovered.includes('FLOP'), 'explorer: hover shows the model');
  summary.checks.explorer = { selected: Number(nSelected), focused, hovered };
  await page.screenshot({ path: path.join(outDir, 'models_academic_1e22.png'), fullPage: false });
  summary.screenshots.push(path.join(outDir, 'models_academic_1e22.png'));

  // 6. Without JavaScript: the page reads, and Apply submits the whole form.
  const nojs = await browser.newContext({ javaScriptEnabled: false });
  const plain = await nojs.newPage();
  plain.setDefaultTimeout(timeout);
  await plain.goto(`${base}/?${qSource}`, { waitUntil: 'load' });
  check((await cards(plain)).length > 0, 'no JS: cards shown');
  await Promise.all([plain.waitForNavigation({ timeout }), plain.click('form#view button[type=submit]')]);
  const nojsCards = await cards(plain);
  check(JSON.stringify(nojsCards) === JSON.stringify(afterSource), 'no JS: Apply gives the same view');

  // 7. The paper panels, recomputed per definitions: wait until the papers are read (once, at start),
  //    load each, then change a definition the topic analyses read (`venue_set`) through the form: the
  //    topics panel's table and figure change, and equal what the JSON API gives for the new query.
  const deadline = Date.now() + timeout * 2;
  let status = '';
  while (Date.now() < deadline) {
    status = (await (await page.request.get(`${base}/api/panels/publications?${baseQuery}`, { timeout })).json()).status;
    if (status !== 'computing') break;
    await new Promise((r) => setTimeout(r, 2000));
  }
  check(status === 'ready', `paper panels: status ${status}`);
  summary.paper_panels = [];
  for (const p of ['publications', 'topics', 'review', 'adoption', 'scrutiny']) {
    const resp = await page.goto(`${base}/panel/${p}?${baseQuery}`, { waitUntil: 'load' });
    const figures = await page.$$eval('svg.figure', (s) => s.length);
    const tables = await page.$$eval('main table', (t) => t.length);
    check(resp.status() === 200 && tables > 0, `/panel/${p}: status ${resp.status()}, ${tables} tables`);
    check((await page.$('#panel-note')) === null, `/panel/${p}: no "computed once" notice`);
    const shot = path.join(outDir, `panel_${p}.png`);
    await page.screenshot({ path: shot, fullPage: false });
    summary.screenshots.push(shot);
    summary.paper_panels.push({ path: `/panel/${p}`, status: resp.status(), figures, tables });
  }
  const table = 'topics_intensity';
  const cells = (pg) => pg.$$eval(`#table-${table} tbody tr`, (trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent)));
  await page.goto(`${base}/panel/topics?${baseQuery}`, { waitUntil: 'load' });
  const topicsBefore = await cells(page);
  const topicsFigBefore = await paperFigureMatchesApi(page, table, queryOf(page.url()));
  check(topicsFigBefore.equal, 'topics panel: figure equals the API');
  // `venue_set` is among "All other definitions" (a collapsed details element): open it, as a user would.
  await page.click('form#view details > summary');
  // The paper analyses run for the new definitions: minutes in a debug build on a busy machine.
  await Promise.all([page.waitForURL(/venue_set=ml_core/, { timeout: timeout * 3 }), page.selectOption('#def-venue_set', 'ml_core')]);
  await page.waitForLoadState('load');
  const qVenue = queryOf(page.url());
  const topicsAfter = await cells(page);
  const apiTopics = await (await page.request.get(`${base}/api/panels/topics?${qVenue}`, { timeout })).json();
  const apiTable = (apiTopics.tables.find((t) => t.name === table) || { rows: [] }).rows;
  const width = topicsAfter.length ? topicsAfter[0].length : 0;
  const expected = apiTable.slice(0, topicsAfter.length).map((r) => r.slice(0, width));
  check(topicsAfter.length > 0 && JSON.stringify(topicsAfter) === JSON.stringify(expected),
    `venue_set=ml_core: the topics table equals the API (${JSON.stringify(topicsAfter[0])} vs ${JSON.stringify(expected[0])})`);
  check(JSON.stringify(topicsAfter) !== JSON.stringify(topicsBefore), 'venue_set=ml_core: the topics table changed');
  const topicsFigAfter = await paperFigureMatchesApi(page, table, qVenue);
  check(topicsFigAfter.equal, 'venue_set=ml_core: the topics figure equals the API');
  check(JSON.stringify(topicsFigAfter.marks) !== JSON.stringify(topicsFigBefore.marks), 'venue_set=ml_core: the topics figure changed');
  await page.screenshot({ path: path.join(outDir, 'panel_topics_ml_core.png'), fullPage: true });
  summary.screenshots.push(path.join(outDir, 'panel_topics_ml_core.png'));
  summary.checks.paper_definitions = {
    query: qVenue,
    table,
    first_row_before: topicsBefore[0],
    first_row_after: topicsAfter[0],
    api_first_row: expected[0],
    table_equal: JSON.stringify(topicsAfter) === JSON.stringify(expected),
    figure_equal: topicsFigAfter.equal,
    figure_marks: topicsFigAfter.marks.length,
  };

  summary.checks.headlines = {
    default: before,
    large_scale_threshold_1e23: afterRule,
    plus_team_source_derived: afterSource,
    api_equal: { default: JSON.stringify(before) === JSON.stringify(apiBefore),
      rule: JSON.stringify(afterRule) === JSON.stringify(apiRule),
      source: JSON.stringify(afterSource) === JSON.stringify(apiSource) },
    figure_equal: { default: figBefore.equal, rule: figRule.equal, source: figSource.equal },
    shared_query: qSource,
    shared_reproduces: JSON.stringify(sharedCards) === JSON.stringify(afterSource),
  };
} catch (e) {
  failures.push(`exception: ${e.stack || e}`);
} finally {
  await browser.close();
}
check(summary.console_errors.length === 0, `console errors: ${summary.console_errors.join('; ')}`);
summary.failures = failures;
console.log(JSON.stringify(summary, null, 1));
process.exit(failures.length ? 1 : 0);
