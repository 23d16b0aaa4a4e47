// make bench: the export's fair peer. ExcelJS writes, in the page, the same
// workbook as our export: same sheets, cells (styled blanks included),
// formulas with their cached values, styles per kind of cell, merged cells,
// column widths, row heights, hidden columns, print setup and print titles.
//
// describeBook() reads OUR exported file (made natively by `chamdiem export`,
// the same code the worker runs) into a plain description, outside any
// timing; writeWithExcelJS() is run in the page and builds the workbook from
// that description through ExcelJS's API, as an app using ExcelJS would from
// its own model, then writes it (ExcelJS's default: deflated, shared
// strings). structure() counts what a written file holds, so the bench can
// show both files carry the same work.
import { readFileSync } from 'node:fs';
import { inflateRawSync } from 'node:zlib';
import ExcelJS from 'exceljs';

/** The entries of a zip, name → inflated bytes (stored or deflated only). */
export function unzip(buf) {
  let eocd = buf.length - 22;
  while (eocd >= 0 && buf.readUInt32LE(eocd) !== 0x06054b50) eocd--;
  const count = buf.readUInt16LE(eocd + 10);
  let at = buf.readUInt32LE(eocd + 16);
  const out = new Map();
  for (let i = 0; i < count; i++) {
    const method = buf.readUInt16LE(at + 10);
    const csize = buf.readUInt32LE(at + 20);
    const nlen = buf.readUInt16LE(at + 28);
    const name = buf.toString('utf8', at + 46, at + 46 + nlen);
    const local = buf.readUInt32LE(at + 42);
    const start = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
    const data = buf.subarray(start, start + csize);
    out.set(name, method === 0 ? data : inflateRawSync(data));
    at += 46 + nlen + buf.readUInt16LE(at + 30) + buf.readUInt16LE(at + 32);
  }
  return out;
}

const unescape = (s) => s.replace(/&(lt|gt|amp|quot|apos|#(\d+)|#x([0-9a-fA-F]+));/g, (_, e, d, h) =>
  ({ lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" }[e] ?? String.fromCodePoint(d ? Number(d) : parseInt(h, 16))));
const attrs = (tag) => Object.fromEntries([...tag.matchAll(/([\w:]+)="([^"]*)"/g)].map((m) => [m[1], unescape(m[2])]));
const colNum = (ref) => [...ref.replace(/\d+$/, '')].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);

/** Our exported workbook as a plain description ExcelJS can rebuild. */
export async function describeBook(file) {
  const bytes = readFileSync(file);
  const zip = unzip(bytes);
  const text = (n) => zip.get(n).toString('utf8');
  const strings = [...text('xl/sharedStrings.xml').matchAll(/<si>(.*?)<\/si>/gs)]
    .map((m) => unescape([...m[1].matchAll(/<t[^>]*>(.*?)<\/t>/gs)].map((t) => t[1]).join('')));
  const book = text('xl/workbook.xml');
  const rels = Object.fromEntries([...text('xl/_rels/workbook.xml.rels').matchAll(/<Relationship [^>]*>/g)]
    .map((m) => attrs(m[0])).map((a) => [a.Id, a.Target.replace(/^\/?(xl\/)?/, 'xl/')]));
  const titles = {};
  for (const m of book.matchAll(/<definedName ([^>]*)>([^<]*)<\/definedName>/g)) {
    const a = attrs(m[1]);
    if (a.name === '_xlnm.Print_Titles') titles[a.localSheetId] = unescape(m[2]).replace(/^.*!/, '').replace(/\$/g, '');
  }
  // Styles: ExcelJS's own reading of each xf (font, fill, border,
  // alignment, number format), taken from the first cell that uses it.
  const wbRead = new ExcelJS.Workbook();
  await wbRead.xlsx.load(bytes);
  const styles = {};
  const sheets = [];
  [...book.matchAll(/<sheet [^>]*>/g)].forEach((m, idx) => {
    const a = attrs(m[0]);
    const xml = text(rels[a['r:id']]);
    const read = wbRead.worksheets[idx];
    const sheet = { name: a.name, state: a.state || 'visible', cols: [], rows: [], merges: [], page: null };
    for (const c of xml.matchAll(/<col [^>]*\/>/g)) {
      const ca = attrs(c[0]);
      sheet.cols.push({ min: +ca.min, max: +ca.max, width: +ca.width, hidden: ca.hidden === '1' });
    }
    for (const r of xml.matchAll(/<row ([^>]*?)(?:\/>|>(.*?)<\/row>)/gs)) {
      const ra = attrs(r[1]);
      const row = { r: +ra.r, ht: ra.customHeight === '1' ? +ra.ht : null, cells: [] };
      for (const c of (r[2] || '').matchAll(/<c ([^>]*?)(?:\/>|>(.*?)<\/c>)/gs)) {
        const ca = attrs(c[1]);
        const body = c[2] || '';
        const f = body.match(/<f>(.*?)<\/f>/s);
        const v = body.match(/<v>(.*?)<\/v>/s);
        const s = ca.s || '0';
        let value = null;
        if (f) {
          const raw = v ? unescape(v[1]) : '';
          value = { formula: unescape(f[1]), result: ca.t === 'str' ? raw : Number(raw) };
        } else if (v) {
          value = ca.t === 's' ? strings[+v[1]] : ca.t === 'b' ? v[1] === '1' : Number(v[1]);
        }
        if (!(s in styles)) styles[s] = JSON.parse(JSON.stringify(read.getCell(ca.r).style || {}));
        row.cells.push([colNum(ca.r), value, s]);
      }
      sheet.rows.push(row);
    }
    for (const mc of xml.matchAll(/<mergeCell ref="([^"]+)"\/>/g)) sheet.merges.push(mc[1]);
    const ps = xml.match(/<pageSetup [^>]*\/>/);
    if (ps) {
      const pa = attrs(ps[0]);
      const pm = attrs(xml.match(/<pageMargins [^>]*\/>/)[0]);
      sheet.page = {
        paperSize: +pa.paperSize || undefined,
        orientation: pa.orientation,
        fitToPage: /fitToPage="1"/.test(xml),
        fitToWidth: pa.fitToWidth ? +pa.fitToWidth : 1,
        fitToHeight: pa.fitToHeight ? +pa.fitToHeight : 1,
        horizontalCentered: /horizontalCentered="1"/.test(xml),
        margins: Object.fromEntries(Object.entries(pm).map(([k, x]) => [k, +x])),
        printTitlesRow: titles[idx],
      };
      const footer = xml.match(/<oddFooter>(.*?)<\/oddFooter>/s);
      if (footer) sheet.footer = unescape(footer[1]);
    }
    sheets.push(sheet);
  });
  return { sheets, styles };
}

/**
 * Runs in the page (ExcelJS loaded as a script): builds the described
 * workbook and writes it. Returns the bytes. `probe` is called after each
 * sheet is built (the bench samples the heap there). Styles are made once per kind
 * and shared by reference, as an app would; cells are set row by row.
 */
export async function writeWithExcelJS(desc, probe = () => {}) {
  /* global ExcelJS */
  const wb = new ExcelJS.Workbook();
  for (const sh of desc.sheets) {
    const ws = wb.addWorksheet(sh.name, { state: sh.state });
    for (const c of sh.cols) {
      for (let i = c.min; i <= c.max; i++) {
        const col = ws.getColumn(i);
        col.width = c.width;
        if (c.hidden) col.hidden = true;
      }
    }
    for (const m of sh.merges) ws.mergeCells(m);
    for (const r of sh.rows) {
      const row = ws.getRow(r.r);
      if (r.ht) row.height = r.ht;
      for (const [c, value, s] of r.cells) {
        const cell = row.getCell(c);
        if (value !== null) cell.value = value;
        cell.style = desc.styles[s];
      }
    }
    if (sh.page) {
      ws.pageSetup = { ...sh.page };
      if (sh.footer) ws.headerFooter.oddFooter = sh.footer;
    }
    probe();
  }
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

/** What a written workbook holds, to show both sides did the same work. */
export function structure(bytes) {
  const zip = unzip(Buffer.from(bytes));
  const n = (re) => [...zip.entries()].filter(([k]) => /^xl\/worksheets\/sheet\d+\.xml$/.test(k))
    .reduce((a, [, v]) => a + (v.toString('utf8').match(re) || []).length, 0);
  const styles = zip.get('xl/styles.xml').toString('utf8');
  const xfs = styles.match(/<cellXfs count="(\d+)"/);
  const book = zip.get('xl/workbook.xml').toString('utf8');
  return {
    sheets: (book.match(/<sheet /g) || []).length,
    cells: n(/<c /g),
    formulas: n(/<f>/g),
    cached: n(/<\/f><v>[^<]/g),
    merges: n(/<mergeCell /g),
    xfs: xfs ? +xfs[1] : 0,
    printTitles: (book.match(/_xlnm\.Print_Titles/g) || []).length,
    pageSetups: n(/<pageSetup /g),
    customRows: n(/customHeight="1"/g),
    xml: [...zip.values()].reduce((a, v) => a + v.length, 0),
  };
}
