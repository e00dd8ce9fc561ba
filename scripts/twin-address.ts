/**
 * Where the scripts find a running twin: the same variables `npm start` reads, `PORT` (the API,
 * default 3000) and `SES_PORT` (the SES emulator, default 8005), on loopback. `API_URL` and
 * `SES_URL` name another host instead (a twin on another machine, a deployed stack's API).
 * One rule for every script (README "Pointing the scripts at a twin").
 */
export function twinAddress(env: Readonly<Record<string, string | undefined>> = process.env): { apiUrl: string; sesUrl: string } {
  const port = (name: string, fallback: number) => {
    const raw = env[name];
    if (raw === undefined || raw === '') return fallback;
    const n = Number(raw);
    if (!Number.isInteger(n) || n < 1 || n > 65535) throw new Error(`${name} must be a port number, got "${raw}"`);
    return n;
  };
  const trim = (u: string) => u.replace(/\/+$/, '');
  return {
    apiUrl: trim(env.API_URL || `http://127.0.0.1:${port('PORT', 3000)}`),
    sesUrl: trim(env.SES_URL || `http://127.0.0.1:${port('SES_PORT', 8005)}`),
  };
}
