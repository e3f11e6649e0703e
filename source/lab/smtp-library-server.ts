// The lab's real SMTP servers, on nodemailer's smtp-server: the port-25 role (receives for the lab
// domain, refuses to relay, no AUTH), submission (STARTTLS, then AUTH PLAIN, LOGIN or CRAM-MD5)
// and implicit TLS. A scenario's policy decides the replies that teach its lesson; mail that is
// accepted for the lab domain lands in the practice mailbox.
import { randomBytes } from 'node:crypto';
import { SMTPServer } from 'smtp-server';
import type { SMTPServerAddress, SMTPServerError, SMTPServerSession } from 'smtp-server';
import type { Listener } from '../net/listener.js';
import { listenServer } from '../net/listener.js';
import type { LabMailbox } from './mailbox.js';
import type { Refusal, SmtpPolicy } from './scenario-types.js';

export type SmtpRole = 'mx' | 'submission' | 'smtps';

export interface LibraryServerOptions {
  role: SmtpRole;
  policy: SmtpPolicy;
  hostname: string;
  domain: string;
  mailbox: LabMailbox;
  credentials: { key: string; cert: string };
  /** Called with each event worth showing in the lab's log. */
  log: (text: string) => void;
  now?: () => number;
}

/** The largest message the lab keeps when the scenario sets no limit. */
export const LAB_MAX_MESSAGE = 10 * 1024 * 1024;

const error = (code: number, text: string): SMTPServerError =>
  Object.assign(new Error(text), { responseCode: code });

const fill = (text: string, values: Record<string, string>): string =>
  text.replace(/\{(\w+)\}/g, (all, key: string) => values[key] ?? all);

const refusalFor = (
  refusals: readonly Refusal[] | undefined,
  at: Refusal['at'],
): Refusal | undefined => refusals?.find((r) => r.at === at);

const queueId = (): string => randomBytes(5).toString('hex').toUpperCase();

export const startLibrarySmtpServer = async (options: LibraryServerOptions): Promise<Listener> => {
  const { role, policy, domain, mailbox, log } = options;
  const now = options.now ?? Date.now;
  const local = (address: string): boolean => address.toLowerCase().endsWith(`@${domain}`);
  const knownLocal = (address: string): boolean =>
    [mailbox.address, `postmaster@${domain}`].includes(address.toLowerCase());
  const greylist = new Map<string, number>();
  const values = (session: SMTPServerSession, address = ''): Record<string, string> => ({
    address,
    client: session.remoteAddress.replace(/^::ffff:/, ''),
    domain,
  });

  const server = new SMTPServer({
    name: options.hostname,
    banner: 'practice server (mailmedic lab)',
    disableReverseLookup: true,
    secure: role === 'smtps',
    key: options.credentials.key,
    cert: options.credentials.cert,
    size: policy.size ?? LAB_MAX_MESSAGE,
    logger: false,
    disabledCommands: role === 'mx' ? ['AUTH'] : [],
    authMethods: ['PLAIN', 'LOGIN', 'CRAM-MD5'],
    authOptional: role === 'mx',
    allowInsecureAuth: false,
    hideENHANCEDSTATUSCODES: true,
    // A lab session may be left open while a learner reads; the real timeout is net/'s idle one.
    socketTimeout: 5 * 60_000,
    closeTimeout: 1000,
    // AUTH appears only once TLS is up, as with Postfix's smtpd_tls_auth_only: a client that
    // never starts TLS is never invited to send its password.
    onConnect(session, callback) {
      if (role === 'submission') session.disabledCommands = ['AUTH'];
      callback();
    },
    onSecure(_socket, session, callback) {
      session.disabledCommands = role === 'mx' ? ['AUTH'] : [];
      callback();
    },
    onAuth(auth, _session, callback) {
      const ok =
        auth.username === mailbox.user &&
        (auth.method === 'CRAM-MD5'
          ? auth.validatePassword(mailbox.password)
          : auth.password === mailbox.password);
      log(`AUTH ${auth.method} as ${auth.username ?? '?'}: ${ok ? 'accepted' : 'refused'}`);
      if (!ok)
        return callback(
          error(535, '5.7.8 Error: authentication failed: authentication credentials invalid'),
        );
      callback(null, { user: auth.username });
    },
    onMailFrom(address: SMTPServerAddress, session, callback) {
      if (policy.requireTls && !session.secure)
        return callback(error(530, '5.7.0 Must issue a STARTTLS command first'));
      const refusal = refusalFor(policy.refusals, 'mail');
      if (refusal)
        return callback(error(refusal.code, fill(refusal.text, values(session, address.address))));
      callback();
    },
    onRcptTo(address: SMTPServerAddress, session, callback) {
      const to = address.address;
      const v = values(session, to);
      if (!local(to) && !session.user) {
        log(`refused to relay to ${to} for ${v.client} (not authenticated)`);
        return callback(error(554, fill('5.7.1 <{address}>: Relay access denied', v)));
      }
      if (local(to) && !knownLocal(to))
        return callback(
          error(
            550,
            fill(
              '5.1.1 <{address}>: Recipient address rejected: User unknown in virtual mailbox table',
              v,
            ),
          ),
        );
      if (policy.greylist) {
        const key = `${v.client}/${session.envelope.mailFrom ? session.envelope.mailFrom.address : ''}/${to}`;
        const first = greylist.get(key);
        if (first === undefined || now() - first < policy.greylist.seconds * 1000) {
          if (first === undefined) greylist.set(key, now());
          log(`greylisted ${key}: retry after ${policy.greylist.seconds} s`);
          return callback(
            error(
              450,
              fill(
                '4.2.0 <{address}>: Recipient address rejected: Greylisted, see https://postgrey.schweikert.ch/help/{domain}.html',
                v,
              ),
            ),
          );
        }
      }
      const refusal = refusalFor(policy.refusals, 'rcpt');
      if (refusal) return callback(error(refusal.code, fill(refusal.text, v)));
      callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      let size = 0;
      stream.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size <= LAB_MAX_MESSAGE) chunks.push(chunk);
      });
      stream.on('end', () => {
        const exceeded = (stream as unknown as { sizeExceeded?: boolean }).sizeExceeded;
        if (exceeded) return callback(error(552, '5.3.4 Error: message file too big'));
        const refusal = refusalFor(policy.refusals, 'data');
        if (refusal) return callback(error(refusal.code, fill(refusal.text, values(session))));
        const id = queueId();
        const recipients = session.envelope.rcptTo.map((r) => r.address);
        const received =
          `Return-Path: <${session.envelope.mailFrom ? session.envelope.mailFrom.address : ''}>\r\n` +
          `Received: from ${session.hostNameAppearsAs} ([${values(session).client}])\r\n` +
          `\tby ${options.hostname} (mailmedic practice lab) with ${session.user ? 'ESMTPSA' : 'ESMTP'}${session.secure ? 'S' : ''} id ${id}\r\n` +
          `\tfor <${recipients.join('>, <')}>; ${new Date(now()).toUTCString()}\r\n`;
        const message = Buffer.concat([Buffer.from(received), ...chunks]);
        if (recipients.some((r) => local(r))) mailbox.deliver(message);
        const away = recipients.filter((r) => !local(r));
        if (away.length > 0)
          log(`would relay to ${away.join(', ')}; the lab has no Internet, so it is dropped`);
        log(`queued as ${id} for ${recipients.join(', ')} (${size} bytes)`);
        callback(null, `2.0.0 Ok: queued as ${id}`);
      });
    },
  });
  server.on('error', () => undefined);
  return listenServer(server.server);
};
