// Accessibility checks inside a webview: axe-core run in the form's own frame, and the keyboard focus as a person
// tabbing through it would see it.
import fs from 'node:fs';
import path from 'node:path';
import type { Frame, Locator, Page } from 'playwright-core';
import { REPO_ROOT } from '../../scripts/lib/codeServer';

const AXE_SOURCE = fs.readFileSync(path.join(REPO_ROOT, 'node_modules', 'axe-core', 'axe.min.js'), 'utf8');

/** The document inside the visible webview (iframe.webview -> #active-frame), as a Frame that can run scripts. */
export async function webviewDocument(page: Page): Promise<Frame> {
  const outer = await page.locator('iframe.webview:visible').first().elementHandle();
  const outerFrame = await outer?.contentFrame();
  const inner = await outerFrame?.locator('#active-frame').elementHandle();
  const frame = await inner?.contentFrame();
  if (!frame) throw new Error('no visible webview frame');
  return frame;
}

export interface AxeFinding {
  id: string;
  impact: string;
  help: string;
  targets: string[];
}

/**
 * Runs axe-core (WCAG 2.x A and AA rules plus best practices) over the webview's document and returns the serious and
 * critical violations. The script goes in through the DevTools protocol, which the webview's CSP does not apply to.
 */
export async function seriousViolations(frame: Frame): Promise<AxeFinding[]> {
  if (!(await frame.evaluate('typeof window.axe !== "undefined"'))) await frame.evaluate(`${AXE_SOURCE};0`);
  const findings = await frame.evaluate(async () => {
    interface Result {
      id: string;
      impact: string | null;
      help: string;
      nodes: { target: unknown[] }[];
    }
    const axe = (
      window as unknown as { axe: { run(context: Document, options: object): Promise<{ violations: Result[] }> } }
    ).axe;
    const { violations } = await axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] },
      resultTypes: ['violations'],
    });
    return violations.map((v) => ({
      id: v.id,
      impact: v.impact ?? 'unknown',
      help: v.help,
      targets: v.nodes.map((n) => n.target.map(String).join(' ')),
    }));
  });
  return findings.filter((f) => f.impact === 'serious' || f.impact === 'critical');
}

export function describeFindings(findings: readonly AxeFinding[]): string {
  return findings.map((f) => `${f.impact} ${f.id} (${f.help}): ${f.targets.join(', ')}`).join('\n');
}

/** The id (or tag and text) of the element that has the keyboard focus in the webview. */
export function focused(frame: Frame): Promise<string> {
  return frame.evaluate(() => {
    const el = document.activeElement;
    if (!el || el === document.body) return '(body)';
    return el.id || `${el.tagName.toLowerCase()}:${(el.textContent ?? '').trim().slice(0, 30)}`;
  });
}

/** Presses Tab `count` times from the focused element and returns where the focus lands each time. */
export async function tabOrder(page: Page, frame: Frame, count: number, key = 'Tab'): Promise<string[]> {
  const order: string[] = [];
  for (let i = 0; i < count; i++) {
    await page.keyboard.press(key);
    order.push(await focused(frame));
  }
  return order;
}

/** Gives the keyboard focus to the element with `id` inside the webview. */
export async function focusById(frame: Frame, id: string): Promise<void> {
  await frame.locator(`#${id}`).focus();
}

/** The ids an element's aria-describedby names. */
export async function describedBy(frame: Frame, id: string): Promise<string[]> {
  return ((await frame.locator(`#${id}`).getAttribute('aria-describedby')) ?? '').split(/\s+/).filter(Boolean);
}

/** Whether a text put in `id` is announced: the element or an ancestor is a live region (aria-live, alert, status). */
export function isAnnounced(frame: Frame, id: string): Promise<boolean> {
  return frame.evaluate((target) => {
    for (let el = document.getElementById(target); el; el = el.parentElement) {
      const live = el.getAttribute('aria-live');
      if (live === 'polite' || live === 'assertive') return true;
      if (['alert', 'status', 'log'].includes(el.getAttribute('role') ?? '')) return true;
    }
    return false;
  }, id);
}

/** How the cells of a table are laid out: words split across two lines ("reade r"), and cells that wrap at all. */
export interface CellLayout {
  splitWords: string[];
  wrappedCells: number;
}

/** Measures every word of every cell of `table` in the rendered page (one line box per word unless it is split). */
export async function cellLayout(table: Locator): Promise<CellLayout> {
  return table.evaluate((element) => {
    const lineTops = (range: Range): Set<number> =>
      new Set([...range.getClientRects()].filter((r) => r.width > 0).map((r) => Math.round(r.top)));
    const splitWords: string[] = [];
    let wrappedCells = 0;
    for (const cell of element.querySelectorAll('td, th')) {
      const whole = document.createRange();
      whole.selectNodeContents(cell);
      if (lineTops(whole).size > 1) wrappedCells++;
      const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        for (const match of (node.textContent ?? '').matchAll(/\S+/g)) {
          const word = document.createRange();
          word.setStart(node, match.index);
          word.setEnd(node, match.index + match[0].length);
          if (lineTops(word).size > 1) splitWords.push(match[0]);
        }
      }
    }
    return { splitWords, wrappedCells };
  });
}
