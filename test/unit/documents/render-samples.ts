/**
 * Renders one PDF of each document type into a folder, to look at: `npx tsx test/unit/documents/render-samples.ts
 * /tmp/pdf-png`, then `pdftoppm -r 60 -png <file>.pdf <file>` (docs/documents.md).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderPdf } from '../../../shared/documents/pdf';
import { samples } from './samples';

async function main() {
  const dir = process.argv[2] ?? '/tmp/pdf-png';
  mkdirSync(dir, { recursive: true });
  for (const [name, doc] of Object.entries(samples())) {
    writeFileSync(join(dir, `${name}.pdf`), await renderPdf(doc, { createdAt: new Date('2024-12-20T03:00:00Z') }));
    console.log(join(dir, `${name}.pdf`));
  }
}
void main();
