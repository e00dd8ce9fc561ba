import { renderPdf } from '../../../shared/documents/pdf';
import { flatText, readPdf } from './read-pdf';
import { samples } from './samples';

/**
 * A word longer than a line: the 80 KB of "&" the hostile-input test puts in a letter. pdfmake breaks such a word one
 * character at a time, in time and memory growing with its square (16,000 took 23 s, 80,000 ran a 4 GB heap out): the
 * renderer cuts it into pieces first (shared/documents/pdf.ts cutLong), and every character is still printed.
 */
describe('a word longer than a line', () => {
  it('80,000 characters without a space are laid out, every one of them printed, inside the margins', async () => {
    const doc = samples()['launch-letter']!;
    const long = '&'.repeat(80_000);
    const pdf = await renderPdf({ ...doc, blocks: [{ kind: 'para', indent: true, spans: [{ text: `Mở đầu ${long} kết thúc.` }] }, ...doc.blocks] });
    const reading = readPdf(pdf);
    const text = flatText(reading);
    expect(text.match(/&/g)?.length).toBe(80_000);
    expect(text).toContain('kết thúc.');
    for (const page of reading.pages) for (const item of page.items) expect(item.x + item.width).toBeLessThanOrEqual(page.width - 15 * 2.8346 + 1);
  }, 120_000);
});
