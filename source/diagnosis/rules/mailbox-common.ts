// What POP3 and IMAP have in common: the test message that never arrived, the password that
// mailmedic would not send in clear, and a certificate that failed verification.
import type { Session, TlsRecord } from '../../record/types.js';
import { retryInsecure, retryLater, retryPort } from '../actions.js';
import type { Rule } from '../rule.js';
import { finding, linesWhere, notesMatching, stepOf } from '../rule.js';

type MailboxStep = 'pop3' | 'imap';

const NAMES: Record<MailboxStep, { protocol: string; tlsPort: number; stls: string }> = {
  pop3: { protocol: 'POP3', tlsPort: 995, stls: 'STLS' },
  imap: { protocol: 'IMAP', tlsPort: 993, stls: 'STARTTLS' },
};

const failedWith = (session: Session, step: MailboxStep, pattern: RegExp): string | undefined => {
  const record = stepOf(session, step);
  return record?.status === 'error' && pattern.test(record.summary) ? record.summary : undefined;
};

/** host:port of the mailbox server, from the step's "connecting to" note. */
const mailboxEndpoint = (session: Session, step: MailboxStep): string => {
  const note = session.transcript.find(
    (e) => e.step === step && e.dir === 'note' && e.text.startsWith('connecting to '),
  );
  const m = note && /^connecting to (\S+) port (\d+)/.exec(note.text);
  return m ? `${m[1]}:${m[2]}` : `HOST:${NAMES[step].tlsPort}`;
};

export const notArrivedRule = (step: MailboxStep): Rule => ({
  id: `${step}.not-arrived`,
  step,
  evaluate: (session) => {
    const summary = failedWith(session, step, /did not arrive within/);
    if (!summary) return [];
    const queueId = session.delivery?.queueId;
    const rounds = notesMatching(session, /^not delivered yet/, step);
    const sendAccepted = linesWhere(
      session,
      (e) =>
        e.step === 'send' &&
        e.dir === 'server' &&
        /^250[ -]/.test(e.text) &&
        queueId !== undefined &&
        e.text.includes(queueId.replace(/^qp /, '')),
    );
    return [
      finding({
        id: `${step}.not-arrived`,
        severity: 'error',
        step,
        title: `The test message was accepted but did not reach the mailbox (${NAMES[step].protocol})`,
        explanation: `The SMTP server took the message${queueId ? ` (queue id ${queueId})` : ''}, but ${summary.replace(/^the test message /, 'it ')}. "Accepted" only means the server took responsibility for it. Since then it may still be on its way (a queue, greylisting or a slow content filter on the next hop), it may have been filtered into another folder or discarded, or it went to a different mailbox than the one checked here (an alias, a forward, a typo in --to).`,
        evidence: [...sendAccepted, ...rounds],
        next: [
          queueId
            ? `Follow the message on the sending server: \`grep ${queueId} /var/log/mail.log\` shows where it went and with what status (\`mailq\` lists what is still queued).`
            : "Follow the message in the sending server's log by its Message-ID.",
          step === 'imap'
            ? 'Look in the Junk or Spam folder: mailmedic searches INBOX only.'
            : 'Look in the Junk folder through webmail: POP3 sees INBOX only.',
          'Check that --to and the mailbox user are the same mailbox (aliases and forwards deliver elsewhere).',
          'Run again with a longer --timeout if delivery is slow.',
        ],
        actions: [retryLater(300, 'Look again in 5 minutes')],
      }),
    ];
  },
});

export const noTlsRule = (step: MailboxStep): Rule => ({
  id: `${step}.no-tls`,
  step,
  evaluate: (session) => {
    const summary = failedWith(session, step, /refusing to send the password in clear text/);
    if (!summary) return [];
    const { protocol, tlsPort, stls } = NAMES[step];
    return [
      finding({
        id: `${step}.no-tls`,
        severity: 'error',
        step,
        title: `The ${protocol} server offers no ${stls}: no password was sent`,
        explanation: `The server on this plain ${protocol} port does not offer ${stls}, so the login would cross the network in clear text. mailmedic did not send the password. Mail clients set to "no encryption" would have.`,
        evidence: linesWhere(session, (e) => e.step === step && e.dir !== 'client'),
        next: [
          `Use the ${protocol} port with implicit TLS, ${tlsPort} (${protocol === 'POP3' ? 'pop3s' : 'imaps'}://HOST:${tlsPort}).`,
          `Enable ${stls} on the server (Dovecot: ssl = yes with a certificate).`,
          'Only for a test account on a trusted network: --plaintext-auth (in the wizard, its question\'s "send in clear text this once" or the setting "Password w/o TLS: send") sends the password anyway, and the report says so (--insecure is about certificates only).',
        ],
        actions: [retryPort(tlsPort)],
      }),
    ];
  },
});

export const certificateRule = (step: MailboxStep): Rule => ({
  id: `${step}.cert-invalid`,
  step,
  evaluate: (session) => {
    const summary = failedWith(session, step, /certificate not verified/);
    // Under --insecure the step goes on; the certificate is still a finding, as for SMTP.
    const tls = session.facts?.[`${step}.tls`] as TlsRecord | undefined;
    const wentOn = !summary && tls !== undefined && tls.authorized === false;
    if (!summary && !wentOn) return [];
    const code =
      (summary ? /certificate not verified \(([^)]*)\)/.exec(summary)?.[1] : undefined) ??
      tls?.authorizationError ??
      'unknown';
    const { protocol } = NAMES[step];
    const why: Record<string, string> = {
      CERT_HAS_EXPIRED: 'it has expired (renew it, then reload the mail server)',
      CERT_NOT_YET_VALID: 'it is not valid yet (check the clocks)',
      DEPTH_ZERO_SELF_SIGNED_CERT: 'it is self-signed',
      SELF_SIGNED_CERT_IN_CHAIN:
        'its chain ends at an untrusted root (a private CA or a TLS-inspecting proxy)',
      UNABLE_TO_VERIFY_LEAF_SIGNATURE:
        'the server does not send the intermediate certificate, or the CA is private',
      UNABLE_TO_GET_ISSUER_CERT_LOCALLY:
        'the issuer is unknown here (incomplete chain or private CA)',
      ERR_TLS_CERT_ALTNAME_INVALID: 'it does not name the host connected to',
    };
    return [
      finding({
        id: `${step}.cert-invalid`,
        severity: 'error',
        step,
        title: `The ${protocol} server's certificate failed verification (${code})`,
        explanation: `The ${protocol} server's certificate could not be verified: ${why[code] ?? code}. ${wentOn ? 'mailmedic went on because of --insecure and sent the password to a server it could not verify, which may be someone else.' : 'mailmedic did not send the password, since a server it cannot verify may be someone else.'} Mail clients show a certificate warning here, and users learn to click it away.`,
        evidence: linesWhere(
          session,
          (e) => e.step === step && e.dir === 'note' && /certificate|^TLS /.test(e.text),
        ),
        next: [
          `Inspect it: \`openssl s_client ${tls?.mode === 'starttls' ? `-starttls ${step} ` : ''}-connect ${mailboxEndpoint(session, step)} -showcerts\`.`,
          'Fix it on the server (Dovecot: ssl_cert = </path/fullchain.pem; GNU Mailutils: tls { ssl-certificate-file ... }), or pass a private CA with --ca-file.',
        ],
        actions: [wentOn ? undefined : retryInsecure()],
      }),
    ];
  },
});
