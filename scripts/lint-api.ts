import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { openApiDocument } from '../shared/http/openapi';

/**
 * `npm run lint:api`: the OpenAPI document exactly as GET /openapi.json serves it, written to a
 * temporary file and linted by Redocly's CLI with redocly.yaml (its recommended rules). Redocly
 * exits 0 on warnings; here a warning fails too, so the document stays clean, not merely valid.
 * Run on this process's Node (the project's pinned one), not whichever `node` the PATH finds first.
 */
interface Problem {
  ruleId: string;
  severity: string;
  message: string;
  location?: { pointer?: string }[];
}

const root = path.resolve(import.meta.dirname, '..');
const dir = mkdtempSync(path.join(tmpdir(), 'thidua-openapi-'));
const file = path.join(dir, 'openapi.json');
try {
  writeFileSync(file, JSON.stringify(openApiDocument(), null, 2));
  const run = spawnSync(process.execPath, [path.join(root, 'node_modules/@redocly/cli/bin/cli.js'), 'lint', file, '--config', path.join(root, 'redocly.yaml'), '--format', 'json'], {
    cwd: root,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
    // Offline and quiet: no usage data, no update check (redocly.yaml says the same for telemetry).
    env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' },
  });
  let report: { totals: { errors: number; warnings: number }; problems: Problem[] };
  try {
    report = JSON.parse(run.stdout);
  } catch {
    throw new Error(`redocly lint did not answer JSON (status ${run.status}):\n${run.stdout}${run.stderr}`);
  }
  for (const p of report.problems) console.log(`${p.severity.padEnd(5)} ${p.ruleId} ${p.location?.[0]?.pointer ?? ''}: ${p.message}`);
  const { errors, warnings } = report.totals;
  console.log(`OpenAPI document (redocly lint, redocly.yaml): ${errors} errors, ${warnings} warnings`);
  process.exitCode = errors + warnings === 0 && run.status === 0 ? 0 : 1;
} finally {
  rmSync(dir, { recursive: true, force: true });
}
