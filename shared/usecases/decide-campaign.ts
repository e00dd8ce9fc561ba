import { referenceDateOf } from '../domain/campaign';
import { decideNominations, type DecideResult } from '../domain/decide';
import { isRegistered } from '../domain/registered';
import { todayInVietnam } from '../domain/vn-date';
import type { Campaign } from '../schemas/campaign';
import { Nomination, NominationEntry } from '../schemas/nomination';
import { Registration } from '../schemas/registration';
import { listNominations } from '../store/nominations';
import { listRegistrations, listReports } from '../store/reports';
import { standings } from './reports';

/**
 * Everything the decision engine reads for a campaign, loaded and handed to it: the nominations
 * with their registration, the final standings (when the campaign is scored), the rule options
 * and the reference date whose law applies. The engine itself is pure (shared/domain/decide.ts).
 */
export async function decideCampaign(campaign: Campaign): Promise<DecideResult> {
  const [stored, registrations] = await Promise.all([listNominations(campaign.agencyId, campaign.id), listRegistrations(campaign.agencyId, campaign.id)]);
  const regs = registrations.map((r) => Registration.parse(r));
  const nominations = stored.map((s) => {
    const n = Nomination.parse({ nominee: s.nominee, title: s.title, achievementSummary: s.achievementSummary, ...(s.grounds ? { grounds: s.grounds } : {}) });
    return scopedToUnit(NominationEntry.parse({ ...n, id: s.id, registered: isRegistered(n, regs) }));
  });
  const scored = campaign.scoringTable && (await listReports(campaign.agencyId, campaign.id, 'final')).length > 0;
  const unitStandings = scored ? (await standings(campaign.agencyId, campaign.id, 'final')).rows.map((r) => ({ unitId: r.unitId, rank: r.rank, ...(r.tie ? { tie: true } : {}) })) : [];
  const referenceDate = referenceDateOf(campaign, todayInVietnam);
  return decideNominations({
    referenceDate,
    campaignYear: Number(referenceDate.slice(0, 4)),
    nominations,
    unitStandings,
    options: campaign.ruleOptions ?? {},
  });
}

/**
 * A person's id and an initiative's id are the unit's own (a staff number, the unit's register of
 * initiatives), not global: the engine links nominations by them, so they are qualified with the
 * nominee's unit before it sees them. Without this, a unit could reuse another unit's staff id or
 * spend another unit's initiative and change the other unit's decisions.
 */
function scopedToUnit(entry: NominationEntry): NominationEntry {
  const n = entry.nominee;
  if (n.kind !== 'individual') return entry;
  return {
    ...entry,
    nominee: {
      ...n,
      ...(n.personId !== undefined ? { personId: `${n.unitId}/${n.personId}` } : {}),
      initiatives: n.initiatives.map((i) => ({ ...i, id: `${n.unitId}/${i.id}` })),
    },
  };
}
