/**
 * The invitation a person enrolled through `POST /users` receives: the user pool's invitation template in the cloud
 * (infra/stack.ts, `userInvitation`), which Cognito fills in, and the twin's identity provider fills in the same
 * (infra/local/cognito-local.ts), so both send the same letter. Cognito requires both placeholders: `{username}`, the
 * login name (the address: the pool signs in by email), and `{####}`, the temporary password.
 */
export const INVITATION = {
  subject: 'Tài khoản của bạn trên hệ thống thi đua - khen thưởng',
  body: [
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
  ].join('<br>\n'),
} as const;

/** The template filled in, as Cognito does: the placeholders replaced, everything else as written. */
export function fillInvitation(username: string, temporaryPassword: string): { subject: string; html: string; text: string } {
  const html = INVITATION.body.replaceAll('{username}', username).replaceAll('{####}', temporaryPassword);
  return { subject: INVITATION.subject, html, text: html.replaceAll('<br>\n', '\n') };
}
