import { DomainError } from '../../../shared/domain/errors';

/** A refusal carries its kind, the Vietnamese sentence, and a stable reason code (README "Errors"). */
describe('DomainError', () => {
  it.each([
    ['conflict', 'state.conflict'],
    ['not-found', 'resource.not_found'],
    ['invalid', 'request.invalid'],
    ['forbidden', 'auth.forbidden'],
  ] as const)('%s without a reason of its own reads %s', (code, reason) => {
    const e = new DomainError(code, 'Câu thông báo.');
    expect(e).toMatchObject({ code, reason, message: 'Câu thông báo.', name: 'DomainError' });
    expect(e.details).toBeUndefined();
  });
  it('a reason and details given are kept', () => {
    const e = new DomainError('conflict', 'Đã phát động.', [{ path: 'status', message: 'x' }], 'campaign.not_draft');
    expect(e).toMatchObject({ reason: 'campaign.not_draft', details: [{ path: 'status', message: 'x' }] });
    expect(e).toBeInstanceOf(Error);
  });
});
