// The grid behaves like a spreadsheet: navigation, typing, F2, Esc, Delete,
// invalid values, live totals and ranks, paste, copy, fill, undo/redo, IME.
import { test, expect } from '@playwright/test';
import { watchConsole, num, cell, total, rank, editor, ranksOf, rankWord, addUnit } from './helpers.mjs';

const HT = 'UBND thành phố Hà Tĩnh';
const HL = 'UBND thị xã Hồng Lĩnh';
const UNITS = [HT, HL, 'UBND thị xã Kỳ Anh', 'UBND huyện Cẩm Xuyên', 'UBND huyện Đức Thọ', 'UBND huyện Hương Sơn'];
const SELF = 'Tự chấm';
const BLOC = 'Khối chấm';
const VERIFY = 'Thẩm định';

let errors;
test.beforeEach(async ({ page }) => {
  errors = watchConsole(page);
  await page.setViewportSize({ width: 2400, height: 1100 });
  await page.goto('./');
  await expect(page.getByRole('grid', { name: 'Phiếu chấm' })).toBeVisible();
});
test.afterEach(() => expect(errors).toEqual([]));

test('arrows, Tab, Enter and their Shift forms move the active cell', async ({ page }) => {
  await cell(page, HT, 'I.2', SELF).click();
  const at = () => editor(page).getAttribute('aria-label');
  expect(await at()).toBe(`${HT} · I.2 · ${SELF}`);
  await page.keyboard.press('ArrowRight');
  expect(await at()).toBe(`${HT} · I.2 · ${BLOC}`);
  await page.keyboard.press('ArrowDown');
  expect(await at()).toBe(`${HT} · I.3 · ${BLOC}`);
  await page.keyboard.press('Tab');
  expect(await at()).toBe(`${HT} · I.3 · ${VERIFY}`);
  await page.keyboard.press('Tab');
  expect(await at()).toBe(`${HL} · I.3 · ${SELF}`);
  await page.keyboard.press('Shift+Tab');
  await page.keyboard.press('Shift+Tab');
  expect(await at()).toBe(`${HT} · I.3 · ${BLOC}`);
  await page.keyboard.press('Enter');
  expect(await at()).toBe(`${HT} · I.4 · ${BLOC}`);
  await page.keyboard.press('Shift+Enter');
  await page.keyboard.press('ArrowUp');
  expect(await at()).toBe(`${HT} · I.2 · ${BLOC}`);
});

test('typing replaces, F2 edits, Esc cancels, Delete clears; totals follow', async ({ page }) => {
  const c = cell(page, HT, 'I.2', SELF);
  const old = num(await c.innerText());
  const before = num(await total(page, HT, SELF).innerText());
  await c.click();
  await page.keyboard.type('6,5'); // the first keystroke starts the edit
  await page.keyboard.press('Enter');
  await expect(c).toHaveText('6,5');
  await expect(total(page, HT, SELF)).toHaveText(String(before - old + 6.5).replace('.', ','));
  // Esc leaves the cell as it was.
  await c.click();
  await page.keyboard.type('3');
  await page.keyboard.press('Escape');
  await expect(c).toHaveText('6,5');
  // F2 keeps the text and appends.
  await page.keyboard.press('F2');
  await page.keyboard.type('5');
  await page.keyboard.press('Enter');
  await expect(c).toHaveText('6,55');
  // Delete clears.
  await c.click();
  await page.keyboard.press('Delete');
  await expect(c).toHaveText('');
  // One criterion left blank: the total says the stage is not complete.
  await expect(total(page, HT, SELF)).toHaveText(`${String(before - old).replace('.', ',')} · chưa đủ 21/22`);
});

test('an invalid value stays as typed, shows red with its reason, and is left out', async ({ page }) => {
  const c = cell(page, HT, 'I.2', SELF); // max 8
  const old = num(await c.innerText());
  const before = num(await total(page, HT, SELF).innerText());
  await c.click();
  await page.keyboard.type('12');
  await page.keyboard.press('Enter');
  await expect(c).toHaveText('12');
  await expect(c).toHaveClass(/invalid/);
  await expect(c).toHaveAttribute('title', 'Vượt điểm chuẩn (8)');
  await expect(c).toHaveAttribute('aria-invalid', 'true');
  const t = await total(page, HT, SELF).innerText();
  expect(t).toContain('⚠');
  expect(num(t)).toBeCloseTo(before - old, 6);
  // Focus shows the reason too.
  await c.click();
  await expect(page.getByRole('status').last()).toContainText('Vượt điểm chuẩn (8)');
  for (const [typed, why] of [['-1', 'Điểm không được âm'], ['abc', 'Không phải là số']]) {
    await page.keyboard.type(typed);
    await page.keyboard.press('Enter');
    await page.keyboard.press('ArrowUp');
    await expect(c).toHaveText(typed);
    await expect(c).toHaveAttribute('title', why);
  }
});

test('ranks update after an edit', async ({ page }) => {
  const read = async () => Promise.all(UNITS.map(async (u) => num(await total(page, u, SELF).innerText())));
  const totals = await read();
  const top = UNITS[totals.indexOf(Math.max(...totals))];
  await expect(rank(page, top, SELF)).toHaveText('Nhất');
  // Drop the leader's biggest criterion to zero.
  await cell(page, top, 'I.1', SELF).click();
  await page.keyboard.type('0');
  await page.keyboard.press('Enter');
  const after = await read();
  expect(after).not.toEqual(totals);
  const ranks = ranksOf(after);
  for (const [i, u] of UNITS.entries()) {
    await expect(rank(page, u, SELF)).toHaveText(rankWord(ranks[i]));
  }
  await expect(rank(page, top, SELF)).not.toHaveText('Nhất');
});

async function paste(page, text) {
  await page.evaluate((text) => {
    const dt = new DataTransfer();
    dt.setData('text/plain', text);
    document.querySelector('input.g-editor').dispatchEvent(
      new ClipboardEvent('paste', { clipboardData: dt, bubbles: true, cancelable: true }));
  }, text);
}

test('paste a block from Excel: quoted multi-line cell, decimal commas, trailing newline; one undo step', async ({ page }) => {
  const targets = [cell(page, HT, 'I.2', SELF), cell(page, HT, 'I.2', BLOC), cell(page, HT, 'I.3', SELF), cell(page, HT, 'I.3', BLOC)];
  const before = await Promise.all(targets.map((c) => c.innerText()));
  await targets[0].click();
  await paste(page, '7,25\t7\r\n"ghi\nchú"\t5,5\r\n');
  await expect(targets[0]).toHaveText('7,25');
  await expect(targets[1]).toHaveText('7');
  await expect(targets[2]).toHaveText('ghi\nchú');
  await expect(targets[2]).toHaveClass(/invalid/);
  await expect(targets[3]).toHaveText('5,5');
  await page.keyboard.press('Control+z');
  for (const [i, c] of targets.entries()) await expect(c).toHaveText(before[i]);
  await page.keyboard.press('Control+y');
  await expect(targets[0]).toHaveText('7,25');
  await expect(targets[3]).toHaveText('5,5');
});

test('copy gives TSV of the range; Ctrl+D fills down', async ({ page }) => {
  await cell(page, HT, 'I.2', SELF).click();
  await page.keyboard.press('Shift+ArrowDown');
  await page.keyboard.press('Shift+ArrowRight');
  const copied = await page.evaluate(() => {
    const dt = new DataTransfer();
    document.querySelector('input.g-editor').dispatchEvent(
      new ClipboardEvent('copy', { clipboardData: dt, bubbles: true, cancelable: true }));
    return dt.getData('text/plain');
  });
  const want = [
    [await cell(page, HT, 'I.2', SELF).innerText(), await cell(page, HT, 'I.2', BLOC).innerText()],
    [await cell(page, HT, 'I.3', SELF).innerText(), await cell(page, HT, 'I.3', BLOC).innerText()],
  ].map((r) => r.join('\t')).join('\r\n') + '\r\n';
  expect(copied).toBe(want);
  // Fill down I.2 over I.3 and I.4.
  await cell(page, HT, 'I.2', SELF).click();
  await page.keyboard.press('Shift+ArrowDown');
  await page.keyboard.press('Shift+ArrowDown');
  await page.keyboard.press('Control+d');
  const v = await cell(page, HT, 'I.2', SELF).innerText();
  await expect(cell(page, HT, 'I.3', SELF)).toHaveText(v);
  await expect(cell(page, HT, 'I.4', SELF)).toHaveText(v);
  await page.keyboard.press('Control+z');
  await expect(cell(page, HT, 'I.4', SELF)).not.toHaveText(v);
});

test('IME composition is neither intercepted nor re-rendered', async ({ page }) => {
  const c = cell(page, HT, 'I.2', VERIFY);
  await c.click();
  const ed = await editor(page).elementHandle();
  await page.evaluate(() => {
    const el = document.querySelector('input.g-editor');
    el.dispatchEvent(new CompositionEvent('compositionstart', { data: '', bubbles: true }));
    for (const v of ['Đ', 'Đa', 'Đạ', 'Đạt']) {
      el.value = v;
      el.dispatchEvent(new CompositionEvent('compositionupdate', { data: v, bubbles: true }));
      el.dispatchEvent(new InputEvent('input', { data: v, isComposing: true, bubbles: true }));
      // Keys during composition belong to the IME: Enter must not commit.
      el.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', isComposing: true, bubbles: true, cancelable: true }));
    }
    el.dispatchEvent(new CompositionEvent('compositionend', { data: 'Đạt', bubbles: true }));
  });
  expect(await ed.evaluate((el) => el.isConnected && el.value)).toBe('Đạt');
  await expect(c).toHaveText('');
  await page.keyboard.press('Enter');
  await expect(c).toHaveText('Đạt');
  await expect(c).toHaveClass(/invalid/);
});

test('weights, maxima, units and criteria are editable and undoable', async ({ page }) => {
  const sec = page.getByRole('gridcell', { name: 'I · Điểm chuẩn', exact: true });
  await expect(sec).toHaveText('40');
  await page.getByRole('gridcell', { name: 'I.2 · Điểm chuẩn', exact: true }).click();
  await page.keyboard.type('10');
  await page.keyboard.press('Enter');
  await expect(sec).toHaveText('42');
  const before = num(await total(page, HT, SELF).innerText());
  const v = num(await cell(page, HT, 'I.2', SELF).innerText());
  await page.getByRole('gridcell', { name: 'I.2 · Hệ số', exact: true }).click();
  await page.keyboard.type('2');
  await page.keyboard.press('Enter');
  await expect(total(page, HT, SELF)).toHaveText(String(before + v).replace('.', ','));
  await page.keyboard.press('Control+z');
  await page.keyboard.press('Control+z');
  await expect(sec).toHaveText('40');
  await expect(total(page, HT, SELF)).toHaveText(String(before).replace('.', ','));

  // Units: add, rename, remove, each undoable.
  await page.getByRole('button', { name: 'Đơn vị…' }).click();
  const dialog = await addUnit(page, 7, 'UBND huyện Vũ Quang');
  await dialog.getByRole('button', { name: 'Xóa 1' }).click();
  await dialog.getByRole('button', { name: 'Đóng' }).click();
  await expect(page.getByRole('columnheader', { name: `UBND huyện Vũ Quang · ${SELF}` })).toBeVisible();
  await expect(page.getByRole('columnheader', { name: `${HT} · ${SELF}` })).toHaveCount(0);
  await page.getByRole('button', { name: '↶ Hoàn tác' }).click();
  await expect(page.getByRole('columnheader', { name: `${HT} · ${SELF}` })).toHaveCount(1);

  // Criteria: remove one with its scores, then undo.
  await cell(page, HT, 'II.2', SELF).click();
  const sectionII = page.getByRole('gridcell', { name: 'II · Điểm chuẩn', exact: true });
  await expect(sectionII).toHaveText('25');
  await page.getByRole('button', { name: 'Xóa tiêu chí' }).click();
  await expect(cell(page, HT, 'II.2', SELF)).toHaveCount(0);
  await expect(sectionII).toHaveText('20');
  await page.keyboard.press('Control+z');
  await expect(sectionII).toHaveText('25');
  await expect(cell(page, HT, 'II.2', SELF)).not.toHaveText('');
});

test('a paper column typed with Enter lands in every criterion, in order', async ({ page }) => {
  const errors = watchConsole(page);
  // Tall enough to render every row of the sample at once.
  await page.setViewportSize({ width: 1366, height: 2600 });
  await page.goto('./');
  const unit = 'UBND thành phố Hà Tĩnh';
  const column = page.getByRole('gridcell', { name: new RegExp(`^${unit} · .* · Khối chấm$`) });
  const takes = column.and(page.locator(':not([aria-readonly="true"])'));
  const n = await takes.count();
  expect(n).toBeGreaterThan(10);
  expect(await column.count()).toBeGreaterThan(n); // sections and guidance between
  // Clear the column first (the sample has bloc scores).
  for (let i = 0; i < n; i++) {
    await takes.nth(i).click();
    await page.keyboard.press('Delete');
  }
  await takes.first().click();
  const values = Array.from({ length: n }, (_, i) => `${(i % 9) + 1},${(i % 4) * 25}`.replace(/,0$/, ''));
  for (const v of values) {
    await page.keyboard.type(v);
    await page.keyboard.press('Enter');
  }
  for (let i = 0; i < n; i++) {
    await expect(takes.nth(i)).toHaveText(values[i]);
  }
  expect(errors).toEqual([]);
});

test('typing on a section total keeps the text and says why beside the cell', async ({ page }) => {
  await page.goto('./');
  const total = page.getByRole('gridcell', { name: 'UBND thành phố Hà Tĩnh · I · Tự chấm', exact: true });
  await total.click();
  await page.keyboard.type('37');
  await page.keyboard.press('Enter');
  const bubble = page.locator('.g-refusal');
  await expect(bubble).toBeVisible();
  await expect(bubble).toContainText('tính tự động');
  await expect(page.locator('input.g-editor')).toHaveValue('37');
  // The bubble sits right under the cell, not somewhere below the fold.
  const cellBox = await total.boundingBox();
  const bubbleBox = await bubble.boundingBox();
  expect(Math.abs(bubbleBox.y - (cellBox.y + cellBox.height))).toBeLessThan(12);
  await page.keyboard.press('Escape');
  await expect(bubble).toHaveCount(0);
});

test('the bubble beside a cell at the grid’s right edge stays inside the grid', async ({ page }) => {
  await page.setViewportSize({ width: 1366, height: 768 });
  await page.goto('./');
  // The rightmost whole cell of section I's row.
  const label = await page.evaluate(() => {
    const grid = document.querySelector('[role=grid]').getBoundingClientRect();
    const cells = [...document.querySelectorAll('[role=gridcell]')]
      .filter((c) => / · I · /.test(c.getAttribute('aria-label') || ''))
      .map((c) => [c.getAttribute('aria-label'), c.getBoundingClientRect()])
      .filter(([, r]) => r.right <= grid.right && r.width > 0);
    cells.sort((a, b) => b[1].right - a[1].right);
    return cells[0][0];
  });
  const edge = page.getByRole('gridcell', { name: label, exact: true });
  const e = await edge.boundingBox();
  const g0 = await page.getByRole('grid', { name: 'Phiếu chấm' }).boundingBox();
  expect(g0.x + g0.width - (e.x + e.width)).toBeLessThan(200);
  await edge.click();
  await page.keyboard.type('37');
  await page.keyboard.press('Enter');
  const bubble = page.locator('.g-refusal');
  await expect(bubble).toBeVisible();
  const b = await bubble.boundingBox();
  const g = await page.getByRole('grid', { name: 'Phiếu chấm' }).boundingBox();
  // Cut off mid-word at the edge before (seen at 1366×768).
  expect(b.x + b.width).toBeLessThanOrEqual(g.x + g.width + 1);
  expect(b.x).toBeGreaterThanOrEqual(g.x - 1);
  await page.keyboard.press('Escape');
});

for (const [w, h] of [[1366, 768], [1280, 720]]) {
  test(`at ${w}×${h} the page does not scroll: the grid takes the rest of the window`, async ({ page }) => {
    await page.setViewportSize({ width: w, height: h });
    await page.goto('./');
    await expect(page.getByRole('grid', { name: 'Phiếu chấm' })).toBeVisible();
    const [scroll, inner] = await page.evaluate(() => [document.scrollingElement.scrollHeight, innerHeight]);
    expect(scroll).toBeLessThanOrEqual(inner);
    const grid = await page.getByRole('grid', { name: 'Phiếu chấm' }).boundingBox();
    expect(grid.y + grid.height).toBeGreaterThan(h - 40);
    // Nor on the other tabs: each view scrolls inside itself.
    for (const tab of ['Tổng hợp', 'Thẩm định']) {
      await page.getByRole('tab', { name: tab }).click();
      await expect(page.getByRole('tab', { name: tab })).toHaveAttribute('aria-selected', 'true');
      const [s2, i2] = await page.evaluate(() => [document.scrollingElement.scrollHeight, innerHeight]);
      expect(s2).toBeLessThanOrEqual(i2);
    }
    // The workspace bar stays on one line.
    const bar = await page.locator('.ws-bar').boundingBox();
    expect(bar.height).toBeLessThan(40);
  });
}

test('each unit’s name stays over all its stage columns, also after scrolling sideways', async ({ page }) => {
  await page.setViewportSize({ width: 1366, height: 768 });
  await page.goto('./');
  const grid = page.getByRole('grid', { name: 'Phiếu chấm' });
  await grid.evaluate((g) => { g.scrollLeft = 1000; });
  await page.waitForTimeout(100);
  // Every stage column header on screen has its unit's name right above it.
  const heads = await page.locator('.g-unit').evaluateAll((groups) => {
    const gridBox = document.querySelector('.grid').getBoundingClientRect();
    const frozen = document.querySelector('.g-h.fz-last').getBoundingClientRect().right;
    return groups.map((g) => {
      const name = g.querySelector('.g-unit-name span').getBoundingClientRect();
      const cols = [...g.querySelectorAll('[role=columnheader]')].map((c) => c.getBoundingClientRect());
      const seen = cols.filter((c) => c.right > frozen + 4 && c.left < gridBox.right);
      return { text: g.querySelector('.g-unit-name span').textContent, seen: seen.length, nameLeft: name.left, nameRight: name.right, first: seen[0]?.left, last: seen.at(-1)?.right, frozen };
    }).filter((g) => g.seen > 0);
  });
  expect(heads.length).toBeGreaterThan(1);
  for (const h of heads) {
    expect(h.text.length).toBeGreaterThan(2);
    // The name is drawn over the visible part of its group, right of the frozen columns.
    expect(h.nameLeft).toBeGreaterThanOrEqual(h.frozen - 1);
    expect(h.nameLeft).toBeGreaterThanOrEqual(h.first - 1);
    // …at the left of what is visible of the group, not pushed to its end.
    expect(h.nameLeft).toBeLessThan(Math.max(h.first, h.frozen) + 12);
  }
  // Short names are derived: "UBND huyện Cẩm Xuyên" shows as "Cẩm Xuyên".
  await expect(page.locator('.g-unit-name span', { hasText: /^Cẩm Xuyên$/ })).toHaveCount(1);
});

test('the line above the grid says where the cursor is and what is typed', async ({ page }) => {
  await page.goto('./');
  await cell(page, HT, 'I.2', 'Khối chấm').click();
  const where = page.getByRole('status', { name: 'Ô đang chọn' });
  await expect(where).toContainText('TP Hà Tĩnh · Khối chấm');
  await expect(where).toContainText('I.2 Thu ngân sách');
  await expect(where).toContainText('Điểm chuẩn 8');
  await page.keyboard.type('9,5');
  await expect(where).toContainText('9,5');
  await page.keyboard.press('Enter');
  await page.keyboard.press('ArrowUp');
  await expect(where).toContainText('Vượt điểm chuẩn (8)');
});

test('a total scored in part shows its number over a short mark, and explains itself', async ({ page }) => {
  await page.setViewportSize({ width: 1366, height: 768 });
  await page.goto('./');
  const c = cell(page, HT, 'I.2', SELF);
  await c.click();
  await page.keyboard.press('Delete');
  const t = total(page, HT, SELF);
  await expect(t.locator('.n')).toBeVisible();
  const mark = t.locator('.mark');
  await expect(mark).toHaveText('chưa đủ 21/22');
  // Neither the number nor the mark is cut in the 96 px column.
  for (const part of [t.locator('.n'), mark]) {
    expect(await part.evaluate((e) => e.scrollWidth <= e.clientWidth)).toBe(true);
  }
  await expect(t).toHaveAttribute('title', /chưa đủ: còn 1\/22 tiêu chí chưa có điểm\. Chưa xếp hạng, xếp loại đến khi đủ\./);
  // Clicked, the line above the grid says it whole; moving on, the cell's.
  await t.click();
  const where = page.getByRole('status', { name: 'Ô đang chọn' });
  await expect(where).toContainText('TP Hà Tĩnh · Tự chấm');
  await expect(where).toContainText('TỔNG ĐIỂM');
  await expect(where).toContainText('còn 1/22 tiêu chí chưa có điểm');
  await page.keyboard.press('ArrowDown');
  await expect(where).not.toContainText('TỔNG ĐIỂM');
});

test('long criteria wrap to three lines; the text column is dragged wider and stays so', async ({ page }) => {
  await page.setViewportSize({ width: 1366, height: 768 });
  await page.goto('./');
  // Make a criterion's text long.
  const text = page.getByRole('rowheader', { name: /^Thu ngân sách/ });
  await text.dblclick();
  await page.keyboard.press('Control+a');
  await page.keyboard.type('Thu ngân sách nhà nước trên địa bàn đạt và vượt dự toán được giao, trong đó thu nội địa tăng so với cùng kỳ năm trước, không tính tiền sử dụng đất');
  await page.keyboard.press('Enter');
  const row = page.getByRole('row').filter({ has: page.getByRole('rowheader', { name: /^Thu ngân sách nhà nước trên địa bàn đạt và vượt/ }) });
  const tall = (await row.boundingBox()).height;
  expect(tall).toBeGreaterThan(45);
  // Drag the text column's edge 200 px to the right.
  const edge = page.getByRole('separator', { name: 'Kéo để đổi độ rộng cột nội dung' });
  const box = await edge.boundingBox();
  await page.mouse.move(box.x + 3, box.y + 10);
  await page.mouse.down();
  await page.mouse.move(box.x + 203, box.y + 10, { steps: 5 });
  await page.mouse.up();
  const header = page.getByRole('columnheader', { name: 'Nội dung tiêu chí' });
  const wide = (await header.boundingBox()).width;
  expect(wide).toBeGreaterThan(560);
  // A wider column needs fewer lines.
  expect((await row.boundingBox()).height).toBeLessThan(tall);
  await expect(page.locator('.save-state')).toContainText('Đã lưu lúc');
  await page.reload();
  expect(Math.abs((await header.boundingBox()).width - wide)).toBeLessThan(2);
});

test('on a tablet the frozen columns narrow so three score columns show; one unit takes the free width', async ({ page }) => {
  await page.setViewportSize({ width: 800, height: 1000 });
  await page.goto('./');
  const grid = await page.getByRole('grid', { name: 'Phiếu chấm' }).boundingBox();
  const shown = await page.getByRole('columnheader', { name: /· (Tự chấm|Khối chấm|Thẩm định)$/ }).evaluateAll(
    (hs, right) => hs.filter((h) => h.getBoundingClientRect().right <= right + 1).length, grid.x + grid.width);
  expect(shown).toBeGreaterThanOrEqual(3);
  await page.setViewportSize({ width: 1366, height: 768 });
  await page.getByLabel('Đơn vị:').selectOption({ label: 'UBND huyện Cẩm Xuyên' });
  // One unit, one stage (its score and note columns): the text takes the rest.
  await page.getByRole('checkbox', { name: 'Tự chấm' }).uncheck();
  await page.getByRole('checkbox', { name: 'Thẩm định' }).uncheck();
  const text = (await page.getByRole('columnheader', { name: 'Nội dung tiêu chí' }).boundingBox()).width;
  expect(text).toBeGreaterThan(650);
});

test('a section nobody scored in a stage shows blank, not 0', async ({ page }) => {
  await page.goto('./');
  await cell(page, HT, 'II.1', 'Thẩm định').click();
  await page.keyboard.type('6');
  await page.keyboard.press('Enter');
  await expect(cell(page, HT, 'II', 'Thẩm định')).toHaveText('6');
  await expect(cell(page, HT, 'I', 'Thẩm định')).toHaveText('');
});
