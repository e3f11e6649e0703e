// TARGET and HOST[:PORT] values: a domain, an address (its domain), a host, or host:port.
// IP literals are recognised by dns/address.ts: node:net's isIPv6 compiles a very large
// expression on first use (15-100 ms of start-up).
import { addressFamily } from '../dns/address.js';
import { unsafeCharacterReason } from '../protocols/common/input.js';
import type { HostPort } from '../session/config.js';
import { UsageError } from './usage-error.js';

const LABEL = /^(?!-)[A-Za-z0-9-]{1,63}(?<!-)$/;

export const isHostName = (name: string): boolean =>
  name.length <= 253 &&
  name
    .replace(/\.$/, '')
    .split('.')
    .every((label) => LABEL.test(label) || /^[\p{L}\p{N}-]{1,63}$/u.test(label));

const parsePort = (flag: string, text: string): number => {
  const port = Number(text);
  if (!/^\d+$/.test(text) || port < 1 || port > 65535)
    throw new UsageError(flag, `"${text}" is not a port (1-65535)`);
  return port;
};

export const parseHostPort = (flag: string, value: string): HostPort => {
  const reason = unsafeCharacterReason(value);
  if (reason) throw new UsageError(flag, reason);
  const v6 = /^\[([0-9a-fA-F:.]+)\](?::(\d+))?$/.exec(value);
  if (v6) {
    if (addressFamily(v6[1]!) !== 6)
      throw new UsageError(flag, `"${v6[1]}" is not an IPv6 address`);
    return { host: v6[1]!, ...(v6[2] ? { port: parsePort(flag, v6[2]) } : {}) };
  }
  if (addressFamily(value) === 6) return { host: value };
  const parts = value.split(':');
  if (parts.length > 2)
    throw new UsageError(flag, `"${value}" is not HOST[:PORT] (write IPv6 as [addr]:port)`);
  const [host = '', port] = parts;
  if (host === '' || (addressFamily(host) === undefined && !isHostName(host)))
    throw new UsageError(flag, `"${host}" is not a host name or IP address`);
  return { host, ...(port !== undefined ? { port: parsePort(flag, port) } : {}) };
};

export interface ParsedTarget {
  input: string;
  domain?: string;
  server?: HostPort;
}

export const parseTarget = (input: string): ParsedTarget => {
  const reason = unsafeCharacterReason(input);
  if (reason) throw new UsageError('TARGET', reason);
  const trimmed = input.trim();
  if (trimmed === '') throw new UsageError('TARGET', 'is empty');
  if (trimmed.includes('@')) {
    const domain = trimmed.slice(trimmed.lastIndexOf('@') + 1).replace(/>$/, '');
    if (!isHostName(domain))
      throw new UsageError('TARGET', `"${domain}" (the domain of ${trimmed}) is not a domain name`);
    return { input: trimmed, domain: domain.toLowerCase() };
  }
  const hostPort = parseHostPort('TARGET', trimmed);
  if (hostPort.port !== undefined || addressFamily(hostPort.host) !== undefined)
    return { input: trimmed, server: hostPort };
  return { input: trimmed, domain: hostPort.host.toLowerCase().replace(/\.$/, '') };
};

const MAILBOX_SCHEMES = {
  pop3: { plain: 'pop3', secure: 'pop3s', plainPort: 110, securePort: 995 },
  imap: { plain: 'imap', secure: 'imaps', plainPort: 143, securePort: 993 },
} as const;

/**
 * --pop3 / --imap: HOST[:PORT], or with a scheme as curl and mail clients write it
 * (pop3s://host:port) when implicit TLS runs on a port other than 995 or 993.
 */
export const parseMailboxServer = (
  flag: string,
  value: string,
  protocol: 'pop3' | 'imap',
): HostPort => {
  const names = MAILBOX_SCHEMES[protocol];
  const scheme = /^([a-z0-9]+):\/\/(.*)$/i.exec(value);
  if (!scheme) {
    const hostPort = parseHostPort(flag, value);
    const port = hostPort.port ?? names.securePort;
    return { ...hostPort, port, tls: port === names.securePort };
  }
  const name = scheme[1]!.toLowerCase();
  if (name !== names.plain && name !== names.secure) {
    throw new UsageError(flag, `"${scheme[1]}://" is not ${names.plain}:// or ${names.secure}://`);
  }
  const secure = name === names.secure;
  const hostPort = parseHostPort(flag, scheme[2]!.replace(/\/$/, ''));
  return {
    ...hostPort,
    port: hostPort.port ?? (secure ? names.securePort : names.plainPort),
    tls: secure,
  };
};
