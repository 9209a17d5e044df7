import { expect, test, type Page } from '@playwright/test';
import fs from 'node:fs';
import path from 'node:path';
import { ensureLargeMapping, LARGE_MAPPING, LARGE_PAYLOAD } from '../../e2e/support/large-mapping';
import { formatTable, median, type Measure } from './stats';

/**
 * Two timings of the mapping editor, both taken inside the page with `performance.now()` so the test driver's
 * own round trips stay out of the figures (bench/README.md, "UI timings"):
 *   open → interactive: navigation start to the canvas having measured its nodes (the editor's performance mark);
 *   link → preview: the link edit landing in the editor store to the live preview committing the voucher it made.
 */

const OPEN_RUNS = Number(process.env.BENCH_OPEN_RUNS ?? 7);
const LINK_RUNS = Number(process.env.BENCH_LINK_RUNS ?? 9);
const MARK = 'ledgerlink:editor-interactive';

interface Scenario {
  label: string;
  mapping: string;
  linkTargetMs: number;
  /** Brings the payload the preview should run on, and the two fields to link, into view. */
  prepare(page: Page): Promise<void>;
  /** One link, made as an analyst makes it: a form field dragged onto a voucher field. */
  link(page: Page): Promise<void>;
}

const SCENARIOS: Scenario[] = [
  {
    label: 'DingTalk demo',
    mapping: 'travel-reimbursement.dingtalk-kingdee',
    linkTargetMs: 50,
    async prepare(page) {
      await page.getByTestId('editor-target-tree').getByRole('searchbox').fill('职员');
    },
    async link(page) {
      await page.getByTestId('source-field-InnerContactField_1R9B45BYVYE80').dragTo(page.getByTestId('target-field-inputVat-employee'));
    },
  },
  {
    label: 'large form',
    mapping: LARGE_MAPPING,
    linkTargetMs: 150,
    async prepare(page) {
      // No stored sample comes from this form: run the preview on the pasted instance, as an analyst would.
      const preview = page.getByTestId('editor-preview');
      await preview.getByRole('tab', { name: '粘贴或上传 JSON' }).click();
      await preview.locator('#preview-payload').fill(LARGE_PAYLOAD);
      await preview.getByRole('button', { name: '运行预览' }).click();
      await expect(preview.getByTestId('preview-status')).toContainText('借贷平衡', { timeout: 30_000 });
      await page.getByTestId('editor-source-tree').getByRole('searchbox').fill('L0301');
      await page.getByTestId('editor-target-tree').getByRole('searchbox').fill('部门');
    },
    async link(page) {
      await page.getByTestId('source-field-TextField_L0301').dragTo(page.getByTestId('target-field-debit1-department'));
    },
  },
];

const editUrl = (mapping: string) => `/mappings/${mapping}/edit`;

async function openToInteractive(page: Page, mapping: string): Promise<number> {
  await page.goto(editUrl(mapping));
  const handle = await page.waitForFunction((mark) => performance.getEntriesByName(mark)[0]?.startTime, MARK, { timeout: 60_000 });
  return (await handle.jsonValue()) as number;
}

/** The timing stamps the live preview leaves once it has committed a voucher for the latest edit. */
async function previewStamp(page: Page) {
  return page.getByTestId('editor-preview-timing').evaluate((el) => {
    const d = (el as HTMLElement).dataset;
    return {
      editedAt: Number(d.previewEditedAt ?? NaN),
      sentAt: Number(d.previewSentAt ?? NaN),
      receivedAt: Number(d.previewReceivedAt ?? NaN),
      renderedAt: Number(d.previewRenderedAt ?? NaN),
    };
  });
}

async function nextPreview(page: Page, after: number) {
  await page.waitForFunction(
    (after) => {
      const el = document.querySelector<HTMLElement>('[data-testid="editor-preview-timing"]');
      return Number(el?.dataset.previewEditedAt ?? 0) > after;
    },
    after,
    { timeout: 30_000 },
  );
  return previewStamp(page);
}

test('editor open and link → preview timings', async ({ browser }) => {
  const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1440, height: 900 } });
  await ensureLargeMapping(context.request);
  const rows: Measure[] = [];
  // Where the link's time goes: the editor re-rendering the edit, the preview run, the preview re-rendering.
  const breakdown: { mapping: string; editor: number[]; run: number[]; render: number[] }[] = [];
  for (const s of SCENARIOS) {
    // An analyst who has used the studio before: scripts cached, so one discarded warm-up load first.
    const opens: number[] = [];
    for (let i = 0; i <= OPEN_RUNS; i++) {
      const page = await context.newPage();
      const t = await openToInteractive(page, s.mapping);
      if (i > 0) opens.push(t);
      await page.close();
    }
    rows.push({ mapping: s.label, measure: 'open → interactive', samples: opens, targetMs: 1500 });

    const page = await context.newPage();
    await openToInteractive(page, s.mapping);
    await expect(page.getByTestId('editor-preview').getByTestId('preview-status')).toBeVisible({ timeout: 30_000 });
    await s.prepare(page);
    const links: number[] = [];
    const phases = { editor: [] as number[], run: [] as number[], render: [] as number[] };
    let last = (await previewStamp(page)).editedAt || 0;
    for (let i = 0; i <= LINK_RUNS; i++) {
      await s.link(page);
      const shown = await nextPreview(page, last);
      if (i > 0) {
        links.push(shown.renderedAt - shown.editedAt);
        phases.editor.push(shown.sentAt - shown.editedAt);
        phases.run.push(shown.receivedAt - shown.sentAt);
        phases.render.push(shown.renderedAt - shown.receivedAt);
      }
      // Take the link back so the next repetition makes the same new link again.
      await page.getByTestId('editor-undo').click();
      last = (await nextPreview(page, shown.editedAt)).editedAt;
    }
    rows.push({ mapping: s.label, measure: 'link → preview updated', samples: links, targetMs: s.linkTargetMs });
    breakdown.push({ mapping: s.label, ...phases });
    await page.close();
  }
  await context.close();
  const table = formatTable(rows);
  const split = breakdown.map((b) => `${b.mapping}: editor ${median(b.editor).toFixed(1)} ms · run ${median(b.run).toFixed(1)} ms · preview render ${median(b.render).toFixed(1)} ms`);
  console.log(`\n${table}\n\nlink → preview, medians by phase\n${split.join('\n')}\n`);
  const out = path.join(__dirname, '..', '..', 'test-results', 'bench-ui.json');
  fs.mkdirSync(path.dirname(out), { recursive: true });
  fs.writeFileSync(out, JSON.stringify({ rows, breakdown }, null, 2));
});
