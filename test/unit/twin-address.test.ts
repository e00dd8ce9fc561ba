import { twinAddress } from '../../scripts/twin-address';

/** Every script finds the twin the way `npm start` places it (README "Pointing the scripts at a twin"). */
describe('where the scripts find the twin', () => {
  it('the ports npm start uses, on loopback, by default', () => {
    expect(twinAddress({})).toEqual({ apiUrl: 'http://127.0.0.1:3000', sesUrl: 'http://127.0.0.1:8005' });
  });

  it('PORT and SES_PORT, as npm start reads them', () => {
    expect(twinAddress({ PORT: '3700', SES_PORT: '8705' })).toEqual({ apiUrl: 'http://127.0.0.1:3700', sesUrl: 'http://127.0.0.1:8705' });
  });

  it('API_URL and SES_URL name another host, and win over the ports', () => {
    expect(twinAddress({ PORT: '3700', API_URL: 'http://twin.lan:3000/', SES_URL: 'http://twin.lan:8005' })).toEqual({ apiUrl: 'http://twin.lan:3000', sesUrl: 'http://twin.lan:8005' });
  });

  it('a port that is not one is refused, naming the variable', () => {
    expect(() => twinAddress({ PORT: '80a' })).toThrow('PORT must be a port number, got "80a"');
    expect(() => twinAddress({ SES_PORT: '70000' })).toThrow('SES_PORT must be a port number');
  });
});
