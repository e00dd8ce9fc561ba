import { html, joinHtml, trusted } from './html';

const LINES = [
  'Xin chào,',
  '',
  'Văn phòng cơ quan của bạn đã tạo cho bạn một tài khoản trên hệ thống quản lý phong trào thi đua - khen thưởng.',
  '',
  'Tên đăng nhập: {username}',
  'Mật khẩu tạm thời: {####}',
  '',
  'Lần đăng nhập đầu tiên, hệ thống sẽ yêu cầu bạn đặt mật khẩu mới và cài đặt xác thực hai lớp. Mật khẩu tạm thời có hiệu lực trong 3 ngày.',
  '',
  'Nếu bạn không chờ thư này, xin bỏ qua và báo cho Văn phòng.',
];
const LINE_BREAK = trusted('<br>\n');

/**
 * The invitation a person enrolled through `POST /users` receives: the user pool's invitation template in the cloud
 * (infra/stack.ts, `userInvitation`), which Cognito fills in, and the twin's identity provider fills in the same
 * (infra/local/cognito-local.ts), so both send the same letter. Cognito requires both placeholders: `{username}`, the
 * login name (the address: the pool signs in by email), and `{####}`, the temporary password.
 */
export const INVITATION = {
  subject: 'Tài khoản của bạn trên hệ thống thi đua - khen thưởng',
  // Each line escaped by the html tag (the placeholders hold no markup), joined by line breaks.
  body: String(
    joinHtml(
      LINES.map((line) => html`${line}`),
      LINE_BREAK,
    ),
  ),
} as const;

/** The template filled in, as Cognito does: the placeholders replaced, everything else as written. */
export function fillInvitation(username: string, temporaryPassword: string): { subject: string; html: string; text: string } {
  // The twin fills in what Cognito would: the address and the password escaped, as they land in markup.
  const filled = INVITATION.body.replaceAll('{username}', String(html`${username}`)).replaceAll('{####}', String(html`${temporaryPassword}`));
  const text = LINES.join('\n').replaceAll('{username}', username).replaceAll('{####}', temporaryPassword);
  return { subject: INVITATION.subject, html: filled, text };
}
