import { minimalLetter } from '../seed/minimal-letter';
import { startTwinProcess } from './twin-process';

/**
 * Time from the issue request to the last email the SES emulator accepted, for a list of
 * `addresses` distinct addresses, on the local twin at the given send rate.
 */
export async function issueLatency(addresses: number, sendRate: number) {
  const twin = await startTwinProcess({ MAIL_SEND_RATE: String(sendRate) });
  try {
    const json = async (method: string, path: string, token?: string, body?: unknown) => {
      const res = await fetch(`${twin.apiUrl}${path}`, {
        method,
        headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
        ...(body ? { body: JSON.stringify(body) } : {}),
      });
      if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
      return res.json() as Promise<any>;
    };
    const { token } = await json('POST', '/local/token', undefined, { sub: 'bench', groups: ['admin'] });
    const emails = Array.from({ length: addresses }, (_, i) => `can-bo-${i}@bench.example.org`);
    await json('PUT', '/recipient-groups/BENCH', token, { name: 'Các đơn vị', kind: 'email', emails });
    await json('PUT', '/recipient-groups/LUU', token, { name: 'Lưu: VT, VP', kind: 'archive' });
    const campaign = await json(
      'POST',
      '/campaigns',
      token,
      minimalLetter({
        documentNumber: '500/KH-SNgV',
        title: 'Phát động phong trào thi đua (đo hiệu năng)',
        recipientGroups: ['BENCH', 'LUU'],
        deadlines: { nominations: '2030-12-10T17:00:00+07:00' },
      }),
    );
    const t0 = Date.now();
    await json('POST', `/campaigns/${campaign.id}/issue`, token);
    const deadline = t0 + 10 * 60_000;
    for (;;) {
      const store = (await (await fetch(`${twin.sesUrl}/store`)).json()) as { emails: { destination: { to: string[] } }[] };
      if (store.emails.length >= addresses) {
        const observedMs = Date.now() - t0;
        const distinct = new Set(store.emails.flatMap((e) => e.destination.to)).size;
        // The emulator stamps whole seconds; the delivery rows carry the mailer's millisecond sentAt,
        // written right after SES answered 200.
        let items: any[] = [];
        do {
          items = (await json('GET', `/campaigns/${campaign.id}/deliveries`, token)).items;
        } while (items.some((d: any) => d.channel === 'email' && d.status !== 'sent') && Date.now() < deadline);
        const lastSent = Math.max(...items.filter((d: any) => d.sentAt).map((d: any) => Date.parse(d.sentAt)));
        return { addresses, sendRate, emails: store.emails.length, distinct, lastAcceptedMs: lastSent - t0, observedMs };
      }
      if (Date.now() > deadline) throw new Error(`only ${store.emails.length} of ${addresses} emails after 10 minutes`);
      await new Promise((r) => setTimeout(r, 50));
    }
  } finally {
    await twin.stop();
  }
}
