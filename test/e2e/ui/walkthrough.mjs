// UI walkthrough in real VS Code (code-server 4.139.1 in headless Debian chromium,
// driven by playwright-core), with the packaged asterisk-config.vsix installed:
//
//   1. pattern hover on _NXXNXXXXXX          → docs/images/pattern-hover.png
//   2. "Asterisk: Simulate Dial…"            → docs/images/simulate-dial.png
//   3. squiggles + Problems on a broken copy → docs/images/diagnostics-problems.png
//   4. quick fix insecure=very → port,invite → docs/images/quick-fix.png
//
// Steps whose feature is not in the extension yet are skipped, with the reason:
// the hover when dist/server.js declares no hoverProvider, Simulate Dial when
// package.json contributes no asterisk.simulateDial command. Every wait is for a
// condition and bounded. E2E_SCREENSHOTS=DIR writes the screenshots elsewhere.
//
// Usage: node test/e2e/ui/walkthrough.mjs   (after `npm run e2e:setup` and `npm run package`)
import { cpSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PATHS, REPO, copyWorkspace, launchBrowser, removeTemp, log, requireSetup, startCodeServer, waitFor } from '../../../scripts/e2e/lib.mjs';

const SHOTS = process.env.E2E_SCREENSHOTS ?? PATHS.screenshots;
const FAIL_SHOTS = join(PATHS.runs, 'ui-failures');

class Skip extends Error {}

/** What the installed extension provides (read from the .vsix's own files after install). */
function features(extDir) {
  const pkg = JSON.parse(readFileSync(join(extDir, 'package.json'), 'utf8'));
  const server = readFileSync(join(extDir, 'dist', 'server.js'), 'utf8');
  const simulate = (pkg.contributes?.commands ?? []).find((c) => c.command === 'asterisk.simulateDial');
  return {
    hover: /hoverProvider\s*:/.test(server),
    simulateTitle: simulate ? `${simulate.category ? `${simulate.category}: ` : ''}${simulate.title}` : undefined,
  };
}

/** The broken copy: insecure=very on the inbound peer, and a phone without secret. */
function makeBrokenCopy(workspace) {
  const dir = join(workspace, 'broken');
  mkdirSync(dir);
  cpSync(join(workspace, 'extensions.conf'), join(dir, 'extensions.conf'));
  const sip = readFileSync(join(workspace, 'sip.conf'), 'utf8');
  const broken = `${sip.replace(/^insecure=port,invite$/m, 'insecure=very').trimEnd()}\n\n; a second desk phone, forgotten secret\n[TestPhone-B](office-phone)\n`;
  writeFileSync(join(dir, 'sip.conf'), broken);
  const lines = broken.split('\n');
  return { dir, insecureLine: lines.indexOf('insecure=very') + 1, phoneLine: lines.indexOf('[TestPhone-B](office-phone)') + 1 };
}

const norm = (s) => s.replace(/\u00a0/g, ' ');

async function quickOpen(page, name, { inFolder } = {}) {
  await page.keyboard.press('Escape');
  await page.keyboard.press('Control+P');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible', timeout: 15_000 });
  await input.fill(inFolder ? `${inFolder}/${name}` : name);
  let row = page.locator('.quick-input-list .monaco-list-row').filter({ has: page.locator('.label-name', { hasText: name }) });
  row = inFolder ? row.filter({ has: page.locator('.label-description', { hasText: inFolder }) }) : row.filter({ hasNot: page.locator('.label-description', { hasText: /\S/ }) });
  await row.first().waitFor({ timeout: 20_000 });
  await row.first().click();
  await page.locator('.quick-input-widget').waitFor({ state: 'hidden', timeout: 10_000 });
  await page.locator('.tab.active', { hasText: name }).waitFor({ timeout: 15_000 });
  await page.locator('.monaco-editor .view-lines').first().waitFor({ timeout: 15_000 });
}

async function runCommand(page, title) {
  await page.keyboard.press('Escape');
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible', timeout: 15_000 });
  await input.fill(`>${title}`);
  await page.locator('.quick-input-list .monaco-list-row.focused', { hasText: title }).waitFor({ timeout: 15_000 });
  await page.keyboard.press('Enter');
}

async function gotoLine(page, line, column = 1) {
  await page.locator('.editor-group-container.active .tab.active').click(); // focus the editor
  await page.keyboard.press('Control+G');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible', timeout: 10_000 });
  await input.fill(`:${line}:${column}`); // the ':' prefix is Go to Line's
  await page.keyboard.press('Enter');
  await page.locator('.quick-input-widget').waitFor({ state: 'hidden', timeout: 10_000 });
}

/** The text of the active editor's visible lines. */
async function editorText(page) {
  return norm(await page.locator('.editor-group-container.active .monaco-editor .view-lines').first().innerText());
}

/** Where on screen a piece of text of the active editor is (centre of its `index`-th character). */
async function textPoint(page, text, index = 0) {
  return page.evaluate(({ text, index }) => {
    for (const line of document.querySelectorAll('.editor-group-container.active .monaco-editor .view-line')) {
      const content = (line.textContent ?? '').replace(/\u00a0/g, ' ');
      const at = content.indexOf(text);
      if (at < 0) continue;
      // Walk the leaf spans to the character at `at + index`.
      let offset = 0;
      for (const span of line.querySelectorAll('span')) {
        if (span.children.length > 0) continue;
        const t = span.textContent ?? '';
        const target = at + index;
        if (target < offset + t.length) {
          const r = span.getBoundingClientRect();
          const w = r.width / Math.max(1, t.length);
          return { x: r.left + w * (target - offset + 0.5), y: r.top + r.height / 2 };
        }
        offset += t.length;
      }
    }
    return null;
  }, { text, index });
}

async function shot(page, name) {
  mkdirSync(SHOTS, { recursive: true });
  const file = join(SHOTS, name);
  await page.screenshot({ path: file });
  log(`  screenshot ${file.replace(REPO + '/', '')}`);
}

async function problemsPanel(page) {
  const panel = page.locator('.markers-panel');
  if (!(await panel.isVisible().catch(() => false))) await page.keyboard.press('Control+Shift+M');
  await panel.waitFor({ state: 'visible', timeout: 15_000 });
  return panel;
}

async function hidePanel(page) {
  if (await page.locator('.part.panel').isVisible().catch(() => false)) {
    await runCommand(page, 'View: Hide Panel');
    await page.locator('.part.panel').waitFor({ state: 'hidden', timeout: 10_000 });
  }
}

// ---------------------------------------------------------------------------------

const steps = [];

async function step(page, name, fn) {
  const t = Date.now();
  try {
    await fn();
    steps.push({ name, status: 'passed' });
    log(`✓ ${name} (${((Date.now() - t) / 1000).toFixed(1)} s)`);
  } catch (e) {
    if (e instanceof Skip) {
      steps.push({ name, status: 'skipped', reason: e.message });
      log(`↷ ${name}: skipped: ${e.message}`);
    } else {
      steps.push({ name, status: 'failed', reason: e.message });
      log(`✗ ${name}: ${e.message.split('\n').slice(0, 6).join('\n    ')}`);
      mkdirSync(FAIL_SHOTS, { recursive: true });
      const file = join(FAIL_SHOTS, `${name.replace(/\W+/g, '-')}.png`);
      await page.screenshot({ path: file }).catch(() => {});
      log(`  failure screenshot: ${file.replace(REPO + '/', '')}`);
    }
    for (let i = 0; i < 3; i++) await page.keyboard.press('Escape').catch(() => {});
  }
}

export async function runWalkthrough() {
  requireSetup();
  const vsix = process.env.E2E_VSIX ?? PATHS.vsix; // E2E_VSIX: walk through another .vsix
  if (!existsSync(vsix)) throw new Error(`${vsix} is missing: run \`npm run package\` first`);
  steps.length = 0;
  const workspace = copyWorkspace();
  const broken = makeBrokenCopy(workspace);
  const server = await startCodeServer({ vsix });
  let browser;
  try {
    const extJson = JSON.parse(readFileSync(join(server.dataDir, 'ext', 'extensions.json'), 'utf8'));
    const installed = extJson.find((e) => e.identifier?.id === 'asterisk-config.asterisk-config');
    if (!installed) throw new Error(`asterisk-config is not in code-server's extensions.json: ${JSON.stringify(extJson).slice(0, 300)}`);
    const have = features(installed.location?.path ?? join(server.dataDir, 'ext', installed.relativeLocation));
    log(`code-server ${server.url} with ${vsix.replace(REPO + "/", "")}; workspace ${workspace.replace(REPO + '/', '')} (+ broken/)`);
    browser = await launchBrowser({ width: 1400, height: 900 });
    const page = browser.ctx.pages()[0] ?? (await browser.ctx.newPage());
    page.setDefaultTimeout(20_000);
    await page.goto(`${server.url}/?folder=${encodeURIComponent(workspace)}`, { timeout: 60_000 });
    await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
    await page.locator('.explorer-folders-view, .explorer-viewlet').first().waitFor({ timeout: 60_000 });
    log('workbench loaded');

    await step(page, 'open extensions.conf (examples/itsp)', async () => {
      await quickOpen(page, 'extensions.conf');
      await page.locator('.editor-group-container.active .view-line', { hasText: '_NXXNXXXXXX' }).first().waitFor();
    });

    await step(page, 'pattern hover on _NXXNXXXXXX', async () => {
      if (!have.hover) throw new Skip('the installed dist/server.js declares no hoverProvider yet (hovers are being built)');
      const hover = page.locator('.monaco-hover').filter({ hasText: /2\s*[-–]\s*9/ }).first();
      const deadline = Date.now() + 30_000;
      for (let i = 0; ; i++) {
        const p = await textPoint(page, '_NXXNXXXXXX', 1 + (i % 3));
        if (!p) throw new Error('_NXXNXXXXXX is not on screen');
        await page.mouse.move(p.x, p.y, { steps: 2 });
        if (await hover.waitFor({ state: 'visible', timeout: 3_000 }).then(() => true, () => false)) break;
        if (Date.now() > deadline) throw new Error('no hover mentioning N = 2-9 appeared over _NXXNXXXXXX');
        await page.mouse.move(5, 5);
      }
      const text = norm(await hover.innerText());
      if (!/\bN\b/.test(text)) throw new Error(`the hover does not explain N: ${text}`);
      log(`  hover: ${text.replace(/\s+/g, ' ').slice(0, 160)}`);
      await shot(page, 'pattern-hover.png');
      await page.mouse.move(5, 5);
    });

    await step(page, 'Asterisk: Simulate Dial… 2223334444 from [internal]', async () => {
      if (!have.simulateTitle) throw new Skip('package.json contributes no asterisk.simulateDial command yet (Simulate Dial is being built)');
      await hidePanel(page);
      await runCommand(page, have.simulateTitle);
      // Answer the prompts it shows (the number; where the call enters; an optional caller ID)
      // until the result shows in a webview (its own frame) or a notification.
      const found = async () => {
        if (await page.locator('.quick-input-widget').isVisible().catch(() => false)) return false; // still asking
        const texts = [await page.locator('.notification-list-item-message').allInnerTexts().then((t) => t.join('\n')).catch(() => '')];
        for (const frame of page.frames()) if (frame !== page.mainFrame()) texts.push(await frame.locator('body').innerText({ timeout: 1_000 }).catch(() => ''));
        return texts.some((t) => /2223334444/.test(t) && /TheITSP-Out/.test(t));
      };
      const deadline = Date.now() + 45_000;
      const answered = new Set();
      const qi = page.locator('.quick-input-widget');
      const input = qi.locator('input');
      while (!(await found())) {
        if (Date.now() > deadline) throw new Error(`no result mentioning 2223334444 and TheITSP-Out appeared (answered: ${[...answered].join(', ') || 'nothing'})`);
        if (await qi.isVisible().catch(() => false)) {
          const prompt = `${norm(await qi.innerText().catch(() => ''))} ${(await input.getAttribute('placeholder').catch(() => '')) ?? ''}`;
          if (/caller/i.test(prompt) && !answered.has('caller')) {
            answered.add('caller');
            await input.fill('');
            await page.keyboard.press('Enter');
          } else if (/context|enters/i.test(prompt) && !answered.has('context')) {
            answered.add('context');
            await input.fill('internal');
            const row = qi.locator('.quick-input-list .monaco-list-row').filter({ hasText: /^\s*internal\b/ }).first();
            if (await row.waitFor({ timeout: 10_000 }).then(() => true, () => false)) await row.click();
            else await page.keyboard.press('Enter');
          } else if (/number/i.test(prompt) && !answered.has('number')) {
            answered.add('number');
            await input.fill('2223334444');
            await page.keyboard.press('Enter');
          }
        }
        await page.waitForTimeout(200); // poll interval of this condition loop
      }
      log(`  answered: ${[...answered].join(', ')}`);
      await shot(page, 'simulate-dial.png');
    });

    await step(page, 'squiggles and Problems entries on a broken copy', async () => {
      await runCommand(page, 'View: Close All Editors');
      await page.locator('.editor-group-container .tab').first().waitFor({ state: 'detached', timeout: 10_000 });
      await quickOpen(page, 'sip.conf', { inFolder: 'broken' });
      await page.locator('.editor-group-container.active .view-line', { hasText: 'insecure=very' }).first().waitFor();
      await page.locator('.editor-group-container.active .squiggly-error').first().waitFor({ state: 'attached', timeout: 60_000 });
      const panel = await problemsPanel(page);
      for (const [code, text] of [['invalid-insecure', /Unknown insecure mode 'very'/], ['missing-secret', /TestPhone-B/]]) {
        await panel.locator('.monaco-list-row', { hasText: code }).filter({ hasText: text }).first().waitFor({ timeout: 30_000 });
      }
      const rows = (await panel.locator('.monaco-list-row').allInnerTexts()).map((t) => norm(t).replace(/\s+/g, ' ').slice(0, 120));
      log(`  problems: ${rows.length} rows, e.g. ${JSON.stringify(rows.slice(0, 4))}`);
      await gotoLine(page, broken.insecureLine, 10);
      await shot(page, 'diagnostics-problems.png');
    });

    await step(page, 'quick fix: insecure=very → insecure=port,invite', async () => {
      if (!(await editorText(page)).includes('insecure=very')) await quickOpen(page, 'sip.conf', { inFolder: 'broken' });
      await gotoLine(page, broken.insecureLine, 11);
      await page.keyboard.press('Control+.');
      const fix = page.locator('.action-widget .monaco-list-row, .context-view .monaco-list-row', { hasText: 'insecure=port,invite' }).first();
      await fix.waitFor({ state: 'visible', timeout: 20_000 });
      await shot(page, 'quick-fix.png');
      await fix.click();
      await page.locator('.editor-group-container.active .view-line', { hasText: /^insecure=port,invite$/ }).first().waitFor({ timeout: 15_000 });
      if ((await editorText(page)).includes('insecure=very')) throw new Error('insecure=very is still in the editor');
      const panel = await problemsPanel(page);
      await panel.locator('.monaco-list-row', { hasText: 'invalid-insecure' }).first().waitFor({ state: 'detached', timeout: 30_000 });
      await page.locator('.editor-group-container.active .tab.active').click(); // focus the editor
      await page.keyboard.press('Control+S');
      await waitFor('the fixed sip.conf on disk', () => /^insecure=port,invite$/m.test(readFileSync(join(broken.dir, 'sip.conf'), 'utf8')), { timeoutMs: 15_000 });
      await page.locator('.tab.active.dirty').waitFor({ state: 'detached', timeout: 15_000 });
    });
  } finally {
    await browser?.close();
    await server.stop();
    removeTemp(workspace);
  }
  const count = (s) => steps.filter((x) => x.status === s).length;
  return { passed: count('passed'), failed: count('failed'), skipped: count('skipped'), steps };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  try {
    const r = await runWalkthrough();
    log(`UI walkthrough: ${r.passed} passed, ${r.failed} failed, ${r.skipped} skipped`);
    process.exit(r.failed === 0 ? 0 : 1);
  } catch (e) {
    log(`FAILED: ${e.message}`);
    process.exit(1);
  }
}
