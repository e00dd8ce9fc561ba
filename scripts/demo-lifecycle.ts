/**
 * `npm run demo:lifecycle` (with `npm start` running): a whole campaign on the local twin, from the
 * launch letter to the results: this year's letter of the seed's Sở Ngoại vụ with a scoring table
 * for its units, registrations, reports from three units (acknowledged by email), the standings,
 * nominations, the close, the proposal decided under the law in force, the Council's ballot, the
 * results and their emails.
 */
import { seedDirectory } from '../seed/launch-letter-2023';
import { soNgoaiVuReport, soNgoaiVuTable } from '../seed/scoring-table-so-ngoai-vu';
import { thisYearLetter } from '../seed/this-year-letter';
import { API_URL, localToken, request, SES_URL, sleep } from './api-client';

const inHours = (h: number) => new Date(Date.now() + h * 3600_000).toISOString().replace('Z', '+00:00');
const id = (s: string) => encodeURIComponent(s);

async function until<T>(what: string, f: () => Promise<T | undefined>, ms = 60_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await f().catch(() => undefined);
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await sleep(300);
  }
}

async function main() {
  console.log(`API ${API_URL}   SES emulator ${SES_URL}\n`);
  const admin = await localToken('van-phong', ['admin']);
  for (const { code, ...g } of seedDirectory.groups) await request('PUT', `/recipient-groups/${id(code)}`, { token: admin, body: g });
  for (const { unitId, ...u } of seedDirectory.units) await request('PUT', `/units/${id(unitId)}`, { token: admin, body: u });

  // The year in Vietnam now: the letter is dated the day it is issued, and speaks of that year.
  const year = Number(new Intl.DateTimeFormat('en', { timeZone: 'Asia/Ho_Chi_Minh', year: 'numeric' }).format(new Date()));
  const documentNumber = `${(Math.floor(Date.now() / 1000) % 900) + 100}/KH-SNgV`;
  const campaign = await request<{ id: string }>('POST', '/campaigns', {
    token: admin,
    body: {
      ...thisYearLetter(year),
      documentNumber,
      scoringTable: soNgoaiVuTable,
      councilGroup: 'HDTDKT_SO',
      officeGroup: 'LANH_DAO_SO',
      deadlines: { registration: inHours(24), reports: inHours(48), nominations: inHours(72) },
    },
  });
  const c = id(campaign.id);
  await request('POST', `/campaigns/${c}/issue`, { token: admin });
  console.log(`✓ ${documentNumber}, the plan for ${year}, issued (the law in force today decides it)`);

  const units = ['VP', 'TTR', 'QLBG'] as const;
  const tokens = Object.fromEntries(await Promise.all(units.map(async (u) => [u, await localToken(`reporter-${u}`, ['unit'], u)] as const)));
  // Plan tasks done of 20: VP 19, TTR and QLBG 17 each, equal on every tie-break criterion too: a tie for the Council.
  const tasksDone = { VP: 19, TTR: 17, QLBG: 17 } as const;
  for (const u of units) {
    await request('POST', `/campaigns/${c}/registrations`, { token: tokens[u], body: { unitId: u, registrant: { kind: 'unit' }, targets: ['Hoàn thành xuất sắc nhiệm vụ'], titles: ['TTLDTT'] } });
    await request('POST', `/campaigns/${c}/reports`, { token: tokens[u], body: soNgoaiVuReport(u, { kh: { numerator: tasksDone[u], denominator: 20 } }) });
  }
  console.log('✓ three units registered and reported (each acknowledged by email, the Office notified)');

  const standings = await request<{ rows: { unitId: string; rank: number; total: number; tie?: { note: string } }[]; inputHash: string }>('GET', `/campaigns/${c}/standings`, { token: admin });
  console.log('\nStandings (tổng kết):');
  for (const r of standings.rows) console.log(`  ${String(r.rank).padStart(2)}. ${r.unitId.padEnd(6)} ${(r.total / 100).toFixed(2).replace('.', ',')} điểm${r.tie ? `   (${r.tie.note})` : ''}`);

  const people = [
    { name: 'Hoàng Thị Thảo', unitId: 'VP', gender: 'female', rating: 'HTXSNV' },
    { name: 'Nguyễn Văn Hùng', unitId: 'TTR', gender: 'male', rating: 'HTTNV' },
  ] as const;
  for (const p of people) {
    await request('POST', `/campaigns/${c}/registrations`, {
      token: tokens[p.unitId],
      body: { unitId: p.unitId, registrant: { kind: 'individual', name: p.name }, targets: ['Hoàn thành tốt nhiệm vụ'], titles: ['LDTT', 'CSTDCS'] },
    });
    for (const title of ['LDTT', 'CSTDCS']) {
      await request('POST', `/campaigns/${c}/nominations`, {
        token: tokens[p.unitId],
        body: {
          title,
          achievementSummary: 'Hoàn thành xuất sắc nhiệm vụ được giao.',
          nominee: { kind: 'individual', name: p.name, gender: p.gender, unitId: p.unitId, hireDate: '2014-09-01', taskRating: p.rating },
        },
      });
    }
  }
  await request('POST', `/campaigns/${c}/close-nominations`, { token: admin });
  const proposal = await until('the proposal', () => request<any>('GET', `/campaigns/${c}/proposal`, { token: admin }));
  console.log(`\n✓ nominations closed; proposal under ${proposal.ruleSet} (input ${proposal.inputHash.slice(0, 12)}…):`);
  for (const d of proposal.decisions) console.log(`  ${d.status.padEnd(12)} ${d.title.padEnd(7)} ${d.nominee.name}`);

  const votes = proposal.decisions.filter((d: any) => d.status === 'eligible').map((d: any) => ({ nominationId: d.nominationId, title: d.title, yes: d.title === 'CSTDCS' ? 7 : 9 }));
  const tally = await request<any>('POST', `/campaigns/${c}/council-votes`, { token: admin, body: { membersTotal: 9, present: 8, writtenVotes: 1, votes } });
  console.log(`\n✓ Council: quorum ${tally.quorum.met ? 'met' : 'not met'}; ${tally.results.filter((r: any) => r.passed).length} of ${tally.results.length} passed`);
  const results = await request<any>('POST', `/campaigns/${c}/results/finalize`, { token: admin });
  console.log('\nResults:');
  for (const o of results.outcomes) console.log(`  ${o.outcome.padEnd(12)} ${o.titleLabel}: ${o.nominee.name}\n      ${o.reason}`);

  await until('the result emails', async () => {
    const { items } = await request<{ items: { eventType: string; status: string }[] }>('GET', `/campaigns/${c}/deliveries`, { token: admin });
    const rows = items.filter((d) => d.eventType === 'ResultsFinalized');
    return rows.length > 0 && rows.every((d) => !['pending', 'claimed', 'sending'].includes(d.status)) ? rows : undefined;
  });
  console.log(`\n✓ results emailed to the Nơi nhận list and the nominating units; CSV: ${API_URL}/campaigns/${campaign.id}/results?format=csv`);
  console.log(`Read every email at ${SES_URL}/`);
}

main().catch((e) => {
  console.error(`✗ ${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
});
