// Why a connection did not happen, from the error code the net layer recorded.
import type { Finding, Session } from '../../session/types.js';
import type { Rule } from '../rule.js';
import { fact, serverLines, stepOf } from '../rule.js';

interface StepError {
  code: string;
  origin: string;
  message: string;
}

const target = (session: Session): string => {
  const remote = fact<{ host: string; port: number }>(session, 'connect.remote');
  const server = session.target.server;
  return remote
    ? `${remote.host}:${remote.port}`
    : server
      ? `${server.host}:${server.port}`
      : session.target.input;
};

const finding = (
  session: Session,
  id: string,
  title: string,
  explanation: string,
  next: string[],
): Finding => ({
  id,
  severity: 'error',
  step: 'connect',
  title,
  explanation,
  evidence: serverLines(session, 'connect'),
  next,
});

export const connectRules: Rule[] = [
  {
    id: 'connect.refused',
    step: 'connect',
    evaluate: (session) => {
      const error = fact<StepError>(session, 'connect.error');
      if (stepOf(session, 'connect')?.status !== 'error' || error?.code !== 'ECONNREFUSED')
        return [];
      return [
        finding(
          session,
          'connect.refused',
          `Connection refused by ${target(session)}`,
          'The host answered, but nothing accepts connections on that port: the mail service is stopped, listens on another address or port, or a firewall rejects the connection actively.',
          [
            'Check that the mail service is running on the server (for Postfix: `postfix status`; `ss -ltnp` shows listening ports).',
            'Try the submission port 587 or 465 if this is a client sending mail.',
            'Check the firewall rules between you and the server for this port.',
          ],
        ),
      ];
    },
  },
  {
    id: 'connect.timeout',
    step: 'connect',
    evaluate: (session) => {
      const error = fact<StepError>(session, 'connect.error');
      if (stepOf(session, 'connect')?.status !== 'error' || error?.code !== 'ETIMEDOUT') return [];
      const port = session.target.server?.port;
      return [
        finding(
          session,
          'connect.timeout',
          `No answer from ${target(session)}`,
          'Packets to the server got no reply at all: a firewall drops them silently, the host is down, or the route is broken. On port 25 this is very often the network or the ISP blocking outbound SMTP.',
          [
            port === 25 || port === undefined
              ? 'Try port 587 on the same host: if 587 answers and 25 does not, outbound port 25 is blocked on your network.'
              : 'Check whether the same host answers on port 25 or 465.',
            'Try from another network to tell a local block from a server outage.',
          ],
        ),
      ];
    },
  },
  {
    id: 'connect.unreachable',
    step: 'connect',
    evaluate: (session) => {
      const error = fact<StepError>(session, 'connect.error');
      if (
        stepOf(session, 'connect')?.status !== 'error' ||
        !['EHOSTUNREACH', 'ENETUNREACH'].includes(error?.code ?? '')
      )
        return [];
      return [
        finding(
          session,
          'connect.unreachable',
          `No route to ${target(session)}`,
          'The network says the host cannot be reached: there is no route to it from here (a wrong address, a missing route, or IPv6 without IPv6 connectivity).',
          [
            'Check the address the name resolves to, and whether this machine has a route to it (`ip route get ADDRESS`).',
          ],
        ),
      ];
    },
  },
  {
    id: 'connect.name-not-found',
    step: 'connect',
    evaluate: (session) => {
      const error = fact<StepError>(session, 'connect.error');
      if (stepOf(session, 'connect')?.status !== 'error' || error?.code !== 'ENOTFOUND') return [];
      return [
        finding(
          session,
          'connect.name-not-found',
          `The name ${target(session)} does not resolve`,
          'The server name has no address in DNS (or the resolver could not be reached), so there is nothing to connect to.',
          [
            'Run the DNS step for the domain to see which names and addresses mail should use.',
            'Check for a typo in the server name.',
          ],
        ),
      ];
    },
  },
];
