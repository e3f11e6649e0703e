// SMTP behaviour no library will produce, scripted: what a Cisco PIX "fixup protocol smtp" or an
// ASA "inspect esmtp" leaves of a session (a banner of asterisks, EHLO refused as unrecognised,
// STARTTLS overwritten with X's), a tarpit that drips its greeting one byte at a time, and a
// server that offers AUTH only in clear text. Each still receives mail for the lab domain, so a
// learner can finish the conversation by hand.
import type { Listener, Peer } from '../net/listener.js';
import { listenTcp } from '../net/listener.js';
import { LineReader } from './lines.js';
import type { LabMailbox } from './mailbox.js';
import type { ScriptedKind } from './scenario-types.js';
import { LAB_MAX_MESSAGE } from './smtp-library-server.js';

export interface ScriptedOptions {
  kind: ScriptedKind;
  hostname: string;
  domain: string;
  mailbox: LabMailbox;
  log: (text: string) => void;
  /** Tarpit: milliseconds between two bytes of the greeting. */
  dripMs?: number;
}

export const DEFAULT_DRIP_MS = 400;
const MASKED = `220 ${'*'.repeat(34)}`;
const UNRECOGNISED = '500 5.5.1 Command unrecognized';

const serve = (peer: Peer, options: ScriptedOptions): void => {
  const { kind, hostname, domain, mailbox } = options;
  let from: string | undefined;
  let to: string[] = [];
  let data: Buffer[] | undefined;
  let dataSize = 0;
  let user: string | undefined;
  let login: 'user' | 'password' | 'plain' | undefined;
  let loginUser = '';
  let greeted = kind !== 'tarpit';
  let timer: ReturnType<typeof setTimeout> | undefined;
  peer.onClose(() => clearTimeout(timer));
  const send = (line: string): void => peer.write(`${line}\r\n`);
  const local = (address: string): boolean => address.toLowerCase().endsWith(`@${domain}`);

  const ehloLines = (): string[] => {
    switch (kind) {
      case 'starttls-stripped':
        return ['PIPELINING', 'SIZE 10240000', 'XXXXXXXA', '8BITMIME', 'XXXXXXXXXXXXXXXXXXXXB'];
      case 'auth-in-clear':
        return [
          'PIPELINING',
          'SIZE 10240000',
          'AUTH PLAIN LOGIN',
          'ENHANCEDSTATUSCODES',
          '8BITMIME',
        ];
      default:
        return ['PIPELINING', 'SIZE 10240000', 'ENHANCEDSTATUSCODES', '8BITMIME'];
    }
  };

  const checkLogin = (name: string, password: string): void => {
    login = undefined;
    if (name === mailbox.user && password === mailbox.password) {
      user = name;
      options.log(
        `AUTH in clear text as ${name}: accepted (the password crossed the network unencrypted)`,
      );
      send('235 2.7.0 Authentication successful');
    } else send('535 5.7.8 Error: authentication failed: authentication credentials invalid');
  };

  const finishData = (): void => {
    const message = Buffer.concat(data ?? []);
    data = undefined;
    if (dataSize > LAB_MAX_MESSAGE) send('552 5.3.4 Error: message file too big');
    else {
      if (to.some(local)) mailbox.deliver(message);
      const id = Math.random().toString(16).slice(2, 12).toUpperCase();
      options.log(`queued as ${id} for ${to.join(', ')}`);
      send(`250 2.0.0 Ok: queued as ${id}`);
    }
    from = undefined;
    to = [];
  };

  const onLine = (line: string): void => {
    if (!greeted) return; // a tarpit ignores clients that talk first
    if (data) {
      if (line === '.') return finishData();
      const text = `${line.startsWith('.') ? line.slice(1) : line}\r\n`;
      dataSize += text.length;
      if (dataSize <= LAB_MAX_MESSAGE) data.push(Buffer.from(text));
      return;
    }
    if (login) {
      const decoded = Buffer.from(line, 'base64').toString('utf8');
      if (line === '*') {
        login = undefined;
        return send('501 5.7.0 Authentication aborted');
      }
      if (login === 'plain') {
        const parts = decoded.split('\0');
        return checkLogin(parts[1] ?? '', parts[2] ?? '');
      }
      if (login === 'user') {
        loginUser = decoded;
        login = 'password';
        return send('334 UGFzc3dvcmQ6');
      }
      return checkLogin(loginUser, decoded);
    }
    const [verbRaw = '', ...rest] = line.split(' ');
    const verb = verbRaw.toUpperCase();
    const arg = rest.join(' ');
    // The fixup lets through only the commands of RFC 821 and garbles the rest.
    if (
      kind === 'fixup' &&
      !['HELO', 'MAIL', 'RCPT', 'DATA', 'RSET', 'NOOP', 'QUIT'].includes(verb)
    )
      return send(`${UNRECOGNISED}: "${'X'.repeat(Math.min(line.length, 40))}"`);
    const address = /<([^>]*)>/.exec(arg)?.[1];
    switch (verb) {
      case 'EHLO': {
        const lines = [hostname, ...ehloLines()];
        lines.forEach((l, i) => send(`250${i === lines.length - 1 ? ' ' : '-'}${l}`));
        return;
      }
      case 'HELO':
        return send(`250 ${hostname}`);
      case 'STARTTLS':
        return send(
          kind === 'starttls-stripped'
            ? `${UNRECOGNISED}`
            : '502 5.5.1 STARTTLS is not offered here',
        );
      case 'AUTH': {
        if (kind !== 'auth-in-clear') return send('502 5.5.1 AUTH is not offered here');
        if (user) return send('503 5.5.1 Error: already authenticated');
        const [mech = '', initial] = arg.split(' ');
        if (mech.toUpperCase() === 'PLAIN') {
          if (initial === undefined) {
            login = 'plain';
            return send('334 ');
          }
          const parts = Buffer.from(initial, 'base64').toString('utf8').split('\0');
          return checkLogin(parts[1] ?? '', parts[2] ?? '');
        }
        if (mech.toUpperCase() === 'LOGIN') {
          login = 'user';
          return send('334 VXNlcm5hbWU6');
        }
        return send('504 5.5.4 Unrecognized authentication type');
      }
      case 'MAIL':
        if (address === undefined || !/^FROM:/i.test(arg))
          return send('501 5.5.4 Syntax: MAIL FROM:<address>');
        from = address;
        to = [];
        return send('250 2.1.0 Ok');
      case 'RCPT':
        if (from === undefined) return send('503 5.5.1 Error: need MAIL command');
        if (address === undefined || !/^TO:/i.test(arg))
          return send('501 5.5.4 Syntax: RCPT TO:<address>');
        if (!local(address) && !user) return send(`554 5.7.1 <${address}>: Relay access denied`);
        to.push(address);
        return send('250 2.1.5 Ok');
      case 'DATA':
        if (to.length === 0) return send('554 5.5.1 Error: no valid recipients');
        data = [];
        dataSize = 0;
        return send('354 End data with <CR><LF>.<CR><LF>');
      case 'RSET':
        from = undefined;
        to = [];
        return send('250 2.0.0 Ok');
      case 'NOOP':
        return send('250 2.0.0 Ok');
      case 'QUIT':
        send('221 2.0.0 Bye');
        return peer.close();
      default:
        return send('502 5.5.2 Error: command not recognized');
    }
  };

  const reader = new LineReader(onLine, () => {
    send('500 5.5.0 Error: line too long');
    peer.close();
  });
  peer.onData((chunk) => reader.push(chunk));

  if (kind === 'tarpit') {
    const greeting = Buffer.from(`220 ${hostname} ESMTP practice server (mailmedic lab)\r\n`);
    let at = 0;
    const drip = (): void => {
      if (!peer.open) return;
      peer.write(greeting.subarray(at, at + 1));
      at += 1;
      if (at < greeting.length) timer = setTimeout(drip, options.dripMs ?? DEFAULT_DRIP_MS);
      else greeted = true;
    };
    drip();
  } else send(kind === 'fixup' ? MASKED : `220 ${hostname} ESMTP practice server (mailmedic lab)`);
};

export const startScriptedSmtpServer = (options: ScriptedOptions): Promise<Listener> =>
  listenTcp({ onPeer: (peer) => serve(peer, options) });
