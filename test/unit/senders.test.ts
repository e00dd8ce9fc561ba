import { senderFor } from '../../shared/usecases/senders';

describe('an agency’s sender (issue 10 "Senders per agency")', () => {
  const allowed = ['thidua@sotp.example.vn'];
  it.each([
    ['its own, allowed', { mailFrom: 'ThiDua@sotp.example.vn', replyTo: 'vp@sotp.example.vn' }, { from: 'thidua@sotp.example.vn', replyTo: 'vp@sotp.example.vn' }],
    ['one the deployment no longer allows: the default', { mailFrom: 'old@sotp.example.vn' }, { from: 'no-reply@thidua.example.org' }],
    ['none: the default, replies to its Office', { replyTo: 'vp@sotp.example.vn' }, { from: 'no-reply@thidua.example.org', replyTo: 'vp@sotp.example.vn' }],
    ['an agency without a record (mail sent before agencies existed)', undefined, { from: 'no-reply@thidua.example.org' }],
  ] as const)('%s', (_what, agency, expected) => {
    expect(senderFor(agency, 'no-reply@thidua.example.org', allowed)).toEqual(expected);
  });
});
