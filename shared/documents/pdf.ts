import pdfmake from 'pdfmake';
import type { Content, ContentStack, ContentText, TableCell, TDocumentDefinitions } from 'pdfmake/interfaces';
import { QUOC_HIEU, TIEU_NGU, type Block, type Span } from '../mail/layout';
import { upper } from '../mail/phrases';
import { fontFiles, FONT_FILES } from './fonts';
import type { OfficialDocument, Signature } from './model';

/**
 * An official document as a PDF in the layout of NĐ 30/2020/NĐ-CP, Phụ lục I (thể thức và kỹ thuật trình bày văn bản
 * hành chính; docs/documents.md lists each rule with its item). Only this module imports pdfmake and the fonts: a
 * function that does not render PDFs must not import it (its bundle would carry pdfkit, fontkit and 1.7 MB of fonts).
 */

/** Points per millimetre. */
const MM = 72 / 25.4;

/** Phụ lục I, mục I.4: top and bottom 20–25 mm, left 30–35 mm, right 15–20 mm. The smallest of each. */
export const PAGE_MARGINS_MM = { top: 20, bottom: 20, left: 30, right: 15 } as const;

/** A4 (210 × 297 mm), Phụ lục I mục I.3. */
const A4 = { width: 595.28, height: 841.89 } as const;
const CONTENT_WIDTH = A4.width - (PAGE_MARGINS_MM.left + PAGE_MARGINS_MM.right) * MM;

/** Type sizes (Phụ lục I, mục II): body 13–14, Quốc hiệu 12–13, Tiêu ngữ 13–14, Nơi nhận 12 (label) and 11 (entries). */
export const SIZE = {
  body: 14,
  agency: 13,
  quocHieu: 13,
  tieuNgu: 14,
  number: 13,
  placeDate: 14,
  title: 14,
  table: 12,
  noiNhanLabel: 12,
  noiNhan: 11,
  pageNumber: 13,
} as const;

/** Phụ lục I mục II.8.a: the first line of a paragraph indented 1–1.27 cm; paragraphs at least 6 pt apart. */
const INDENT = 10 * MM;
const PARAGRAPH_GAP = 6;
/** Between single (1.0) and 1.5 lines. */
const LINE_HEIGHT = 1.1;

/**
 * Width of Tiêu ngữ at 14 pt bold, measured once with Tinos: the rule under it is as long as the line (mục II.3.b).
 * A test re-measures it from the PDF.
 */
const TIEU_NGU_WIDTH = 171.4;
/** Average advance of a capital in Tinos Bold, in em (measured over the agency names of the seed: 0.606–0.616). */
const CAPS_EM = 0.61;
/** The same for bold mixed-case text (trích yếu), a rougher average. */
const MIXED_EM = 0.5;

/** A centred horizontal rule `width` points long (canvas nodes take the alignment of their style). */
function rule(width: number, margin: [number, number, number, number]): Content {
  return { canvas: [{ type: 'line', x1: 0, y1: 0, x2: width, y2: 0, lineWidth: 0.6 }], alignment: 'center', margin };
}

/** A rule a third to a half of the line above it (mục II.4 and II.5.b), from an estimate of that line's width. */
function ruleUnder(text: string, size: number, em: number, columnWidth: number, margin: [number, number, number, number]): Content {
  const line = Math.min([...text].length * size * em, columnWidth);
  return rule(Math.max(40, Math.round(line * 0.4)), margin);
}

/** The longest word laid out as typed: a line holds about 90 letters, so anything longer is cut to fit anyway. */
const LONGEST_WORD = 80;

/**
 * A word longer than a line cut into pieces of LONGEST_WORD characters (code points), each a word of its own. pdfmake
 * breaks an overlong word one character at a time, in time and memory that grow with its square: 16,000 "&" took 23 s,
 * 80,000 ran a 4 GB heap out (measured); as pieces it is laid out like any text.
 */
function cutLong(token: string): string[] {
  const chars = [...token];
  if (chars.length <= LONGEST_WORD) return [token];
  const pieces: string[] = [];
  for (let at = 0; at < chars.length; at += LONGEST_WORD) pieces.push(chars.slice(at, at + LONGEST_WORD).join(''));
  return pieces;
}

/**
 * Runs of text cut into words, each with its trailing space. pdfmake breaks lines where Unicode
 * allows (after "/" and "-" too) and a justified line spreads its slack between ALL pieces: "252/KH-UBND" printed as
 * "252/ KH- UBND". Words broken only at spaces keep a number and its symbol whole. A piece glued to the run before it
 * (a comma after a bold slogan) joins that run's last word, in that word's style.
 */
function words(list: readonly Span[]): ContentText[] {
  const out: ContentText[] = [];
  for (const s of list) {
    const style = { ...(s.bold ? { bold: true } : {}), ...(s.italic ? { italics: true } : {}) };
    const tokens = (s.text.match(/\s*\S+\s*|\s+/gu) ?? []).flatMap(cutLong);
    tokens.forEach((t, i) => {
      const last = out.at(-1);
      if (i === 0 && last && !/\s$/u.test(String(last.text)) && !/^\s/u.test(t)) {
        last.text = String(last.text) + t;
        return;
      }
      // Only a word with a break inside it ("252/KH-UBND") needs holding together; a very long one may still break,
      // or it would run past the right margin; a line break typed in the text must stay a break (noWrap would print it).
      const held = /[^\s\p{L}\p{N}]/u.test(t.trim()) && t.length <= 40 && !t.includes('\n');
      out.push({ text: t, ...(held ? { noWrap: true } : {}), ...style });
    });
  }
  return out;
}

/** The header (mục II.1–II.6, ô 1 to 4): two columns, the agency and its số on the left, Quốc hiệu and the date on the right. */
function header(doc: OfficialDocument): Content {
  const leftWidth = CONTENT_WIDTH * 0.4;
  const rightWidth = CONTENT_WIDTH - leftWidth;
  const { parentBody, issuingBody, documentNumber } = doc.head;
  const agency = upper(issuingBody);
  const left: Content[] = [
    ...(parentBody ? [{ text: upper(parentBody), fontSize: SIZE.agency }] : []),
    { text: agency, fontSize: SIZE.agency, bold: true },
    ruleUnder(
      agency.split(/\r?\n/).reduce((a, b) => (a.length >= b.length ? a : b), ''),
      SIZE.agency,
      CAPS_EM,
      leftWidth,
      [0, 3, 0, 0],
    ),
  ];
  const right: Content[] = [{ text: QUOC_HIEU, fontSize: SIZE.quocHieu, bold: true }, { text: TIEU_NGU, fontSize: SIZE.tieuNgu, bold: true }, rule(TIEU_NGU_WIDTH, [0, 3, 0, 0])];
  // Two rows, so that "Số:" and the place and date share a line whatever the heights above them.
  return {
    table: {
      widths: [leftWidth, rightWidth],
      body: [
        [
          { stack: left, alignment: 'center' },
          { stack: right, alignment: 'center' },
        ],
        [
          { text: `Số: ${documentNumber}`, fontSize: SIZE.number, alignment: 'center', margin: [0, 6, 0, 0] },
          { text: doc.placeDate, fontSize: SIZE.placeDate, italics: true, alignment: 'center', margin: [0, 6, 0, 0] },
        ],
      ],
    },
    layout: { defaultBorder: false, paddingLeft: () => 0, paddingRight: () => 0, paddingTop: () => 0, paddingBottom: () => 0 },
    margin: [0, 0, 0, 6],
  };
}

function table(b: Extract<Block, { kind: 'table' }>): Content {
  const n = b.columns.length;
  const head: TableCell[] = b.columns.map((c) => ({ text: c.header, bold: true, alignment: 'center' }));
  const body: TableCell[][] = [head];
  for (const r of b.rows) {
    if ('group' in r) {
      body.push([{ text: r.group, bold: true, colSpan: n }, ...Array.from({ length: n - 1 }, () => ({ text: '' }))]);
    } else {
      body.push(r.cells.map((c, i) => ({ text: c, alignment: b.columns[i]?.align ?? 'left' })));
      if (r.detail) body.push([{ text: '' }, { text: r.detail, fontSize: SIZE.table - 1, colSpan: n - 1 }, ...Array.from({ length: n - 2 }, () => ({ text: '' }))]);
    }
  }
  return {
    // The header row is repeated on every page the table runs onto, and never left alone at the foot of a page.
    table: { headerRows: 1, keepWithHeaderRows: 1, dontBreakRows: true, widths: b.columns.map((c) => c.width), body },
    layout: { hLineWidth: () => 0.5, vLineWidth: () => 0.5, paddingLeft: () => 4, paddingRight: () => 4, paddingTop: () => 2, paddingBottom: () => 2 },
    fontSize: SIZE.table,
    lineHeight: 1.05,
    margin: [0, 4, 0, PARAGRAPH_GAP + 2],
  };
}

/** The body blocks, in order; a rule follows the heading above it. */
function blocks(list: readonly Block[]): Content[] {
  const out: Content[] = [];
  let previous: Block | undefined;
  for (const b of list) {
    switch (b.kind) {
      case 'heading':
        // A heading inside the body ("QUYẾT ĐỊNH:", the authority) stands a paragraph's gap apart from its neighbours.
        out.push({ text: b.text, bold: true, fontSize: SIZE.title, alignment: 'center', margin: [0, b.size === 'large' ? 12 : previous?.kind === 'para' ? PARAGRAPH_GAP : 0, 0, 0] });
        break;
      case 'rule':
        out.push(ruleUnder(previous?.kind === 'heading' ? previous.text : 'x'.repeat(30), SIZE.title, MIXED_EM, CONTENT_WIDTH, [0, 4, 0, 12]));
        break;
      case 'section':
        out.push({ text: b.text, bold: true, margin: [0, PARAGRAPH_GAP, 0, PARAGRAPH_GAP] });
        break;
      case 'para':
        out.push({
          text: words(b.spans),
          alignment: b.align ?? 'justify',
          ...(b.indent ? { leadingIndent: INDENT } : {}),
          margin: [0, previous?.kind === 'heading' ? PARAGRAPH_GAP : 0, 0, PARAGRAPH_GAP],
        });
        break;
      case 'list':
        out.push({ stack: b.lines.map((l) => ({ text: words([{ text: l }]), alignment: 'justify' })), margin: [INDENT, 0, 0, PARAGRAPH_GAP] });
        break;
      case 'table':
        out.push(table(b));
        break;
    }
    previous = b;
  }
  return out;
}

/** Space left for the handwritten or digital signature and the seal (mục II.9: about 3 cm in practice). */
const SIGNATURE_SPACE = 30 * MM;

function signature(s: Signature): ContentStack {
  return {
    stack: [...s.lines.map((l) => ({ text: l, bold: true })), { text: s.name, bold: true, margin: [0, SIGNATURE_SPACE, 0, 0] }],
    alignment: 'center',
  };
}

function noiNhan(lines: readonly string[]): ContentStack {
  return {
    stack: lines.length === 0 ? [] : [{ text: 'Nơi nhận:', bold: true, italics: true, fontSize: SIZE.noiNhanLabel }, ...lines.map((l) => ({ text: l, fontSize: SIZE.noiNhan, lineHeight: 1 }))],
  };
}

/**
 * The foot (mục II.9–II.10): Nơi nhận on the left, the signature on the right, level with each other; two signatures
 * (a Biên bản: the secretary, the chair) side by side, Nơi nhận under them. Never split across a page.
 */
function foot(doc: OfficialDocument): Content {
  const sigs = doc.signatures;
  if (sigs.length === 1) {
    return {
      columns: [
        { width: '45%', ...noiNhan(doc.noiNhan) },
        { width: '55%', ...signature(sigs[0] as Signature) },
      ],
      unbreakable: true,
      margin: [0, PARAGRAPH_GAP * 2, 0, 0],
    } as Content;
  }
  return {
    stack: [{ columns: sigs.map((s) => ({ width: '*', ...signature(s) })) }, ...(doc.noiNhan.length > 0 ? [{ ...noiNhan(doc.noiNhan), margin: [0, 12, 0, 0] }] : [])],
    unbreakable: true,
    margin: [0, PARAGRAPH_GAP * 2, 0, 0],
  } as Content;
}

/**
 * The body, then the foot. The foot never stands alone on a last page: it is kept with the paragraph or list before it
 * (a table, which may be long, is not held).
 */
function bodyAndFoot(doc: OfficialDocument): Content[] {
  const body = blocks(doc.blocks);
  const last = doc.blocks.at(-1);
  if (!last || last.kind === 'table' || body.length === 0) return [...body, foot(doc)];
  return [...body.slice(0, -1), { stack: [body.at(-1) as Content, foot(doc)], unbreakable: true }];
}

/** The pdfmake definition of `doc` (exported for tests that read the layout without a PDF). */
export function documentDefinition(doc: OfficialDocument, opts: RenderPdfOptions = {}): TDocumentDefinitions {
  const margins = PAGE_MARGINS_MM;
  return {
    pageSize: 'A4',
    pageOrientation: 'portrait',
    pageMargins: [margins.left * MM, margins.top * MM, margins.right * MM, margins.bottom * MM],
    // Mục I.6 (số trang): from the second page, centred in the top margin, 13–14 pt, upright.
    header: (page: number) => (page > 1 ? { text: String(page), alignment: 'center', fontSize: SIZE.pageNumber, margin: [margins.left * MM, 10 * MM, margins.right * MM, 0] } : null),
    defaultStyle: { font: FONT, fontSize: SIZE.body, lineHeight: LINE_HEIGHT },
    content: [header(doc), ...bodyAndFoot(doc), ...(doc.annex && doc.annex.length > 0 ? [{ stack: blocks(doc.annex), pageBreak: 'before' } as Content] : [])],
    info: {
      title: doc.info.title,
      subject: doc.info.subject,
      author: upper(doc.head.issuingBody),
      creator: 'thidua',
      producer: 'thidua (pdfmake)',
      ...(opts.createdAt ? { creationDate: opts.createdAt } : {}),
    },
    language: 'vi-VN',
  };
}

const FONT = 'Tinos';

export interface RenderPdfOptions {
  /** The PDF's CreationDate (default: now). The same document and date give the same bytes (a stable SHA-256). */
  createdAt?: Date;
}

interface VirtualFs {
  writeFileSync(name: string, content: Buffer): void;
}

let ready = false;

/** Fonts from memory only; no URL and no local file may be read while rendering (a name or a text is never a path). */
function setUp(): void {
  if (ready) return;
  const files = fontFiles();
  const vfs = (pdfmake as unknown as { virtualfs: VirtualFs }).virtualfs;
  for (const style of ['normal', 'bold', 'italics', 'bolditalics'] as const) vfs.writeFileSync(FONT_FILES[style], files[style]);
  pdfmake.setFonts({ [FONT]: { ...FONT_FILES } });
  pdfmake.setUrlAccessPolicy(() => false);
  pdfmake.setLocalAccessPolicy(() => false);
  ready = true;
}

/** Renders `doc` to the bytes of a PDF: A4, Tinos embedded (subset), text extractable as NFC Unicode. */
export async function renderPdf(doc: OfficialDocument, opts: RenderPdfOptions = {}): Promise<Uint8Array> {
  setUp();
  const buffer = await pdfmake.createPdf(documentDefinition(doc, opts)).getBuffer();
  return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
}
