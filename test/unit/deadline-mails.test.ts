import { renderDeadlineExtension, renderNominationReminder, renderRegistrationReminder } from '../../shared/mail/deadline-mails';

/**
 * The mails of deadlines that move (issue 11): the extension notice (thông báo gia hạn) names the
 * deadline, both instants in Vietnam's time and the Office's reason; the reminders name the unit and
 * the deadline. Whatever the Office or the directory wrote is escaped in the HTML part, kept as
 * written in the text part.
 */
const campaign = { documentNumber: '15/KH-SNgV', title: 'Phong trào thi đua năm 2025', issuingBody: 'SỞ NGOẠI VỤ' };
const unit = { unitId: 'P_A', name: 'Phòng <Hợp tác> & Quốc tế' };

describe('the extension notice', () => {
  const mail = renderDeadlineExtension({
    campaign,
    deadline: 'nominations',
    from: '2025-12-10T17:00:00+07:00',
    to: '2025-12-17T10:00:00Z',
    reason: 'Nhiều đơn vị đề nghị <b>lùi</b> hạn do bão số 3',
  });

  it('says which deadline moved, from when to when (Vietnam time), and why', () => {
    expect(mail.subject).toBe('[15/KH-SNgV] Thông báo gia hạn gửi hồ sơ đề nghị khen thưởng đến 17 giờ 00, ngày 17/12/2025');
    expect(mail.text).toContain('hạn gửi hồ sơ đề nghị khen thưởng là 17 giờ 00, ngày 10/12/2025.');
    expect(mail.text).toContain('Hạn gửi hồ sơ đề nghị khen thưởng được gia hạn đến 17 giờ 00, ngày 17/12/2025.');
    expect(mail.text).toContain('Lý do gia hạn: Nhiều đơn vị đề nghị <b>lùi</b> hạn do bão số 3');
    expect(mail.text).toContain('Kính gửi: Các đơn vị tham gia phong trào');
  });

  it('escapes the reason in the HTML part', () => {
    expect(mail.html).toContain('Lý do gia hạn: Nhiều đơn vị đề nghị &lt;b&gt;lùi&lt;/b&gt; hạn do bão số 3');
    expect(mail.html).not.toContain('<b>lùi</b>');
    expect(mail.html).toContain('<strong>17 giờ 00, ngày 17/12/2025</strong>');
  });
});

describe('the reminders before the registration and nomination deadlines', () => {
  it.each([
    { name: 'registration', render: renderRegistrationReminder, subject: '[15/KH-SNgV] Nhắc đăng ký thi đua (hạn 17 giờ 00, ngày 31/3/2025)', says: 'chưa nhận được bản đăng ký thi đua' },
    {
      name: 'nominations',
      render: renderNominationReminder,
      subject: '[15/KH-SNgV] Nhắc gửi hồ sơ đề nghị khen thưởng (hạn 17 giờ 00, ngày 31/3/2025)',
      says: 'chưa nhận được hồ sơ đề nghị khen thưởng nào',
    },
  ])('$name: the unit, the deadline, what is missing; the unit’s name escaped', ({ render, subject, says }) => {
    const mail = render({ campaign, unit, deadline: '2025-03-31T17:00:00+07:00' });
    expect(mail.subject).toBe(subject);
    expect(mail.text).toContain('Kính gửi: Phòng <Hợp tác> & Quốc tế');
    expect(mail.text).toContain(says);
    expect(mail.html).toContain('Phòng &lt;Hợp tác&gt; &amp; Quốc tế');
    // Never the report reminder's subject: the reports' tests find their reminders by it.
    expect(mail.subject).not.toContain('Nhắc nộp báo cáo');
  });
});
