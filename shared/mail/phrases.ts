/** Wording every mail shares: how a campaign is referred to, how a subject line is made. */

export const upper = (s: string) => s.toLocaleUpperCase('vi');

/** Headers are one line: no header injection through a unit name or a title. */
export const oneLine = (s: string) => s.replace(/\s+/g, ' ').trim();

/** "[15/KH-SNgV] …": every subject starts with the campaign's số/ký hiệu, so a recipient can sort the mails. */
export const subjectLine = (documentNumber: string, rest: string) => oneLine(`[${documentNumber}] ${rest}`);

/** "văn bản số 15/KH-SNgV về “…”": the campaign as the mails cite it. */
export const campaignRef = (campaign: { documentNumber: string; title: string }) => `văn bản số ${oneLine(campaign.documentNumber)} về “${oneLine(campaign.title)}”`;
