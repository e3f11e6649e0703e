// What the console itself must say in the findings: credentials the user chose to send without
// (verified) TLS. The rules in diagnosis/ judge the protocol; this is the user's own decision,
// known only to the driver that asked for it, so the driver states it.
import { diagnose } from '../../diagnosis/index.js';
import type { Finding, Session } from '../../record/types.js';

interface CleartextSend {
  command: string;
  protocol: string;
  tls: boolean;
}

export const consoleFindings = (session: Session): Finding[] => {
  const sends = session.facts?.['console.cleartext'];
  if (!Array.isArray(sends) || sends.length === 0) return [];
  const list = sends as CleartextSend[];
  const evidence = session.transcript.flatMap((line, i) =>
    line.dir === 'client' && line.secret ? [i] : [],
  );
  const overTls = list.every((s) => s.tls);
  return [
    {
      id: 'console.cleartext-credentials',
      severity: 'error',
      title: overTls
        ? 'Credentials were sent over TLS whose certificate did not verify'
        : 'Credentials were sent without TLS',
      explanation: `In the manual console you chose to send ${list.map((s) => `"${s.command}"`).join(', ')} ${overTls ? 'over a TLS session whose certificate did not verify, so the peer may not be the server' : 'over a connection without TLS'}: anyone on the network path could read them (base64 is an encoding, not encryption). Change that password if the network was not your own, and use STARTTLS/STLS or the TLS port before logging in.`,
      evidence,
      next: [
        'Type STARTTLS (SMTP, IMAP) or STLS (POP3) before logging in, or connect to the implicit-TLS port (465, 993, 995) with --tls implicit.',
      ],
      step: 'auth',
    },
  ];
};

/** The findings of a console session: the diagnosis rules, then the console's own. */
export const findingsOfConsole = (session: Session): Finding[] => [
  ...consoleFindings(session),
  ...diagnose(session),
];
