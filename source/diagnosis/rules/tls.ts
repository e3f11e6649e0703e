// TLS: whether it is offered and works, and what is wrong with the certificate, from the
// verification error Node reports (session.tls.authorizationError) and the certificate facts.
import { factOf } from '../../record/facts.js';
import type { Session, Severity, TlsRecord } from '../../record/types.js';
import { retryInsecure, retryPort, starttlsFirst, trustCa } from '../actions.js';
import { explainReply, replyEvidence } from '../reply-finding.js';
import type { Rule } from '../rule.js';
import {
  finding,
  linesWhere,
  quote,
  smtpPort,
  smtpTarget,
  stepFailed,
  stepOf,
  SUBMISSION_PORTS,
} from '../rule.js';
import { readableTlsError } from '../tls-reason.js';
import { smtpReplies } from '../transcript.js';
import { maskedExtensionLines } from './ehlo.js';

const DAY = 86_400_000;

/** The step in which TLS was set up: 'connect' for implicit TLS, 'tls' for STARTTLS. */
const tlsStep = (session: Session): 'connect' | 'tls' =>
  session.tls?.mode === 'implicit' ? 'connect' : 'tls';

/**
 * The step a certificate finding explains: the one that failed because of it (the tls step also
 * for implicit TLS, whose handshake is recorded under connect), so no generic "the tls step
 * failed" stands beside it.
 */
const certificateStep = (session: Session): 'connect' | 'tls' =>
  stepFailed(session, 'tls') ? 'tls' : tlsStep(session);

/** The notes that show the certificate and its verification. */
const certificateLines = (session: Session): number[] =>
  linesWhere(
    session,
    (e) =>
      (e.step === 'tls' || e.step === 'connect') &&
      e.dir === 'note' &&
      (/^TLS (?:SSL|TLS)v/.test(e.text) || /^certificate (?:NOT )?verified/.test(e.text)),
  );

/**
 * A broken certificate is an error when it stopped the session or when clients verify it (the
 * submission ports, or any session that logs in); between servers on port 25 most senders do
 * not verify, so there it is a risk.
 */
const certificateSeverity = (session: Session): Severity => {
  const port = smtpPort(session);
  const clientUse =
    (port !== undefined && SUBMISSION_PORTS.has(port)) || stepOf(session, 'auth') !== undefined;
  return stepFailed(session, 'tls') || stepFailed(session, 'connect') || clientUse
    ? 'error'
    : 'warning';
};

/**
 * Between servers (no credentials, session not stopped) an unverified certificate does not stop
 * delivery (opportunistic TLS, RFC 7435); say what it does break.
 */
const opportunisticNote = (session: Session): string =>
  certificateSeverity(session) === 'warning'
    ? ' Most sending servers deliver over unverified TLS anyway (opportunistic TLS, RFC 7435), as this test did; senders that enforce MTA-STS (a policy in mode enforce) or DANE (TLSA records) refuse to deliver to this server until its certificate verifies, and mail clients refuse it outright.'
    : '';

const insecureAction = (session: Session) =>
  stepFailed(session, 'tls') || stepFailed(session, 'connect') ? retryInsecure() : undefined;
/** A private CA is the cure only when the issuer is what failed, not the name or the dates. */
const trustAction = (session: Session, id: string) =>
  (id === 'tls.cert-self-signed' || id === 'tls.cert-untrusted') &&
  (stepFailed(session, 'tls') || stepFailed(session, 'connect'))
    ? trustCa()
    : undefined;

const when = (iso: string): string => iso.replace(/T.*$/, '') || iso;

const days = (from: string, to: string): number | undefined => {
  const a = Date.parse(from);
  const b = Date.parse(to);
  return Number.isNaN(a) || Number.isNaN(b) ? undefined : Math.floor((b - a) / DAY);
};

interface CertificateRuleSpec {
  id: string;
  codes: readonly string[];
  title: (tls: TlsRecord, session: Session) => string;
  explanation: (tls: TlsRecord, session: Session) => string;
  next: (tls: TlsRecord, session: Session) => string[];
}

const certificateRule = (spec: CertificateRuleSpec): Rule => ({
  id: spec.id,
  evaluate: (session) => {
    const tls = session.tls;
    if (!tls || tls.authorized || !spec.codes.includes(tls.authorizationError ?? '')) return [];
    return [
      finding({
        id: spec.id,
        severity: certificateSeverity(session),
        step: certificateStep(session),
        title: spec.title(tls, session),
        explanation: `${spec.explanation(tls, session)} (Verification error ${tls.authorizationError}.)${opportunisticNote(session)}`,
        evidence: certificateLines(session),
        next: [
          ...spec.next(tls, session),
          `See the certificate yourself: \`${opensslCommand(session, tls)}\`.`,
        ],
        actions: [insecureAction(session), trustAction(session, spec.id)],
      }),
    ];
  },
});

/** The openssl command that shows this server's certificate chain. */
const opensslCommand = (session: Session, tls: TlsRecord): string => {
  const target = smtpTarget(session);
  const name =
    tls.servername && !/^[\d.]+$|:/.test(tls.servername) ? ` -servername ${tls.servername}` : '';
  return `openssl s_client ${tls.mode === 'implicit' ? '' : '-starttls smtp '}-connect ${target.port ? target.label : `${target.host}:25`}${name} -showcerts`;
};

const KNOWN_CERTIFICATE_ERRORS = [
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'UNABLE_TO_GET_ISSUER_CERT',
  'ERR_TLS_CERT_ALTNAME_INVALID',
  'HOSTNAME_MISMATCH',
];

const tlsError = (session: Session) => {
  const tls = factOf(session, 'tls.error');
  if (tls && stepFailed(session, 'tls')) return { step: 'tls' as const, error: tls };
  const connect = factOf(session, 'connect.error');
  if (connect?.code === 'ETLS' && stepFailed(session, 'connect'))
    return { step: 'connect' as const, error: connect };
  return undefined;
};

export const tlsRules: Rule[] = [
  {
    id: 'tls.starttls-not-offered',
    step: 'tls',
    evaluate: (session) => {
      const step = stepOf(session, 'tls');
      if (!step || !/STARTTLS not offered/.test(step.summary)) return [];
      const failed = step.status === 'error';
      // When a firewall masked STARTTLS or broke EHLO, that finding names the cause.
      if (
        !failed &&
        (maskedExtensionLines(session).length > 0 || factOf(session, 'ehlo.helo') === true)
      )
        return [];
      const port = smtpPort(session);
      const ehloEnd = linesWhere(
        session,
        (e) => e.step === 'ehlo' && e.dir === 'server' && /^250 /.test(e.text),
      );
      const notes = linesWhere(session, (e) => e.step === 'tls' && e.dir === 'note');
      return [
        finding({
          id: 'tls.starttls-not-offered',
          severity: failed ? 'error' : 'warning',
          step: 'tls',
          title: 'The server does not offer STARTTLS',
          explanation: `The EHLO reply has no STARTTLS line, so this connection cannot be encrypted (RFC 3207). ${port === 25 || port === undefined ? 'Between servers mail then crosses the Internet in clear text; Gmail shows such mail with a red open padlock, and senders with MTA-STS or DANE refuse to deliver.' : 'On a submission port that means clients either refuse to connect or send passwords and mail in clear text.'}`,
          evidence: [...ehloEnd, ...notes],
          next: [
            'Enable TLS on the server with a certificate (Postfix: smtpd_tls_security_level = may, smtpd_tls_chain_files = key and full chain).',
            'If the server has TLS configured, check for a firewall in between that removes STARTTLS from the EHLO reply.',
          ],
          actions: [
            port !== undefined && SUBMISSION_PORTS.has(port) && port !== 465
              ? retryPort(465, 'Try port 465 (implicit TLS)')
              : undefined,
          ],
        }),
      ];
    },
  },
  {
    id: 'tls.starttls-refused',
    step: 'tls',
    evaluate: (session) => {
      const replies = smtpReplies(session).filter(
        (r) => r.command?.verb === 'STARTTLS' && r.code !== 220,
      );
      const first = replies[0];
      if (!first) return [];
      return [
        finding({
          id: 'tls.starttls-refused',
          severity: 'error',
          step: 'tls',
          title: `STARTTLS was offered but refused (${first.code})`,
          explanation: `The server listed STARTTLS and then refused it. ${/local problem|not available/i.test(first.text) ? '"TLS not available due to local problem" is Postfix saying it cannot load its own certificate or key: a wrong path, a permission problem, or a key that does not match the certificate.' : 'Usually the server cannot load its certificate or key, or its TLS library is broken.'} The server said ${quote(first.first)}.`,
          evidence: replyEvidence(replies),
          next: [
            'Look in the server log at the time of the test (Postfix: "cannot load certificate", "warning: TLS library problem").',
            'Check the certificate and key files: paths, permissions (readable by the mail server), and that the key matches: compare `openssl x509 -noout -modulus -in cert.pem | sha256sum` with `openssl rsa -noout -modulus -in key.pem | sha256sum`.',
          ],
          actions: [explainReply(first)],
        }),
      ];
    },
  },
  {
    id: 'tls.handshake-failed',
    evaluate: (session) => {
      const hit = tlsError(session);
      if (!hit || (hit.error.code !== 'ETLS' && !/handshake/i.test(hit.error.message))) return [];
      const reason = readableTlsError(hit.error.message);
      const plaintext =
        /wrong version number|packet length too long|unknown protocol|http request/i.test(reason);
      const implicit = hit.step === 'connect';
      return [
        finding({
          id: 'tls.handshake-failed',
          severity: 'error',
          step: hit.step,
          title:
            plaintext && implicit
              ? 'This port does not speak TLS from the first byte'
              : 'The TLS handshake failed',
          explanation:
            plaintext && implicit
              ? `The server answered the TLS handshake with plain text (OpenSSL: "${reason}"): this port expects a plain SMTP greeting and STARTTLS, not implicit TLS. Port 587 works that way; port 465 is the one for implicit TLS (RFC 8314).`
              : `Client and server could not agree on TLS: ${reason}. Usual causes: no common protocol version (an old server with only TLS 1.0, or a new client that refuses it), no common cipher, a certificate the server cannot use, or something in between that breaks the handshake.`,
          evidence: linesWhere(session, (e) => e.step === hit.step && e.dir === 'note'),
          next:
            plaintext && implicit
              ? ['Use STARTTLS on this port (--tls starttls), or implicit TLS on port 465.']
              : [
                  `Try the handshake by hand and read OpenSSL's reason: \`openssl s_client ${implicit ? '' : '-starttls smtp '}-connect HOST:PORT\`; add -tls1_2 or -tls1_3 to test one version.`,
                  'On the server, check the TLS protocol and cipher settings and the log at the time of the test.',
                ],
          actions:
            plaintext && implicit ? [starttlsFirst('Use STARTTLS instead'), retryPort(587)] : [],
        }),
      ];
    },
  },
  certificateRule({
    id: 'tls.cert-expired',
    codes: ['CERT_HAS_EXPIRED'],
    title: (tls) => `The server's certificate expired on ${when(tls.certificate.validTo)}`,
    explanation: (tls, session) => {
      const ago = days(tls.certificate.validTo, session.startedAt);
      return `The certificate for ${tls.certificate.subject || 'this server'} was valid until ${tls.certificate.validTo}${ago !== undefined && ago >= 0 ? `, ${ago} day(s) before this test` : ''}. Clients that verify certificates refuse the connection or show a warning, and senders that enforce TLS (MTA-STS, DANE) hold their mail. The most common cause is an automatic renewal that stopped working, or one that renewed the file while the mail server kept the old certificate in memory.`;
    },
    next: () => [
      "Renew the certificate (Let's Encrypt: `certbot renew`), then reload the mail services (`systemctl reload postfix dovecot`).",
      "Check the renewal job (`systemctl list-timers`, certbot's log) and add a deploy hook that reloads the mail server after each renewal.",
    ],
  }),
  certificateRule({
    id: 'tls.cert-not-yet-valid',
    codes: ['CERT_NOT_YET_VALID'],
    title: (tls) =>
      `The server's certificate is not valid before ${when(tls.certificate.validFrom)}`,
    explanation: (tls) =>
      `The certificate starts being valid on ${tls.certificate.validFrom}, which is still in the future for this machine. Either the certificate was just issued with a start date ahead, or a clock is wrong: this machine's, or the server's if it made its own certificate.`,
    next: () => [
      'Check the clock of this machine and of the server (`date -u`; `timedatectl` shows whether NTP is in use).',
      'If the clocks are right, wait for the start date or reissue the certificate.',
    ],
  }),
  certificateRule({
    id: 'tls.cert-self-signed',
    codes: ['DEPTH_ZERO_SELF_SIGNED_CERT', 'SELF_SIGNED_CERT_IN_CHAIN'],
    title: (tls) =>
      tls.authorizationError === 'DEPTH_ZERO_SELF_SIGNED_CERT'
        ? 'The server uses a self-signed certificate'
        : 'The certificate chain ends in a root this machine does not trust',
    explanation: (tls) =>
      tls.authorizationError === 'DEPTH_ZERO_SELF_SIGNED_CERT'
        ? `The certificate (${tls.certificate.subject || 'no subject'}) is signed by itself, so nothing vouches for it: anyone can make one with any name. Often it is the default "snakeoil" certificate a distribution installs with the mail server, never replaced.`
        : `The chain goes up to a root certificate (${tls.certificate.issuer || 'unknown issuer'}) that is not among the trusted ones: a private company CA, or a security product on this network (antivirus, TLS-inspecting proxy) that replaces certificates with its own. Check the issuer name: if it is a product, the product is in the middle.`,
    next: (tls) => [
      "Install a certificate from a public CA (Let's Encrypt is free) for the name clients use.",
      tls.authorizationError === 'SELF_SIGNED_CERT_IN_CHAIN'
        ? 'If the private CA is intended, give its certificate to mailmedic with --ca-file (and to the mail clients).'
        : 'For a test server on purpose, give its certificate to mailmedic with --ca-file.',
    ],
  }),
  certificateRule({
    id: 'tls.cert-untrusted',
    codes: [
      'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
      'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
      'UNABLE_TO_GET_ISSUER_CERT',
    ],
    title: (tls) =>
      (tls.certificate.chain?.length ?? 0) <= 1
        ? 'The certificate chain is incomplete, or its CA is unknown here'
        : 'The certificate is signed by an authority this machine does not know',
    explanation: (tls) => {
      const onlyLeaf = (tls.certificate.chain?.length ?? 0) <= 1;
      return `${onlyLeaf ? `The server sent only its own certificate (${tls.certificate.subject || 'no subject'}), issued by ${tls.certificate.issuer || 'an unknown issuer'}, and not the intermediate certificate that links it to a trusted root. Browsers often fill the gap themselves; mail clients and servers do not.` : `The issuer ${tls.certificate.issuer || '(unknown)'} is neither sent by the server nor trusted here.`} The usual mistake: configuring cert.pem instead of fullchain.pem. A private CA looks the same from outside.`;
    },
    next: () => [
      "Configure the full chain: the server certificate followed by the intermediate(s) (Let's Encrypt: fullchain.pem; Postfix: smtpd_tls_chain_files or smtpd_tls_cert_file; Dovecot: ssl_cert = </path/fullchain.pem).",
      'If the issuer is a private CA, give its certificate to mailmedic with --ca-file.',
    ],
  }),
  certificateRule({
    id: 'tls.cert-wrong-name',
    codes: ['ERR_TLS_CERT_ALTNAME_INVALID', 'HOSTNAME_MISMATCH'],
    title: (tls) => `The certificate is not for ${tls.servername ?? 'the name used'}`,
    explanation: (tls, session) => {
      const names = tls.certificate.altNames
        .map((n) => n.replace(/^(DNS|IP Address):/, ''))
        .filter(Boolean);
      const cname = (session.dns?.['problems'] as Array<{ id?: string }> | undefined)?.some(
        (p) => p?.id === 'dns.mx-cname',
      );
      return `The client connected as ${tls.servername ?? '(no name)'}, but the certificate names ${names.length ? names.join(', ') : tls.certificate.subject || 'other hosts'}. A client checks that the name it asked for is in the certificate (RFC 6125); otherwise anyone with any valid certificate could pretend to be this server. Typical causes: the client uses another name for the server (smtp. instead of mail.), connects by IP address, or a hosted server is reached through the customer's own name.${cname ? ' Here the MX points to an alias (CNAME): the certificate must name the MX name senders use, or the MX must point to the canonical name.' : ''}`;
    },
    next: (tls) => [
      `Connect with a name the certificate covers${tls.certificate.altNames.length ? ` (${tls.certificate.altNames.map((n) => n.replace(/^(DNS|IP Address):/, '')).join(', ')})` : ''}, and set mail clients to use that name.`,
      `Or add ${tls.servername ?? 'the name'} to the certificate (a subject alternative name) and reload the server.`,
    ],
  }),
  {
    id: 'tls.cert-invalid',
    evaluate: (session) => {
      const tls = session.tls;
      if (!tls || tls.authorized || KNOWN_CERTIFICATE_ERRORS.includes(tls.authorizationError ?? ''))
        return [];
      return [
        finding({
          id: 'tls.cert-invalid',
          severity: certificateSeverity(session),
          step: certificateStep(session),
          title: `The server's certificate failed verification (${tls.authorizationError ?? 'unknown reason'})`,
          explanation: `TLS works, but the certificate did not pass verification: ${tls.authorizationError ?? 'no reason given'}. Clients that verify refuse the connection; the encryption itself still protects against eavesdropping, not against someone pretending to be the server.${opportunisticNote(session)}`,
          evidence: certificateLines(session),
          next: [
            'Look the error code up in the OpenSSL documentation (`man openssl-verify`) and inspect the chain: `openssl s_client -starttls smtp -connect HOST:PORT -showcerts`.',
          ],
          actions: [insecureAction(session)],
        }),
      ];
    },
  },
  {
    id: 'tls.cert-expiring-soon',
    evaluate: (session) => {
      const tls = session.tls;
      if (!tls || (!tls.authorized && tls.authorizationError === 'CERT_HAS_EXPIRED')) return [];
      const left = days(session.startedAt, tls.certificate.validTo);
      if (left === undefined || left < 0 || left >= 14) return [];
      return [
        finding({
          id: 'tls.cert-expiring-soon',
          severity: 'warning',
          step: tlsStep(session),
          title: `The certificate expires in ${left} day(s)`,
          explanation: `The certificate is valid until ${tls.certificate.validTo}. Automatic renewal (Let's Encrypt renews at 30 days before the end) should already have replaced it; if it has not, it will likely not, and clients will start refusing the server on that day.`,
          evidence: certificateLines(session),
          next: [
            'Renew now and reload the mail services; then check the renewal job and its deploy hook.',
          ],
        }),
      ];
    },
  },
  {
    id: 'tls.weak-protocol',
    evaluate: (session) => {
      const protocol = session.tls?.protocol ?? '';
      if (!/^(?:SSLv[23]|TLSv1(?:\.1)?)$/.test(protocol)) return [];
      return [
        finding({
          id: 'tls.weak-protocol',
          severity: 'warning',
          step: tlsStep(session),
          title: `The server negotiated an outdated protocol (${protocol})`,
          explanation: `${protocol} is deprecated (RFC 8996 retired TLS 1.0 and 1.1 in 2021): it has known weaknesses, and current clients refuse it by default (OpenSSL 3 at its default security level, recent Outlook and Thunderbird). The server chose it, so it probably supports nothing newer.`,
          evidence: certificateLines(session),
          next: [
            'Enable TLS 1.2 and 1.3 on the server (Postfix: smtpd_tls_protocols = >=TLSv1.2; Dovecot: ssl_min_protocol = TLSv1.2), which may need a newer OpenSSL.',
          ],
        }),
      ];
    },
  },
  {
    id: 'tls.weak-cipher',
    evaluate: (session) => {
      const cipher = session.tls?.cipher ?? '';
      if (!/RC4|3DES|DES-CBC|NULL|EXPORT|anon|_MD5$/i.test(cipher)) return [];
      return [
        finding({
          id: 'tls.weak-cipher',
          severity: 'warning',
          step: tlsStep(session),
          title: `The server negotiated a weak cipher (${cipher})`,
          explanation: `${cipher} is broken or too weak by today's standards (RFC 7465 forbids RC4; 3DES falls to Sweet32). The server preferred it, so its cipher list needs attention.`,
          evidence: certificateLines(session),
          next: [
            'Remove weak ciphers on the server (Postfix: smtpd_tls_exclude_ciphers = RC4, 3DES, aNULL, eNULL, EXPORT, MD5).',
          ],
        }),
      ];
    },
  },
];
