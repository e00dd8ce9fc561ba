import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';

/**
 * Reads a PDF back with unpdf (PDF.js), in a child Node process: unpdf loads PDF.js with a dynamic import(), which jest's
 * CommonJS module system refuses without --experimental-vm-modules. The child gets the bytes on stdin and prints JSON.
 */

export interface TextItem {
  str: string;
  x: number;
  y: number;
  width: number;
  height: number;
  /** The font's PostScript name as embedded: "BZZZZZ+Tinos-Bold". */
  font: string;
  eol: boolean;
}

export interface PageReading {
  width: number;
  height: number;
  items: TextItem[];
  /** The page's text: items joined, a newline where PDF.js saw a line end. */
  text: string;
}

export interface PdfReading {
  pages: PageReading[];
  info: Record<string, unknown>;
}

const SCRIPT = `
import { getDocumentProxy } from 'unpdf';
const chunks = [];
for await (const c of process.stdin) chunks.push(c);
const pdf = await getDocumentProxy(new Uint8Array(Buffer.concat(chunks)));
const pages = [];
for (let i = 1; i <= pdf.numPages; i++) {
  const page = await pdf.getPage(i);
  const [x0, y0, x1, y1] = page.view;
  const content = await page.getTextContent();
  await page.getOperatorList();
  const fontName = (id) => { try { return page.commonObjs.get(id).name; } catch { return id; } };
  const items = content.items.filter((it) => 'str' in it).map((it) => ({ str: it.str, x: it.transform[4], y: it.transform[5], width: it.width, height: it.height, font: fontName(it.fontName), eol: it.hasEOL }));
  pages.push({ width: x1 - x0, height: y1 - y0, items });
}
const meta = await pdf.getMetadata();
process.stdout.write(JSON.stringify({ pages, info: meta.info }));
`;

export function readPdf(bytes: Uint8Array): PdfReading {
  const out = execFileSync(process.execPath, ['--input-type=module', '-e', SCRIPT], {
    input: Buffer.from(bytes),
    cwd: resolve(__dirname, '../../..'),
    maxBuffer: 256 * 1024 * 1024,
  });
  const parsed = JSON.parse(out.toString('utf8')) as { pages: Omit<PageReading, 'text'>[]; info: Record<string, unknown> };
  return {
    info: parsed.info,
    pages: parsed.pages.map((p) => ({ ...p, text: p.items.map((i) => i.str + (i.eol ? '\n' : '')).join('') })),
  };
}

/** The whole document's text, whitespace runs made single spaces (justification adds none, but line ends do). */
export function flatText(r: PdfReading): string {
  return r.pages
    .map((p) => p.text)
    .join('\n')
    .replace(/\s+/g, ' ');
}

/**
 * The fonts a PDF embeds, read from its bytes (pdfkit writes font dictionaries as plain objects): every /BaseFont name,
 * and how many font programs (/FontFile, /FontFile2, /FontFile3) are embedded.
 */
export function pdfFonts(bytes: Uint8Array): { baseFonts: string[]; embeddedPrograms: number } {
  const raw = Buffer.from(bytes).toString('latin1');
  const baseFonts = [...raw.matchAll(/\/BaseFont\s*\/([^\s/<>[\]()]+)/g)].map((m) => m[1] as string);
  const embeddedPrograms = [...raw.matchAll(/\/FontFile[23]?\s+\d+\s+\d+\s+R/g)].length;
  return { baseFonts: [...new Set(baseFonts)], embeddedPrograms };
}
