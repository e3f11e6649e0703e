// Why a connection did not happen, from the error code the net layer recorded, and what the
// port 587 probe after a port 25 timeout tells about where the block is.
import { factOf } from '../../record/facts.js';
import type { NextAction, Session } from '../../record/types.js';
import { compareResolver, nextMx, retryPort } from '../actions.js';
import type { Rule } from '../rule.js';
import { finding, notesMatching, serverLines, smtpTarget, stepFailed } from '../rule.js';

const errorCode = (session: Session): string | undefined =>
  stepFailed(session, 'connect') ? factOf(session, 'connect.error')?.code : undefined;

interface MailHostView {
  host: string;
  addresses: string[];
}

const mailHosts = (session: Session): MailHostView[] => {
  const hosts = session.dns?.['mailHosts'];
  if (!Array.isArray(hosts)) return [];
  return hosts.flatMap((h: unknown) => {
    const host = (h as { host?: unknown })?.host;
    const addresses = (h as { addresses?: unknown })?.addresses;
    return typeof host === 'string'
      ? [{ host, addresses: Array.isArray(addresses) ? addresses.map(String) : [] }]
      : [];
  });
};

/** Offered when DNS gave more than one address to deliver to. */
const nextMxAction = (session: Session): NextAction | undefined =>
  mailHosts(session).reduce((n, h) => n + h.addresses.length, 0) > 1 ? nextMx() : undefined;

/** The port a client would try next after this one failed. */
const otherPort = (port: number | undefined): number => (port === 587 ? 465 : 587);

const evidence = (session: Session): number[] => serverLines(session, 'connect');

export const connectRules: Rule[] = [
  {
    id: 'connect.refused',
    step: 'connect',
    evaluate: (session) => {
      if (errorCode(session) !== 'ECONNREFUSED') return [];
      const target = smtpTarget(session);
      const attempts = factOf(session, 'connect.attempts') ?? [];
      const hosts = [...new Set(attempts.map((a) => a.servername))];
      const title =
        attempts.length > 1 && attempts.every((a) => !a.ok)
          ? `Every mail host refused the connection on port ${target.port ?? 25} (${attempts.length} addresses of ${hosts.join(', ')})`
          : `Connection refused by ${target.label}`;
      return [
        finding({
          id: 'connect.refused',
          severity: 'error',
          step: 'connect',
          title,
          explanation:
            'The host is up and answered at once, but with a TCP reset: nothing accepts connections on that port. The mail service is stopped, listens on another address or port (only on 127.0.0.1, for instance), or a firewall rejects the connection actively (a REJECT rule rather than a silent DROP).',
          evidence: evidence(session),
          next: [
            `On the server, check that the mail service runs and listens on port ${target.port ?? 25}: \`ss -ltnp | grep ':${target.port ?? 25} '\` (for Postfix also \`postfix status\`, for Exim \`exim -bV\`).`,
            'Check that the service listens on the public address, not only on 127.0.0.1 (Postfix: inet_interfaces in main.cf).',
            'Check the host firewall and any network firewall in front of it for a REJECT rule on this port.',
            target.port === 25
              ? 'A mail client sends on the submission port 587 (or 465 with TLS), not on 25: try that port if this is a client problem.'
              : 'Check that this is the right port: 25 between servers, 587 (STARTTLS) or 465 (implicit TLS) for clients.',
          ],
          actions: [retryPort(otherPort(target.port)), nextMxAction(session)],
        }),
      ];
    },
  },
  {
    id: 'connect.port25-blocked',
    step: 'connect',
    evaluate: (session) => {
      const probe = factOf(session, 'connect.probe');
      if (errorCode(session) !== 'ETIMEDOUT' || !probe?.reachable) return [];
      const target = smtpTarget(session);
      return [
        finding({
          id: 'connect.port25-blocked',
          severity: 'error',
          step: 'connect',
          title: `Port 25 is blocked on the way to ${target.host} (port ${probe.port} answers)`,
          explanation: `Port 25 got no answer at all, while port ${probe.port} of the same host answered in ${probe.ms} ms. The host is up and reachable, so something between here and there silently drops port 25. Very often that is this network or its provider: most home and mobile ISPs and the big clouds (AWS, Azure, Google Cloud) block outgoing port 25 to stop infected machines from sending spam. It says nothing about the mail server itself.`,
          evidence: [...evidence(session), ...notesMatching(session, /probing port|answers \(/)],
          next: [
            'Ask the network administrator or the ISP whether outgoing port 25 is blocked (cloud providers lift it on request).',
            'Run the same check from a machine in another network (a server in a data centre, or the mail server itself) to confirm that port 25 works from there.',
            `A mail client should not use port 25 anyway: submit on port ${probe.port} with STARTTLS and authentication (RFC 6409).`,
          ],
          actions: [retryPort(probe.port, `Try port ${probe.port} (submission)`)],
        }),
      ];
    },
  },
  {
    id: 'connect.timeout',
    step: 'connect',
    evaluate: (session) => {
      const probe = factOf(session, 'connect.probe');
      if (errorCode(session) !== 'ETIMEDOUT' || probe?.reachable) return [];
      const target = smtpTarget(session);
      const port = target.port;
      const bothDead = probe !== undefined && !probe.reachable;
      return [
        finding({
          id: 'connect.timeout',
          severity: 'error',
          step: 'connect',
          title: `No answer from ${target.label}`,
          explanation: bothDead
            ? `Neither port ${port ?? 25} nor port ${probe.port} answered: packets to the host get no reply at all. The host is down, its address is wrong, or a firewall drops everything to it. A refused connection would have come back at once; silence means the packets are dropped or go nowhere.`
            : `The connection attempt got no reply at all: a firewall drops the packets silently, the host is down, or the route to it is broken.${port === 25 ? ' On port 25 this is very often the network or the ISP of the person testing, blocking outgoing SMTP.' : ''}`,
          evidence: [
            ...evidence(session),
            ...notesMatching(session, /probing port|does not answer/),
          ],
          next: [
            port === 25 && !probe
              ? 'Try port 587 on the same host: if 587 answers and 25 does not, outgoing port 25 is blocked on this network.'
              : `Check from another network whether ${target.host} answers on any port (\`nc -vz ${target.host} ${port ?? 25}\`).`,
            `Trace the path: \`traceroute -T -p ${port ?? 25} ${target.host}\` shows where the packets stop.`,
            'Ask whoever runs the server whether it is up and whether a firewall in front of it allows this port from your address.',
          ],
          actions: [
            port === 25 && !probe ? retryPort(587, 'Try port 587 (submission)') : undefined,
            nextMxAction(session),
          ],
        }),
      ];
    },
  },
  {
    id: 'connect.unreachable',
    step: 'connect',
    evaluate: (session) => {
      const code = errorCode(session);
      if (code !== 'EHOSTUNREACH' && code !== 'ENETUNREACH') return [];
      const target = smtpTarget(session);
      const ipv6 = target.host.includes(':');
      return [
        finding({
          id: 'connect.unreachable',
          severity: 'error',
          step: 'connect',
          title: `No route to ${target.label}`,
          explanation: `The network said at once that ${target.host} cannot be reached (${code}): no route leads there from this machine. ${ipv6 ? 'This is an IPv6 address: the usual cause is a machine or network without working IPv6.' : 'A wrong address, a missing route or a router that refuses the destination.'}`,
          evidence: evidence(session),
          next: [
            `Check the route: \`ip route get ${target.host}\` (or \`traceroute ${target.host}\`).`,
            ipv6
              ? 'Test IPv6 connectivity (`ping -6 ...`); if there is none, the IPv4 address of the same server should work.'
              : 'Check that the address is right (a stale DNS record or a typo) and reachable from this network.',
          ],
          actions: [nextMxAction(session)],
        }),
      ];
    },
  },
  {
    id: 'connect.name-not-found',
    step: 'connect',
    evaluate: (session) => {
      if (errorCode(session) !== 'ENOTFOUND') return [];
      const target = smtpTarget(session);
      return [
        finding({
          id: 'connect.name-not-found',
          severity: 'error',
          step: 'connect',
          title: `The name ${target.host} does not resolve`,
          explanation:
            'The server name has no address in DNS, or the resolver of this machine could not be asked, so there is nothing to connect to. A common cause after a move: the server was renamed or the DNS record removed while clients still use the old name.',
          evidence: evidence(session),
          next: [
            `Look the name up yourself: \`dig ${target.host} A\` and \`dig ${target.host} AAAA\`.`,
            'Check for a typo in the server name; for a domain, let mailmedic find the MX hosts instead of naming a server.',
            'Ask another resolver: if it knows the name, the local resolver is the problem.',
          ],
          actions: [compareResolver(session)],
        }),
      ];
    },
  },
  {
    id: 'connect.reset',
    step: 'connect',
    evaluate: (session) => {
      const code = errorCode(session);
      if (code !== 'ECONNRESET' && code !== 'ECLOSED') return [];
      const target = smtpTarget(session);
      return [
        finding({
          id: 'connect.reset',
          severity: 'error',
          step: 'connect',
          title: `The connection to ${target.label} was cut while opening`,
          explanation:
            'The connection was reset before it was fully open. Something on the path accepted the first packet and then gave up: a firewall or load balancer without a healthy server behind it, or a host that blocks this address.',
          evidence: evidence(session),
          next: [
            'Try again in a minute; if it repeats, try from another network.',
            'Ask whoever runs the server to check the firewall, load balancer and intrusion prevention (fail2ban and the like) for this address.',
          ],
          actions: [nextMxAction(session)],
        }),
      ];
    },
  },
  {
    id: 'connect.mx-fallback',
    step: 'connect',
    evaluate: (session) => {
      const attempts = factOf(session, 'connect.attempts') ?? [];
      const failed = attempts.filter((a) => !a.ok);
      if (failed.length === 0 || !attempts.some((a) => a.ok) || stepFailed(session, 'connect'))
        return [];
      const notes = notesMatching(session, /is unreachable; trying the next mail host/, 'connect');
      const first = `${failed[0]!.servername} (${failed[0]!.host}:${failed[0]!.port}, ${failed[0]!.code ?? 'failed'})`;
      const errors = notesMatching(session, /^E[A-Z]+: /, 'connect');
      return [
        finding({
          id: 'connect.mx-fallback',
          severity: 'warning',
          step: 'connect',
          title: `The preferred mail host ${first} did not answer; a backup MX did`,
          explanation:
            'Mail still gets through, because senders try the next MX when the preferred one fails (RFC 5321 5.1). But every sender first waits for the preferred host to time out, so mail is slow, and if the backup is a different system it may not know the valid recipients or apply the same filtering.',
          evidence: [...notes, ...errors],
          next: [
            `Find out why ${first} does not answer: it is the one every sender tries first.`,
            'If that host is gone for good, remove or lower its MX record so senders stop waiting for it.',
          ],
        }),
      ];
    },
  },
];
