// Which resolvers to ask: the ones given with --dns, or the system's own. node:dns is imported
// only for getServers(); every lookup goes through our own client so its deadline holds.
import { getServers } from 'node:dns';
import { readFileSync } from 'node:fs';
import { canonicalAddress, parseIPv4, parseIPv6 } from './address.js';
import { InputError } from './common.js';

export interface Resolver {
  host: string;
  port: number;
  /** "127.0.0.1:5353" or "[::1]:53": how the resolver is named in every message. */
  label: string;
}

const DEFAULT_PORT = 53;
const ZONE = /^[A-Za-z0-9_.-]{1,64}$/;

const labelOf = (host: string, port: number): string =>
  host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;

const parsePort = (text: string, spec: string): number => {
  if (!/^[0-9]{1,5}$/.test(text)) throw new InputError('--dns', `bad port in "${spec}"`);
  const port = Number(text);
  if (port < 1 || port > 65535)
    throw new InputError('--dns', `port ${port} in "${spec}" is outside 1-65535`);
  return port;
};

const parseHost = (text: string, spec: string): string => {
  if (parseIPv4(text)) return text;
  const zoneAt = text.indexOf('%');
  const address = zoneAt === -1 ? text : text.slice(0, zoneAt);
  const zone = zoneAt === -1 ? '' : text.slice(zoneAt + 1);
  if (parseIPv6(address) && (zoneAt === -1 || ZONE.test(zone))) {
    const canonical = canonicalAddress(address) ?? address;
    // A mapped address is really IPv4 and must be asked over an IPv4 socket.
    if (!canonical.includes(':')) return canonical;
    return zone ? `${canonical}%${zone}` : canonical;
  }
  throw new InputError('--dns', `"${spec}" is not an IP address (IP, IP:PORT or [IPv6]:PORT)`);
};

/** Parses "IP", "IP:PORT", "IPv6", "[IPv6]" or "[IPv6]:PORT"; a host name is refused. */
export const parseResolver = (spec: string): Resolver => {
  const text = spec.trim();
  if (text === '') throw new InputError('--dns', 'empty resolver address');
  let host: string;
  let port = DEFAULT_PORT;
  const bracketed = /^\[([^\]]+)\](?::(.*))?$/.exec(text);
  if (bracketed) {
    host = parseHost(bracketed[1] ?? '', spec);
    if (bracketed[2] !== undefined) port = parsePort(bracketed[2], spec);
  } else if (text.split(':').length === 2) {
    const [h = '', p = ''] = text.split(':');
    host = parseHost(h, spec);
    port = parsePort(p, spec);
  } else {
    host = parseHost(text, spec);
  }
  return { host, port, label: labelOf(host, port) };
};

const fromResolvConf = (): string[] => {
  try {
    return readFileSync('/etc/resolv.conf', 'utf8')
      .split('\n')
      .map((line) => /^\s*nameserver\s+(\S+)/.exec(line)?.[1])
      .filter((v): v is string => v !== undefined);
  } catch {
    return [];
  }
};

/**
 * The system's resolvers as node sees them (getServers() reads resolv.conf or the platform's
 * equivalent), else resolv.conf read directly, else 127.0.0.1:53 as the C library would.
 */
export const systemResolvers = (): Resolver[] => {
  const parseAll = (specs: string[]): Resolver[] => {
    const out: Resolver[] = [];
    for (const spec of specs) {
      try {
        const resolver = parseResolver(spec);
        if (!out.some((r) => r.label === resolver.label)) out.push(resolver);
      } catch {
        // A line we cannot use (a host name, a typo) is skipped, as the C library does.
      }
    }
    return out;
  };
  let servers: string[] = [];
  try {
    servers = getServers();
  } catch {
    servers = [];
  }
  const found = parseAll(servers);
  if (found.length > 0) return found;
  const conf = parseAll(fromResolvConf());
  return conf.length > 0 ? conf : [parseResolver('127.0.0.1')];
};
