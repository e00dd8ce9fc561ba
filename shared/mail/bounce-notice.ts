import type { Campaign } from '../schemas/campaign';
import { trusted } from './html';
import { htmlDocument, paragraphHtml, textDocument } from './layout';
import { subjectLine } from './phrases';

const PARAGRAPH = trusted('margin:0 0 8px 0;');

/**
 * To the Office, once per campaign, the first time one of its emails bounces hard or draws a
 * complaint: which address, why, and where to see the rest (the deliveries list).
 */
export function renderBounceNotice(input: { campaign: Pick<Campaign, 'documentNumber' | 'title'>; address: string; kind: 'bounce' | 'complaint'; detail: string }) {
  const what = input.kind === 'bounce' ? 'bị trả lại (địa chỉ không nhận được thư)' : 'bị người nhận báo là thư rác';
  const lines = [
    `Thư của phong trào ${input.campaign.documentNumber} "${input.campaign.title}" gửi tới ${input.address} đã ${what}.`,
    `Chi tiết: ${input.detail}.`,
    'Địa chỉ này đã được đưa vào danh sách chặn: hệ thống sẽ không gửi thư tới địa chỉ này nữa.',
    'Danh sách đầy đủ các thư bị trả lại, bị chặn hoặc chưa gửi được của phong trào có tại mục "deliveries" (GET /campaigns/{id}/deliveries).',
    'Thông báo này chỉ gửi một lần cho mỗi phong trào; các trường hợp sau được ghi nhận tại danh sách trên.',
  ];
  return {
    subject: subjectLine(input.campaign.documentNumber, 'Có thư không gửi được tới người nhận'),
    html: htmlDocument(
      'Có thư không gửi được',
      lines.map((l) => paragraphHtml(l, PARAGRAPH)),
    ),
    text: textDocument(lines),
  };
}
