// Where the manual console connects when it practises on the lab: the lab's servers named by the
// standard port of the role they play (25 receives, 587 submission, 465 SMTP over TLS, 110/995
// POP3, 143/993 IMAP), so a lesson written for port 587 lands on the lab's submission server.
import type { LabInstance, LabPorts } from './lab.js';

/** The standard ports the lab has a server for, and which of its listeners plays that role. */
export const LAB_ROLES: Readonly<Record<number, keyof LabPorts>> = {
  25: 'smtp',
  587: 'submission',
  465: 'smtps',
  110: 'pop3',
  995: 'pop3s',
  143: 'imap',
  993: 'imaps',
};

export const LAB_ROLE_PORTS: readonly number[] = Object.keys(LAB_ROLES).map(Number);

const IMPLICIT: ReadonlySet<keyof LabPorts> = new Set(['smtps', 'pop3s', 'imaps']);

const DESCRIPTIONS: Record<keyof LabPorts, string> = {
  dns: 'DNS server',
  smtp: 'SMTP server in the port-25 role (receives for the lab domain, refuses relaying)',
  submission: 'submission server (STARTTLS, then AUTH)',
  smtps: 'SMTP server with implicit TLS (the port-465 role)',
  pop3: 'POP3 server (STLS offered)',
  pop3s: 'POP3 server with implicit TLS (the port-995 role)',
  imap: 'IMAP server (STARTTLS offered)',
  imaps: 'IMAP server with implicit TLS (the port-993 role)',
};

export interface LabEndpoint {
  /** Loopback: the lab listens nowhere else. */
  host: string;
  port: number;
  /** TLS from the first byte. */
  tls: boolean;
  /** The name its certificate holds (SNI and the hostname check). */
  servername: string;
  /** The standard port of the role, e.g. 587. */
  role: number;
  /** What plays that role, in a phrase. */
  description: string;
}

/** The lab's server for a standard port, or undefined when the lab has none in that role. */
export const labEndpoint = (lab: LabInstance, role: number): LabEndpoint | undefined => {
  const key = LAB_ROLES[role];
  if (!key) return undefined;
  return {
    host: '127.0.0.1',
    port: lab.ports[key],
    tls: IMPLICIT.has(key),
    servername: lab.mailHost,
    role,
    description: DESCRIPTIONS[key],
  };
};
