// Greetings as real servers and firewalls send them.
import { SessionBuilder, smtpPrefix } from '../build-session.js';
import type { Scenario, Scenarios } from './types.js';

export const withBanner = (banner: string, options: { bannerMs?: number; port?: number } = {}) => {
  const b = new SessionBuilder({ server: { host: '192.0.2.10', port: options.port ?? 25 } });
  const prefix = smtpPrefix(b, { banner, port: options.port ?? 25, ...options });
  return { b, prefix };
};

/** The greeting refused: no EHLO follows. */
const refusedGreeting = (banner: string[]): Scenario => {
  const b = new SessionBuilder({ server: { host: '192.0.2.10', port: 25 } });
  b.note('connect', 'connecting to 192.0.2.10 port 25');
  b.step('connect', 'ok');
  b.fact('connect.remote', { host: '192.0.2.10', port: 25, address: '192.0.2.10', ms: 3 });
  const lines = b.server('banner', ...banner);
  b.fact('banner', {
    code: Number(banner[0]!.slice(0, 3)),
    text: banner.join('\n'),
    ms: 4,
    host: '',
  });
  b.step('banner', 'error', `the server refused the session: ${banner[0]}`);
  b.client('banner', 'QUIT');
  b.server('banner', '221 2.0.0 Bye');
  b.step('ehlo', 'skipped', 'not run: banner failed');
  return { session: b.build(), evidence: lines };
};

export const pixFixup = (): Scenario => {
  const b = new SessionBuilder({ server: { host: '192.0.2.10', port: 25 } });
  b.note('connect', 'connecting to 192.0.2.10 port 25');
  b.step('connect', 'ok');
  b.fact('connect.remote', { host: '192.0.2.10', port: 25, address: '192.0.2.10', ms: 3 });
  const banner = b.server('banner', '220 ****************************2**0*0***');
  b.fact('banner', {
    code: 220,
    text: '****************************2**0*0***',
    ms: 12,
    host: '****************************2**0*0***',
  });
  b.step('banner', 'ok');
  b.client('ehlo', 'EHLO client.example.test');
  const ehlo = b.server('ehlo', '500 5.5.1 Command unrecognized: "XXXX client.example.test"');
  b.note(
    'ehlo',
    'EHLO is not understood; falling back to HELO (no extensions: no STARTTLS, no AUTH)',
  );
  b.fact('ehlo.helo', true);
  b.client('ehlo', 'HELO client.example.test');
  b.server('ehlo', '250 mail.example.test');
  b.step('ehlo', 'warning', 'only HELO accepted: the server offers no ESMTP extensions');
  b.note(
    'tls',
    'the server does not offer STARTTLS: everything, passwords included, would cross the network in clear text',
  );
  b.step('tls', 'warning', 'STARTTLS not offered');
  return { session: b.build(), evidence: [...banner, ...ehlo] };
};

export const rejected = () =>
  refusedGreeting(['554 5.7.1 <unknown[192.0.2.1]>: Client host rejected: Access denied']);
export const unavailable = () => refusedGreeting(['421 4.3.2 Service currently unavailable']);
export const tooManyConnections = () =>
  refusedGreeting(['421 4.7.0 mail.example.test Error: too many connections from 192.0.2.1']);

export const slow = (ms: number): Scenario => {
  const { b, prefix } = withBanner('220 mail.example.test ESMTP Postfix', { bannerMs: ms });
  return { session: b.build(), evidence: prefix.banner };
};

export const ptrMismatch = (): Scenario => {
  const b = new SessionBuilder({ domain: 'example.test', input: 'example.test' });
  b.client('dns', 'PTR 10.2.0.192.in-addr.arpa? @127.0.0.1:53');
  const ptr = b.server('dns', 'PTR mail.example.test (3 ms)');
  b.dns({
    mx: [{ preference: 10, exchange: 'mail.example.test', addresses: ['192.0.2.10'] }],
    ptr: [
      {
        address: '192.0.2.10',
        reverseName: '10.2.0.192.in-addr.arpa',
        names: ['mail.example.test'],
        forwardConfirmed: true,
        confirmedNames: ['mail.example.test'],
        outcome: 'answer',
      },
    ],
    problems: [],
  });
  b.step('dns', 'ok', 'MX 10 mail.example.test');
  const prefix = smtpPrefix(b, { banner: '220 mx3.internal.example.net ESMTP Postfix', port: 25 });
  return { session: b.build(), evidence: [...ptr, ...prefix.banner] };
};

export const disclosed = (banner: string): Scenario => {
  const { b, prefix } = withBanner(banner);
  return { session: b.build(), evidence: prefix.banner };
};

export const noHostname = (): Scenario => {
  const { b, prefix } = withBanner("220 This is the example.com mailserver. How you doin'?");
  return { session: b.build(), evidence: prefix.banner };
};

const bannerFailure = (code: string, message: string, port = 25, raw?: string): Scenario => {
  const b = new SessionBuilder({ server: { host: '192.0.2.10', port } });
  const lines = [b.note('connect', `connecting to 192.0.2.10 port ${port}`)];
  lines.push(b.note('connect', `connected to 192.0.2.10 port ${port} in 3 ms`));
  b.step('connect', 'ok');
  b.fact('connect.remote', { host: '192.0.2.10', port, address: '192.0.2.10', ms: 3 });
  if (raw) lines.push(b.note('banner', `unparseable bytes from the server: ${raw}`));
  const last = b.note('banner', `${code}: ${message}`);
  b.fact('banner.error', { code, origin: 'remote', message });
  b.step('banner', 'error', message);
  b.step('ehlo', 'skipped', 'not run: banner failed');
  return { session: b.build(), evidence: raw ? [lines[2]!] : [...lines, last] };
};

export const closed = () => bannerFailure('ECLOSED', '192.0.2.10:25 closed the connection');
export const greetingTimeout = () =>
  bannerFailure('ETIMEDOUT', 'no greeting from 192.0.2.10:465 within 30 s', 465);
/** A tarpit: the greeting began at once, then came a byte at a time until the deadline. */
export const dripTimeout = (): Scenario => {
  const scenario = bannerFailure('ETIMEDOUT', 'no greeting from 192.0.2.10:25 within 30 s', 25);
  const drip = { bytes: 31, chunks: 31, firstByteMs: 4, ms: 30_002, complete: false };
  scenario.session.facts = {
    ...scenario.session.facts,
    'banner.drip': { ...drip, partial: '220 mail.example.test ESMTP Po' },
  };
  return scenario;
};

/** Nothing at all on port 25 until the deadline (the note after the silent wait included). */
export const silentTimeout = (): Scenario => {
  const scenario = bannerFailure('ETIMEDOUT', 'no greeting from 192.0.2.10:25 within 30 s', 25);
  scenario.session.facts = {
    ...scenario.session.facts,
    'banner.silent': { ms: 5000, port: 25 },
  };
  return scenario;
};

/** A whole greeting, dripped over 12 s before its line ended. */
export const dripComplete = (): Scenario => {
  const scenario = slow(12_000);
  scenario.session.facts = {
    ...scenario.session.facts,
    'banner.drip': { bytes: 37, chunks: 37, firstByteMs: 3, ms: 12_000, complete: true },
  };
  return scenario;
};

export const notSmtp = () =>
  bannerFailure('EPROTOCOL', 'not an SMTP reply', 110, '+OK Dovecot ready.\\r\\n');

export const bannerScenarios: Scenarios = {
  'banner.pix-fixup': pixFixup,
  'banner.rejected': rejected,
  'banner.unavailable': unavailable,
  'banner.too-many-connections': tooManyConnections,
  'banner.slow': () => slow(45_000),
  'banner.ptr-mismatch': ptrMismatch,
  'banner.software-disclosed': () => disclosed('220 mail.example.test ESMTP Postfix (Debian/GNU)'),
  'banner.no-hostname': noHostname,
  'banner.closed': closed,
  'banner.timeout': greetingTimeout,
  'banner.drip': dripTimeout,
  'banner.not-smtp': notSmtp,
};
