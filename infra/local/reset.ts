/**
 * `npm run reset` (and `npm start -- --reset`): the twin's kept data deleted, so the next start is
 * clean: DynamoDB Local's database, the S3 emulator's files, the queues' journals, the stream position and the dead letters
 * under the data folder (LOCAL_DATA_DIR, default `.local/`). Refused while a twin runs on it.
 */
import { existsSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';

/** What a twin keeps under its data folder (infra/local/twin.ts). */
export const KEPT = ['dynamodb', 's3', 'queues', 'stream-checkpoint.json', 'stream-checkpoint.json.tmp', 'dead-letters', 'users.json', 'users.json.tmp', 'twin.pid'] as const;

export const defaultDataDir = (root = path.resolve(__dirname, '../..')) => path.resolve(process.env.LOCAL_DATA_DIR || path.join(root, '.local'));

/** Deletes what a twin keeps in `dataDir`; returns the entries deleted. Throws if a twin is running on it. */
export function resetData(dataDir: string): string[] {
  const lock = path.join(dataDir, 'twin.pid');
  if (existsSync(lock)) {
    const pid = Number(readFileSync(lock, 'utf8').trim());
    let alive = false;
    if (Number.isInteger(pid) && pid > 0 && pid !== process.pid) {
      try {
        process.kill(pid, 0);
        alive = true;
      } catch {
        /* gone: a stale lock */
      }
    }
    if (alive) throw new Error(`a twin (pid ${pid}) is running on ${dataDir}: stop it first (Ctrl-C)`);
  }
  const deleted: string[] = [];
  for (const entry of KEPT) {
    const p = path.join(dataDir, entry);
    if (!existsSync(p)) continue;
    rmSync(p, { recursive: true, force: true });
    deleted.push(entry);
  }
  return deleted;
}

if (require.main === module) {
  const dir = defaultDataDir();
  try {
    const deleted = resetData(dir);
    console.log(deleted.length ? `deleted from ${dir}: ${deleted.join(', ')}` : `nothing to delete in ${dir}`);
  } catch (error) {
    console.error((error as Error).message);
    process.exit(1);
  }
}
