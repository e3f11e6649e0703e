// The greeting: what it says about the server, the firewall in front of it, and the way the
// server treats this client before a single command.
import { factOf } from '../../record/facts.js';
import type { Session } from '../../record/types.js';
import { implicitTls, retryLater, retryPort } from '../actions.js';
import { explainReply, replyEvidence } from '../reply-finding.js';
import { replyKind } from '../reply-kinds.js';
import type { Rule } from '../rule.js';
import { finding, linesWhere, notesMatching, quote, smtpTarget, stepOf } from '../rule.js';
import type { SmtpReplyView } from '../transcript.js';
import { greetingReply, smtpReplies } from '../transcript.js';

/** Cisco PIX "fixup smtp" / ASA "inspect esmtp" replace the greeting text with asterisks. */
export const isMaskedBanner = (text: string): boolean => {
  const visible = text.replace(/\s/g, '');
  const stars = (visible.match(/\*/g) ?? []).length;
  return stars >= 10 && stars / Math.max(visible.length, 1) >= 0.6;
};

const greeting = (session: Session): SmtpReplyView | undefined => {
  const r = greetingReply(session);
  return r && (r.step === 'banner' || r.step === 'connect') ? r : undefined;
};

const ehloReplies = (session: Session): SmtpReplyView[] =>
  smtpReplies(session).filter((r) => r.command?.verb === 'EHLO' || r.command?.verb === 'HELO');

const bannerError = (session: Session): string | undefined =>
  stepOf(session, 'banner')?.status === 'error' ? factOf(session, 'banner.error')?.code : undefined;

/** The greeting began but never ended: bytes dripped in until the deadline (a tarpit). */
const dripping = (session: Session) => {
  const drip = factOf(session, 'banner.drip');
  return drip && !drip.complete && drip.bytes > 0 ? drip : undefined;
};

const IMPLICIT_TLS_PORTS: Record<number, string> = { 465: 'SMTPS', 993: 'IMAPS', 995: 'POP3S' };

/** Products that put their name and version (or operating system) in the greeting. */
const DISCLOSURES: ReadonlyArray<{ pattern: RegExp; product: string; hide: string }> = [
  {
    // Debian's default "ESMTP Postfix (Debian/GNU)"; other words in parentheses ("(evaluation)",
    // a company name) are not an operating system.
    pattern:
      /Postfix \((?=[^)]*\b(?:Debian|Ubuntu|GNU|Linux|FreeBSD|OpenBSD|NetBSD|Red ?Hat|RHEL|CentOS|Fedora|SUSE|Alpine|Gentoo|Arch|Darwin|macOS|Solaris|Raspbian)\b)[^)]+\)/i,
    product: 'Postfix, and the operating system',
    hide: 'Postfix: smtpd_banner = $myhostname ESMTP',
  },
  {
    pattern: /Microsoft ESMTP MAIL Service(?:, Version: [\d.]+| ready at)/i,
    product: 'Microsoft Exchange',
    hide: 'Exchange: Set-ReceiveConnector -Identity "..." -Banner "220 mail.example.com"',
  },
  {
    pattern: /\bExim \d+\.\d+/i,
    product: 'Exim and its version',
    hide: 'Exim: smtp_banner = $smtp_active_hostname ESMTP',
  },
  {
    pattern: /\bSendmail \d+\.\d+/i,
    product: 'Sendmail and its version',
    hide: "Sendmail: O SmtpGreetingMessage=$j ESMTP in sendmail.cf (define(`confSMTP_LOGIN_MSG', ...) in the .mc file)",
  },
  {
    pattern:
      /\b(?:qmail|Courier|Kerio|MDaemon|IceWarp|Zimbra|Haraka|OpenSMTPD|hMailServer|MailEnable|CommuniGate|Axigen|Postfix|Exim|Sendmail)[ /-]v?\d+\.\d+/i,
    product: 'the mail server software and its version',
    hide: "the server's banner or greeting setting",
  },
];

/** A single DNS label ("vm", "mailserver01"): a host name, only not fully qualified. */
const SHORT_HOSTNAME = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/i;
/** First words that are greeting text, not a name. */
const NOT_A_NAME =
  /^(?:E?SMTP|LMTP|welcome|hello|hi|ready|service|server|mail|the|this|greetings|\d+)$/i;

const LOOKS_LIKE_HOSTNAME =
  /^(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z0-9-]{2,}\.?$|^\[[0-9a-f.:]+\]$/i;

export const bannerRules: Rule[] = [
  {
    id: 'banner.pix-fixup',
    step: 'banner',
    evaluate: (session) => {
      const g = greeting(session);
      if (!g || !isMaskedBanner(g.text)) return [];
      const ehlo = ehloReplies(session).filter((r) => r.code >= 500);
      const broken = ehlo.length > 0 || factOf(session, 'ehlo.helo') === true;
      return [
        finding({
          id: 'banner.pix-fixup',
          severity: broken ? 'error' : 'warning',
          step: 'banner',
          title: 'A Cisco firewall is rewriting the SMTP session (PIX fixup / ASA inspection)',
          explanation: `A greeting of asterisks is the signature of a Cisco PIX "fixup protocol smtp" (MailGuard) or an ASA with "inspect esmtp": the firewall hides the server's banner and lets only the commands of RFC 821 through. ${broken ? 'Here it also turned EHLO into garbage the server answered with 500, so the session has no ESMTP: no STARTTLS, no AUTH, no SIZE. Mail clients that need TLS or a login fail, and servers fall back to plain HELO.' : 'EHLO still passed here, but the inspection may strip STARTTLS and other extensions.'}`,
          evidence: [...g.lines, ...replyEvidence(ehlo)],
          next: [
            'Ask the firewall administrator to turn the SMTP inspection off for this server: PIX `no fixup protocol smtp 25`; ASA `policy-map global_policy`, `class inspection_default`, `no inspect esmtp`.',
            'Confirm from inside the firewall (or on the server itself, `telnet localhost 25`): the real banner appears there.',
          ],
          actions: [retryPort(587, 'Try port 587 (often not inspected)'), explainReply(g)],
        }),
      ];
    },
  },
  {
    id: 'banner.rejected',
    step: 'banner',
    evaluate: (session) => {
      const g = greeting(session);
      if (!g || g.code < 500 || replyKind(g) !== undefined) return [];
      return [
        finding({
          id: 'banner.rejected',
          severity: 'error',
          step: 'banner',
          title: `The server refuses this client at the greeting (${g.code})`,
          explanation: `Instead of "220 ready" the server greeted with ${g.code}: it will not take mail from this client at all, and only QUIT is still expected (RFC 5321 3.1 and 4.3.2). Servers do this for addresses they block (a blocklist, a country, a dynamic range), when they accept mail only from certain networks, or when postscreen decided this client is a bot. The server said ${quote(g.first)}.`,
          evidence: g.lines,
          next: [
            'Read the greeting text: it usually says why. Look the sending address up on the common blocklists (https://check.spamhaus.org).',
            'Run the test from another network: if the server greets normally there, it is this address that is refused.',
          ],
          actions: [explainReply(g)],
        }),
      ];
    },
  },
  {
    id: 'banner.unavailable',
    step: 'banner',
    evaluate: (session) => {
      const g = greeting(session);
      const kind = g ? replyKind(g) : undefined;
      // A 421 greeting about the server itself ("4.3.2 shutting down") is this rule's, not a policy's.
      if (!g || g.code < 400 || g.code >= 500 || (kind !== undefined && kind !== 'server-error'))
        return [];
      return [
        finding({
          id: 'banner.unavailable',
          severity: 'error',
          step: 'banner',
          title: `The server is not available right now (${g.code} at the greeting)`,
          explanation: `A ${g.code} greeting means the service cannot take the session now and closes it (RFC 5321 3.8): it is shutting down, overloaded, or is still checking this client (Postfix postscreen answers 421 "Service currently unavailable" to clients it has not judged yet). Senders retry later. The server said ${quote(g.first)}.`,
          evidence: g.lines,
          next: [
            'Try again in a few minutes; a server under postscreen lets a well-behaved client in on a later attempt.',
            'If it stays, ask the administrator: the server log shows why it refuses sessions.',
          ],
          actions: [retryLater(300), explainReply(g)],
        }),
      ];
    },
  },
  {
    id: 'banner.too-many-connections',
    step: 'banner',
    evaluate: (session) => {
      const g = greeting(session);
      if (!g || replyKind(g) !== 'too-many-connections') return [];
      return [
        finding({
          id: 'banner.too-many-connections',
          severity: 'error',
          step: 'banner',
          title: 'The server refuses more connections from this address',
          explanation: `The server limits how many connections one client address may hold at once (Postfix: smtpd_client_connection_count_limit and postscreen; Exim: smtp_accept_max_per_host) and this address is over it, so it answered the greeting with ${g.code} and closed. Other processes on this machine, a mail queue being flushed, or many users behind one NAT address can use up the limit. The server said ${quote(g.first)}.`,
          evidence: g.lines,
          next: [
            'Check for other connections from this address to the server (`ss -tn dst :25`), and try again in a minute.',
            'If many users share this address, ask the administrator to raise the limit for it.',
          ],
          actions: [retryLater(60), explainReply(g)],
        }),
      ];
    },
  },
  {
    id: 'banner.slow',
    step: 'banner',
    evaluate: (session) => {
      const banner = factOf(session, 'banner');
      const g = greeting(session);
      if (!banner || banner.ms < 3000 || banner.code >= 400) return [];
      const seconds = Math.round(banner.ms / 100) / 10;
      const drip = factOf(session, 'banner.drip');
      if (drip?.complete) {
        const first = Math.round(drip.firstByteMs / 100) / 10;
        return [
          finding({
            id: 'banner.slow',
            severity: banner.ms >= 30_000 ? 'warning' : 'info',
            step: 'banner',
            title: `The greeting took ${seconds} s: it was dripped a little at a time`,
            explanation: `The server started its greeting after ${first} s but sent it in ${drip.chunks} pieces over ${seconds} s (${drip.bytes} bytes), instead of in one. That is a tarpit: deliberate slowness towards clients a spam filter suspects (OpenBSD spamd "stutters" its greeting, some appliances do the same). This client waited long enough; senders wait up to 5 minutes for a greeting (RFC 5321 4.5.3.2.1), but mail clients and monitors usually give up after 30 to 60 s.`,
            evidence: g?.lines ?? [],
            next: [
              "Ask the server's administrator to exempt this client's address from the tarpit (spamd: its nospamd table), and check whether the address is on a blocklist the tarpit follows.",
            ],
          }),
        ];
      }
      return [
        finding({
          id: 'banner.slow',
          severity: banner.ms >= 30_000 ? 'warning' : 'info',
          step: 'banner',
          title: `The greeting took ${seconds} s`,
          explanation: `The server waited ${seconds} s before saying 220. That is rarely an outage. Often it is deliberate: a greet pause (Postfix postscreen_greet_wait, Sendmail greet_pause, Exim's delay) catches spam programs that talk before the greeting, which RFC 5321 4.3.1 forbids; a tarpit slows down clients it suspects. Just as often the server is looking this client up (reverse DNS, ident) and its resolver is slow: delays of 5, 10 or 30 s are typical DNS timeouts. Senders wait up to 5 minutes for a greeting (RFC 5321 4.5.3.2.1); mail clients usually give up after 30 to 60 s.`,
          evidence: g?.lines ?? [],
          next: [
            'Repeat the test: the same delay each time points to a configured pause or a DNS timeout; a varying one to load.',
            'On the server, check that its resolver answers reverse lookups quickly (`dig -x CLIENT-ADDRESS`), and look for greet pause settings.',
          ],
        }),
      ];
    },
  },
  {
    id: 'banner.ptr-mismatch',
    step: 'banner',
    evaluate: (session) => {
      const banner = factOf(session, 'banner');
      const address = factOf(session, 'connect.remote')?.address;
      const ptrs = session.dns?.['ptr'];
      if (!banner || !address || !Array.isArray(ptrs) || !LOOKS_LIKE_HOSTNAME.test(banner.host))
        return [];
      const entry = ptrs.find((p: unknown) => (p as { address?: unknown })?.address === address) as
        { names?: unknown } | undefined;
      const names = Array.isArray(entry?.names)
        ? entry.names.map((n) => String(n).toLowerCase().replace(/\.$/, ''))
        : [];
      const host = banner.host.toLowerCase().replace(/\.$/, '');
      if (names.length === 0 || names.includes(host)) return [];
      const g = greeting(session);
      const ptrLines = linesWhere(
        session,
        (e) =>
          e.step === 'dns' &&
          e.dir === 'server' &&
          /^PTR /.test(e.text) &&
          names.some((n) => e.text.toLowerCase().includes(n)),
      );
      return [
        finding({
          id: 'banner.ptr-mismatch',
          severity: 'info',
          step: 'banner',
          title: `The server calls itself ${banner.host}, but ${address} is ${names.join(', ')} in reverse DNS`,
          explanation: `The greeting gives the name the server uses for itself (RFC 5321 4.3.1; Postfix: myhostname), and it usually also says it in EHLO when it sends mail. The PTR record of its address names ${names.join(', ')}. For receiving mail the difference does not matter; for a server that also sends, receivers compare its EHLO name, its PTR and forward DNS, and a mismatch is one more spam signal. Behind NAT or a load balancer the banner often comes from an internal host name.`,
          evidence: [...(g?.lines ?? []), ...ptrLines],
          next: [
            `Make the server's name and the PTR agree: set the server's host name to ${names[0]} (Postfix: myhostname), or ask the address owner to change the PTR to ${banner.host}.`,
            `Check that the name resolves back to ${address}: \`dig +short ${banner.host}\`.`,
          ],
        }),
      ];
    },
  },
  {
    id: 'banner.software-disclosed',
    step: 'banner',
    evaluate: (session) => {
      const g = greeting(session);
      if (!g || g.code >= 400) return [];
      const hit = DISCLOSURES.find((d) => d.pattern.test(g.text));
      if (!hit) return [];
      const shown = hit.pattern.exec(g.text)?.[0] ?? '';
      return [
        finding({
          id: 'banner.software-disclosed',
          severity: 'info',
          step: 'banner',
          title: `The greeting names ${hit.product} (${shown})`,
          explanation:
            'RFC 5321 lets the server say anything after its name in the greeting, and many defaults name the software, its version or the operating system. It does no harm to mail; it only tells scanners which known weaknesses to try first. Hiding it is not security (keeping the software updated is), but it costs nothing.',
          evidence: g.lines,
          next: [
            `To show only the name: ${hit.hide}.`,
            'Keep the mail server updated: that is what actually protects it.',
          ],
        }),
      ];
    },
  },
  {
    id: 'banner.no-hostname',
    step: 'banner',
    evaluate: (session) => {
      const g = greeting(session);
      const banner = factOf(session, 'banner');
      if (!g || g.code >= 400 || isMaskedBanner(g.text)) return [];
      const first = (banner?.host || g.text.split(/\s+/)[0]) ?? '';
      if (LOOKS_LIKE_HOSTNAME.test(first)) return [];
      if (SHORT_HOSTNAME.test(first) && !NOT_A_NAME.test(first))
        return [
          finding({
            id: 'banner.no-hostname',
            severity: 'info',
            step: 'banner',
            title: `The greeting names the server "${first}", a host name that is not fully qualified`,
            explanation: `RFC 5321 4.2 and 4.3.1 want the greeting to start with the server's fully qualified domain name ("220 mail.example.com ..."). ${quote(first)} is a host name without its domain, typically the machine's short name, which the mail server uses when its own name was never set (Postfix takes myhostname from the system). Receiving mail works; but the server likely says the same name in EHLO when it sends, and receivers often refuse a HELO that is not fully qualified (Postfix reject_non_fqdn_helo_hostname), or score it as spam.`,
            evidence: g.lines,
            next: [
              "Give the server its full name (Postfix: myhostname = mail.example.com; Exim: primary_hostname; Exchange: the FQDN of the receive and send connectors), matching the server's PTR record.",
            ],
          }),
        ];
      return [
        finding({
          id: 'banner.no-hostname',
          severity: 'info',
          step: 'banner',
          title: "The greeting does not start with the server's name",
          explanation: `RFC 5321 4.2 and 4.3.1 say the greeting is "220 <domain> <text>", the server's fully qualified name first. This one starts with ${quote(first || '(nothing)')}. Clients do not depend on it, but it makes logs and tests harder to read, and it may mean a proxy or firewall in front of the server is answering instead.`,
          evidence: g.lines,
          next: [
            "Set the server's greeting to start with its host name (Postfix: smtpd_banner = $myhostname ESMTP).",
          ],
        }),
      ];
    },
  },
  {
    id: 'banner.closed',
    step: 'banner',
    evaluate: (session) => {
      const code = bannerError(session);
      if (code !== 'ECLOSED' && code !== 'ECONNRESET') return [];
      const target = smtpTarget(session);
      return [
        finding({
          id: 'banner.closed',
          severity: 'error',
          step: 'banner',
          title: `${target.label} closed the connection before greeting`,
          explanation:
            'The TCP connection opened, then the other side closed it without a word. The server (or something in front of it) decided not to talk to this address: TCP wrappers (/etc/hosts.deny), fail2ban or a firewall that lets the handshake through, a connection limit, postscreen dropping a listed client, or a load balancer or proxy with no working server behind it.',
          evidence: linesWhere(
            session,
            (e) => (e.step === 'banner' || e.step === 'connect') && e.dir !== 'client',
          ),
          next: [
            'Try again, and from another network: if it works elsewhere, this address is being refused.',
            'On the server, look at the log at the time of this test, and at hosts.deny, fail2ban (`fail2ban-client status`) and the connection limits.',
          ],
          actions: [retryLater(60)],
        }),
      ];
    },
  },
  {
    id: 'banner.drip',
    step: 'banner',
    evaluate: (session) => {
      const drip = dripping(session);
      if (bannerError(session) !== 'ETIMEDOUT' || !drip) return [];
      const target = smtpTarget(session);
      const seconds = Math.round(drip.ms / 100) / 10;
      return [
        finding({
          id: 'banner.drip',
          severity: 'error',
          step: 'banner',
          title: `${target.label} drips its greeting: ${drip.bytes} byte(s) in ${seconds} s, not finished before the deadline`,
          explanation: `The connection opened and the server started its greeting after ${drip.firstByteMs} ms, then sent it a little at a time: ${drip.bytes} byte(s) in ${drip.chunks} piece(s)${drip.partial ? `, ${quote(drip.partial)} so far` : ''}, and the line had not ended when the ${seconds}-s wait ran out. The port is not silent and does not expect TLS: the server is talking, slowly on purpose. That is a tarpit, which slows down clients it suspects of sending spam (OpenBSD spamd "stutters" its greeting a byte a second; some appliances and filters do the same): spam programs give up, while a sending server waits up to 5 minutes for a greeting (RFC 5321 4.5.3.2.1). Mail clients and monitors give up much sooner, so to them the server "times out" although telnet connects.`,
          evidence: linesWhere(
            session,
            (e) => (e.step === 'banner' || e.step === 'connect') && e.dir !== 'client',
          ),
          next: [
            "Ask the server's administrator whether a tarpit or spam filter sits in front of it, and to exempt this client's address (spamd: its nospamd table; other filters: their allow list). Tarpits usually pick on addresses found on a blocklist, so check whether this one is listed.",
            `Watch it by hand: \`nc ${target.host} ${target.port ?? 25}\` shows the greeting arriving a character at a time; a longer --timeout (300, as a sending server would wait) shows how long it takes in all.`,
            'If nobody set up a tarpit: look for an overloaded server or a network path that loses packets (the data arrives, but in slow bursts).',
          ],
        }),
      ];
    },
  },
  {
    id: 'banner.timeout',
    step: 'banner',
    evaluate: (session) => {
      if (bannerError(session) !== 'ETIMEDOUT' || dripping(session)) return [];
      const target = smtpTarget(session);
      const tlsPort = target.port !== undefined ? IMPLICIT_TLS_PORTS[target.port] : undefined;
      const implicit = session.tls?.mode === 'implicit';
      // A plain connection that stayed silent may be talking to a port that expects TLS first.
      const maybeTls = !implicit && (tlsPort !== undefined || factOf(session, 'banner.silent'));
      return [
        finding({
          id: 'banner.timeout',
          severity: 'error',
          step: 'banner',
          title: maybeTls
            ? `No greeting from ${target.label}: the port may expect TLS first`
            : `No greeting from ${target.label}`,
          explanation:
            tlsPort && !implicit
              ? `Port ${target.port} is the ${tlsPort} port, which speaks TLS from the first byte (RFC 8314): the server waits for the client's TLS handshake while the client waits for a greeting, and both wait until the deadline.`
              : `The connection opened but the server never said 220. ${maybeTls ? "One common reason is a service that expects TLS from the first byte (implicit TLS, like port 465): it waits for the client's TLS handshake while the client waits for its greeting. Otherwise: " : ''}a tarpit that waits longer than the deadline, an overloaded server, or a proxy or load balancer that accepts connections without a working server behind it.`,
          evidence: linesWhere(
            session,
            (e) => (e.step === 'banner' || e.step === 'connect') && e.dir !== 'client',
          ),
          next: [
            maybeTls
              ? `Connect with TLS from the first byte: mailmedic --tls implicit on port ${target.port ?? 465}${tlsPort ? ' (mailmedic does this by itself on port 465 unless told otherwise)' : ''}; mail clients call it "SSL/TLS".`
              : 'Try again with a longer --timeout: some servers pause on purpose before greeting.',
            `Test by hand: \`openssl s_client -connect ${target.label}\` for implicit TLS, \`nc ${target.host} ${target.port ?? 25}\` for plain SMTP.`,
          ],
          actions: [
            maybeTls ? implicitTls(target.port) : undefined,
            tlsPort && !implicit ? retryPort(587, 'Try port 587 (STARTTLS)') : retryLater(60),
          ],
        }),
      ];
    },
  },
  {
    id: 'banner.not-smtp',
    step: 'banner',
    evaluate: (session) => {
      if (bannerError(session) !== 'EPROTOCOL') return [];
      const notes = notesMatching(session, /^unparseable bytes from the server: /, 'banner');
      const raw = notes.length
        ? (session.transcript[notes[0]!]?.text.replace(
            /^unparseable bytes from the server: /,
            '',
          ) ?? '')
        : '';
      const service = /^\+OK/.test(raw)
        ? 'a POP3 server'
        : /^\* (?:OK|PREAUTH)/.test(raw)
          ? 'an IMAP server'
          : /^SSH-/.test(raw)
            ? 'an SSH server'
            : /^HTTP\//.test(raw)
              ? 'a web server'
              : /^\\x1[56]\\x03/.test(raw)
                ? 'a TLS service'
                : undefined;
      const target = smtpTarget(session);
      return [
        finding({
          id: 'banner.not-smtp',
          severity: 'error',
          step: 'banner',
          title: service
            ? `${target.label} is ${service}, not an SMTP server`
            : `${target.label} does not speak SMTP`,
          explanation: `An SMTP server greets with a three-digit code ("220 mail.example.com ESMTP"). What came back is not an SMTP reply${service ? `: it is the greeting of ${service}` : ''}, so this port runs another service, or something in between answers instead.`,
          evidence: notes,
          next: [
            'Check the port: SMTP is 25 (between servers), 587 and 465 (clients); POP3 is 110/995, IMAP 143/993.',
            `Look at what answers by hand: \`nc ${target.host} ${target.port ?? 25}\`.`,
          ],
          actions: [retryPort(target.port === 25 ? 587 : 25)],
        }),
      ];
    },
  },
];
