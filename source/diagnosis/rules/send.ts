// Refusals during MAIL FROM, RCPT TO and DATA: who refused what, and why, in the words a
// support engineer can repeat to the customer.
import { factOf } from '../../record/facts.js';
import type { Session } from '../../record/types.js';
import { retryLater, retryPort } from '../actions.js';
import {
  addressIn,
  explainReply,
  kindRule,
  refusalSeverity,
  replyEvidence,
  vendorDetail,
} from '../reply-finding.js';
import { replyKind } from '../reply-kinds.js';
import type { Rule } from '../rule.js';
import { finding, linesWhere, quote, smtpPort, smtpTarget, stepFailed } from '../rule.js';
import type { SmtpReplyView } from '../transcript.js';
import { smtpReplies } from '../transcript.js';

const authenticated = (session: Session): boolean => factOf(session, 'auth')?.code === 235;

/** The submission port to suggest instead of this one. */
const submissionPort = (session: Session): number => (smtpPort(session) === 587 ? 465 : 587);

const recipientOf = (r: SmtpReplyView): string =>
  addressIn(r.command?.line) ?? addressIn(r.text) ?? 'the recipient';

const senderOf = (r: SmtpReplyView): string =>
  addressIn(r.command?.verb === 'MAIL' ? r.command.line : undefined) ??
  addressIn(r.text) ??
  'the sender';

const domainOf = (address: string): string | undefined => address.split('@')[1]?.toLowerCase();

/** The domains this server is known to stand for: the target domain, its names' parents. */
const serverDomains = (session: Session): string[] => {
  const names = [
    session.target.domain,
    session.target.server?.host,
    factOf(session, 'banner')?.host,
    factOf(session, 'ehlo')?.serverName,
  ].filter((n): n is string => typeof n === 'string' && n.includes('.') && !/^[\d.]+$/.test(n));
  return [
    ...new Set(
      names.flatMap((n) => [n.toLowerCase(), n.toLowerCase().split('.').slice(1).join('.')]),
    ),
  ].filter((d) => d.includes('.'));
};

/**
 * A recipient refusal that is most likely a relay refusal in other words (OpenSMTPD's "550
 * Invalid recipient"): the session did not log in and the recipient's domain is not one this
 * server is known to stand for. Only when the reply itself says nothing more precise (no X.1.1).
 */
const likelyRelay = (r: SmtpReplyView, session: Session): boolean => {
  if (authenticated(session) || r.command?.verb !== 'RCPT') return false;
  if (r.enhanced && /^\d\.1\.(?:1|10)$/.test(r.enhanced)) return false;
  if (
    /user unknown|unknown user|no such (?:user|mailbox)|mailbox (?:unavailable|not found)/i.test(
      r.text,
    )
  )
    return false;
  const domain = domainOf(recipientOf(r));
  const ours = serverDomains(session);
  if (!domain || ours.length === 0) return false;
  return !ours.some((d) => domain === d || domain.endsWith(`.${d}`) || d.endsWith(`.${domain}`));
};

/** "(enhanced status 5.1.1: ...)" only when the reply carried one: codes are never invented. */
const enhancedNote = (r: SmtpReplyView, meaning: string): string =>
  r.enhanced ? ` (enhanced status ${r.enhanced}: ${meaning}, RFC 3463)` : '';

/** Relay advice for both kinds of sender: a client submits with a login, a server delivers to the MX. */
const relayAdvice = (r: SmtpReplyView, session: Session): string[] => {
  const domain = domainOf(recipientOf(r)) ?? 'the recipient domain';
  const port = smtpPort(session);
  const client = `If the sender is a mail client or a device (mail program, scanner, web site, application): it must log in, on the submission port (${submissionPort(session)}) with STARTTLS or on 465, as mailmedic does with --auth-user.`;
  const server = `If the sender is a mail server delivering this message: it should deliver to the MX of ${domain} (\`dig ${domain} MX\`, or run mailmedic on ${domain}), not to this server; if this server is its smarthost, the sending server must authenticate to it (Postfix: relayhost = [this server]:587 with smtp_sasl_auth_enable = yes) or have its address among this server's trusted networks.`;
  return port === 25 || port === undefined ? [server, client] : [client, server];
};

/** Seconds a reply asks to wait ("try again in 5 minutes"), if it says. */
const waitSeconds = (text: string, fallback: number): number => {
  const m = /(\d+)\s*(seconds?|secs?|s\b|minutes?|mins?)/i.exec(text);
  if (!m) return fallback;
  const n = Number(m[1]);
  return /^m/i.test(m[2] ?? '') ? n * 60 : n;
};

export const sendRules: Rule[] = [
  kindRule({
    id: 'send.relay-denied',
    kind: 'relay-denied',
    title: (r) => `The server refuses to relay mail to ${recipientOf(r)}`,
    explanation: (r, session) =>
      `${recipientOf(r)} is not in a domain this server receives mail for, so accepting it would mean passing the message on (relaying). A server relays only for clients it trusts: ones that authenticated with AUTH, or whose address is in its trusted networks; anything else would make it an open relay that spammers abuse (RFC 5321 3.6, RFC 2505). ${
        authenticated(session)
          ? 'This session did authenticate, so the account itself is not allowed to relay, or the server does not count authentication as a reason to relay.'
          : 'This session did not authenticate: that is the usual cause. Either a mail client or device is sending without a login, or a sending mail server handed the message to this server instead of to the MX of the recipient domain.'
      }`,
    next: (r, session) => [
      ...(authenticated(session)
        ? [
            'Check the relay rules of the server: Postfix needs permit_sasl_authenticated in smtpd_relay_restrictions; Exim needs an accept authenticated = * in its RCPT ACL; Exchange needs the account to have send permission on the connector.',
          ]
        : relayAdvice(r, session)),
      'If this client should relay without a login (a printer, an internal application), add its address to the trusted networks (Postfix: mynetworks; Exim: relay_from_hosts; Exchange: a receive connector that allows anonymous relay from that IP only).',
      `If ${recipientOf(r).split('@')[1] ?? 'the recipient domain'} should be delivered locally by this server, add it to the server's domains (Postfix: mydestination, virtual_mailbox_domains or relay_domains).`,
    ],
    actions: (_r, session) => [
      smtpPort(session) === 587 || authenticated(session)
        ? undefined
        : retryPort(587, 'Try port 587 with authentication'),
    ],
  }),
  kindRule({
    id: 'send.auth-required',
    kind: 'auth-required',
    title: () => 'The server wants authentication before it accepts mail',
    explanation: () =>
      'The server refused the transaction because this client has not logged in. Submission servers (ports 587 and 465) accept mail only from authenticated users (RFC 6409 4.3); the reply comes at MAIL FROM or RCPT TO because that is where the server decides.',
    next: (_r, session) => [
      'Authenticate: run mailmedic again with --auth-user (the password comes from MAILMEDIC_PASSWORD or a prompt).',
      factOf(session, 'ehlo.afterTls')?.auth.length || factOf(session, 'ehlo')?.auth.length
        ? undefined
        : 'The server did not offer AUTH on this connection: on many servers it appears only after STARTTLS, or only on port 587.',
    ],
    actions: (_r, session) => [
      smtpPort(session) === 587 ? undefined : retryPort(587, 'Try port 587 with authentication'),
    ],
  }),
  kindRule({
    id: 'send.recipient-unknown',
    kind: 'recipient-unknown',
    title: (r, replies, session) =>
      likelyRelay(r, session)
        ? `The server refused ${recipientOf(r)}: most likely it does not relay for this unauthenticated session`
        : replies.length > 1
          ? `${replies.length} recipients do not exist on this server`
          : `The recipient ${recipientOf(r)} does not exist on this server`,
    explanation: (r, session) =>
      likelyRelay(r, session)
        ? `The reply reads like an unknown recipient, but ${domainOf(recipientOf(r)) ?? 'its domain'} is not a domain this server is known to receive mail for, and this session did not log in. Some servers word a relay refusal this way (OpenSMTPD says "550 Invalid recipient"): they look the address up among the domains they accept, find nothing, and refuse without saying whether they would relay for a client that logs in.${r.enhanced ? ` The enhanced status ${r.enhanced} says no more than that.` : ' The reply has no enhanced status code to tell which.'}`
        : `The server looked ${recipientOf(r)} up among its mailboxes and aliases and found nothing${enhancedNote(r, 'bad destination mailbox address')}. It refuses now, during the SMTP dialogue, rather than accepting and bouncing later, which is what a well-run server does.`,
    next: (r, session) => [
      ...(likelyRelay(r, session) ? relayAdvice(r, session) : []),
      `Check the spelling of ${recipientOf(r)} with the person who gave it.`,
      'On the receiving server, check the mailbox or alias exists (Postfix: `postmap -q ADDRESS hash:/etc/postfix/virtual`, Dovecot: `doveadm user ADDRESS`; Microsoft 365: the recipient in the admin center).',
      'If the mailbox was just created, a directory sync or map rebuild may be pending (Postfix: `postmap`; Microsoft 365: Directory-Based Edge Blocking needs the user to be synced).',
    ],
  }),
  kindRule({
    id: 'send.recipient-domain-unknown',
    kind: 'recipient-domain-not-found',
    title: (r) => `The server cannot find the domain of ${recipientOf(r)}`,
    explanation: (r) =>
      `Before accepting ${recipientOf(r)}, the server looked its domain up in DNS and found no MX or address for it, so it could never deliver the message. Either the domain has a typo, it does not exist (any more), or the server's own resolver is failing (then the code is 4xx and it will retry).`,
    next: (r) => [
      `Check the domain: \`dig ${recipientOf(r).split('@')[1] ?? 'DOMAIN'} MX\`, or run mailmedic on that domain.`,
      "If the domain resolves from here, the server's resolver is the problem: test DNS on the server itself.",
    ],
  }),
  kindRule({
    id: 'send.sender-rejected',
    kind: 'sender-rejected',
    title: (r) => `The sender address ${senderOf(r)} was refused`,
    explanation: () =>
      'The server refused the envelope sender (MAIL FROM). Common reasons: the sender\'s domain does not exist in DNS, so bounces could never be returned (Postfix reject_unknown_sender_domain); the authenticated account may not send as this address (sender login mismatch, Microsoft "send as" permission); or the address is on a local block list. Postfix often says this at RCPT TO rather than at MAIL FROM, because it waits to collect the client\'s details before deciding (smtpd_delay_reject).',
    next: () => [
      'Send from an address of a domain that exists and that the authenticated account owns (--from).',
      'If the account should be able to send as this address, grant it on the server (Postfix: smtpd_sender_login_maps; Microsoft 365: Send As permission).',
    ],
  }),
  kindRule({
    id: 'send.spf-dmarc-rejected',
    kind: 'spf-dmarc',
    title: () => "The message was refused by the sender domain's SPF or DMARC policy",
    explanation: () =>
      "The receiving server checked whether this server may send mail for the sender's domain. SPF (RFC 7208) lists the addresses allowed to send for the envelope domain; DKIM signs the message; DMARC (RFC 7489) requires one of them to pass for the domain in the From: header and tells receivers what to do when both fail. Here the checks failed and the domain's policy, or the receiver's own rules (Gmail and Yahoo require SPF or DKIM from every sender since 2024), said refuse.",
    next: () => [
      'Check the SPF record of the sender domain: `dig TXT DOMAIN` must include this sending server (ip4:, include:, mx).',
      'Make the server sign with DKIM for the From: domain, and check the DMARC record at _dmarc.DOMAIN.',
      'Run mailmedic on the sender domain: its DNS step checks SPF and DMARC.',
    ],
  }),
  kindRule({
    id: 'send.ptr-required',
    kind: 'ptr-required',
    title: () => 'The receiver requires reverse DNS for the sending address',
    explanation: () =>
      'The receiving server looked up the reverse DNS (PTR) of the address this mail came from and found none, or a name that does not resolve back to the address. Many receivers treat such mail as coming from a compromised home computer and refuse it (Gmail with 5.7.25, Postfix with reject_unknown_client_hostname).',
    next: () => [
      'Ask whoever owns the sending address (hosting or network provider) to set a PTR record naming the server, e.g. mail.example.com.',
      "Make that name resolve back to the same address (forward-confirmed reverse DNS), and use it as the server's EHLO name.",
    ],
  }),
  kindRule({
    id: 'send.greylisted',
    kind: 'greylisted',
    title: () => 'Greylisted: the server asks to try again later',
    explanation: () =>
      'Greylisting refuses the first attempt from an unknown combination of client address, sender and recipient with a temporary 4xx code. A real mail server keeps the message and retries after a few minutes, and the retry is accepted; many spam programs never retry. So this is not a failure of the mail system: mail arrives, only later (RFC 5321 4.5.4.1 asks senders to wait at least 30 minutes between retries, most wait less). The test message of this session was not accepted, though.',
    next: (r) => [
      `Run the same test again in ${Math.round(waitSeconds(r.text, 300) / 60)} minutes: the same client, sender and recipient should then pass.`,
      'If a sender complains of delays, check that its server retries, and consider whitelisting its address on the greylisting server (postgrey: /etc/postgrey/whitelist_clients).',
    ],
    actions: (r) => [retryLater(waitSeconds(r.text, 300))],
  }),
  kindRule({
    id: 'send.rate-limited',
    kind: 'rate-limited',
    // A refused login is auth.temporary-failure's.
    filter: (r) => r.command?.verb !== 'AUTH' && r.command?.verb !== 'AUTH-RESPONSE',
    title: () => 'The server limits how fast this client may send',
    explanation: () =>
      'The receiving side throttles this client: too many messages, recipients or connections in a short time from this address, account or network, or sending patterns it dislikes. A temporary (4xx) limit clears by itself when the sender slows down; a permanent one (5xx) needs the limit raised or the reputation repaired.',
    next: (r) => [
      'Slow down: send fewer messages per connection and per minute, and let the queue retry.',
      r.code >= 500
        ? 'Ask the receiving side (or the mail provider of the account) about its sending limits, and check whether the account was compromised and sent spam.'
        : 'Try again later; if the limit is hit every day, ask about raising it.',
    ],
    actions: (r) => [retryLater(waitSeconds(r.text, 600))],
  }),
  kindRule({
    id: 'send.too-many-connections',
    kind: 'too-many-connections',
    filter: (r) => r.command !== undefined,
    title: () => 'The server refuses more connections from this client',
    explanation: () =>
      'The server allows each client address only a few simultaneous connections (Postfix: smtpd_client_connection_count_limit; Exchange: MaxInboundConnectionPerSource). Another program on this address, a mail queue flushing, or many users behind one NAT address can use them all.',
    next: () => [
      'Check for other processes connecting from this address (`ss -tn dst :25`).',
      'Try again in a minute, or ask for the limit to be raised for this address.',
    ],
    actions: () => [retryLater(60)],
  }),
  kindRule({
    id: 'send.mailbox-full',
    kind: 'mailbox-full',
    title: (r) => `The mailbox of ${recipientOf(r)} is full`,
    explanation: (r) =>
      `The recipient's mailbox has reached its storage quota, so the server cannot store more mail${enhancedNote(r, 'mailbox full')}. ${r.code < 500 ? 'The code is temporary: senders keep retrying for a few days, then bounce.' : 'The code is permanent: the sender gets a bounce now.'}`,
    next: () => [
      'Ask the recipient to delete or archive mail (and to empty the trash and the junk folder).',
      'Or raise the quota on the server (Dovecot: quota_rule; Microsoft 365: the mailbox quota); Dovecot shows usage with `doveadm quota get -u USER`.',
    ],
  }),
  kindRule({
    id: 'send.message-too-large',
    kind: 'too-large',
    title: () => 'The message is larger than the server accepts',
    explanation: (_r, session) => {
      const size = factOf(session, 'send.size');
      return `The server refused the message because of its size${size ? ` (${size.bytes} bytes${size.limit ? `; the server advertised SIZE ${size.limit}` : ''})` : ''}. Servers announce their limit in the EHLO reply (SIZE, RFC 1870), and attachments grow by a third when they are encoded in base64, so a 15 MB file needs about 20 MB.`;
    },
    next: () => [
      'Send large files as a link (a file share) instead of an attachment.',
      'Or raise the limit on the server (Postfix: message_size_limit; Exchange: MaxReceiveSize on the connector and the mailbox).',
    ],
  }),
  {
    // The test message itself may exceed the announced SIZE even when no refusal was recorded
    // (the server may close the connection instead of replying).
    id: 'send.size-exceeds-limit',
    step: 'send',
    evaluate: (session) => {
      const size = factOf(session, 'send.size');
      if (!size?.limit || size.bytes <= size.limit) return [];
      if (smtpReplies(session).some((r) => replyKind(r) === 'too-large')) return [];
      const sizeLines = linesWhere(
        session,
        (e) => e.dir === 'server' && /^250[- ]SIZE\b/i.test(e.text),
      );
      const notes = linesWhere(
        session,
        (e) =>
          e.step === 'send' && e.dir === 'note' && /larger than the advertised SIZE/.test(e.text),
      );
      return [
        finding({
          id: 'send.size-exceeds-limit',
          severity: stepFailed(session, 'send') ? 'error' : 'warning',
          step: 'send',
          title: `The message (${size.bytes} bytes) is larger than the advertised limit (${size.limit} bytes)`,
          explanation:
            'In its EHLO reply the server announced the largest message it accepts (SIZE, RFC 1870). A larger message is refused, at MAIL FROM when the client declares its size, or at the end of DATA.',
          evidence: [...sizeLines, ...notes],
          next: [
            'Send a smaller message, or large files as a link.',
            'Or raise the limit on the server (Postfix: message_size_limit).',
          ],
        }),
      ];
    },
  },
  kindRule({
    id: 'send.blocklisted',
    kind: 'blocklisted',
    title: () => 'The sending address is on a blocklist',
    explanation: () =>
      "The receiving server refused because the address this connection comes from is listed on a DNS blocklist (Spamhaus, Barracuda, SpamCop...) or on the receiver's own block list. Lists hold addresses that sent spam, were infected, or are dynamic (home) addresses that should not send mail directly. Every message from this address is refused the same way, whatever its content.",
    next: (r) => {
      const ip = /\[(\d{1,3}(?:\.\d{1,3}){3}|[0-9a-f:]+)\]/i.exec(r.text)?.[1];
      return [
        `Look the address${ip ? ` ${ip}` : ''} up at the list named in the reply (for Spamhaus: https://check.spamhaus.org), and follow its removal procedure.`,
        'Before asking for removal, find out why it was listed: an infected machine or a hacked account sending spam will get it listed again.',
        "If it is a dynamic home or office address, send through the provider's smarthost (port 587 with authentication) instead of directly.",
      ];
    },
  }),
  kindRule({
    id: 'send.content-rejected',
    kind: 'content-rejected',
    title: () => 'The message was refused for its content',
    explanation: () =>
      'The server accepted the sender and the recipient, read the whole message, and then refused it at the end of DATA: its content filter (spam, virus or policy scanner) judged the message. The verdict depends on the content, the links and attachments, and the reputation and authentication of the sender.',
    next: () => [
      'Send a plain test message without links or attachments: if that passes, the content was the reason.',
      'Check that the sender domain passes SPF, DKIM and DMARC; unauthenticated mail scores worse.',
    ],
  }),
  kindRule({
    id: 'send.server-error',
    kind: 'server-error',
    filter: (r) => r.command !== undefined,
    title: () => 'The server has a problem of its own',
    explanation: () =>
      "The refusal is about the server, not about this message: a full disk, a failed lookup in its own tables or DNS, a content filter that is down. These replies are usually temporary (4xx), so senders retry; the server's administrator has to fix the cause.",
    next: () => [
      'Tell the administrator of the server: the reason is in its log at the time of this test (Postfix: /var/log/mail.log, "warning:" lines).',
      'Check free disk space and the services the server depends on (database, LDAP, content filter).',
    ],
    actions: () => [retryLater(300)],
  }),
  {
    // Any other refusal of a recipient, the sender or the message: explained by its code.
    id: 'send.refused',
    evaluate: (session) => {
      const replies = smtpReplies(session).filter(
        (r) =>
          r.code >= 400 &&
          ['MAIL', 'RCPT', 'DATA', 'DATA-END'].includes(r.command?.verb ?? '') &&
          replyKind(r) === undefined &&
          // "554 5.5.1 Error: no valid recipients" and "503 need MAIL command" only follow the
          // real refusal, which is explained on its own.
          r.code !== 503 &&
          !/no valid recipients|need (?:MAIL|RCPT) command/i.test(r.text),
      );
      const first = replies[0];
      if (!first) return [];
      const what =
        first.command?.verb === 'MAIL'
          ? 'the sender'
          : first.command?.verb === 'RCPT'
            ? `the recipient ${recipientOf(first)}`
            : 'the message';
      const vendor = vendorDetail(first);
      return [
        finding({
          id: 'send.refused',
          severity: refusalSeverity(session, replies),
          step: first.step,
          title: `The server refused ${what}: ${first.code}${first.enhanced ? ` ${first.enhanced}` : ''}`,
          explanation: `The server said ${quote(first.first, 160)}. ${first.code >= 500 ? 'A 5xx code is permanent: sending the same thing again fails the same way.' : 'A 4xx code is temporary: a real sender keeps the message and retries.'} The text after the code is the server's own reason; the enhanced code (RFC 3463) says which area it is about.${vendor.detail}`,
          evidence: replyEvidence(replies),
          next: [
            'Read the reply text: it usually names the rule that refused (and the server log has the details).',
            ...(vendor.fix ? [vendor.fix] : []),
          ],
          actions: [explainReply(first)],
        }),
      ];
    },
  },
  {
    // A server that takes mail for a foreign domain from an anonymous client relays for anyone.
    id: 'send.open-relay',
    step: 'send',
    evaluate: (session) => {
      const domain = session.target.domain?.toLowerCase();
      const address = factOf(session, 'connect.remote')?.address ?? smtpTarget(session).host;
      if (!domain || authenticated(session) || /^(127\.|::1$|::ffff:127\.)/.test(address))
        return [];
      const foreign = smtpReplies(session).filter((r) => {
        if (r.command?.verb !== 'RCPT' || r.code >= 300) return false;
        const to = addressIn(r.command.line)?.toLowerCase();
        const host = to?.split('@')[1];
        return host !== undefined && host !== domain && !host.endsWith(`.${domain}`);
      });
      const first = foreign[0];
      if (!first) return [];
      return [
        finding({
          id: 'send.open-relay',
          severity: 'warning',
          step: 'send',
          title: `A mail server of ${domain} accepted mail for ${recipientOf(first)} without authentication`,
          explanation: `This session did not log in, yet the server accepted a recipient outside ${domain}. Either this client's address is on the server's trusted list, or the server is an open relay: anyone can send spam through it, and it will soon be on every blocklist (RFC 5321 3.6, RFC 2505).`,
          evidence: replyEvidence(foreign),
          next: [
            'Repeat the test from an address outside the organisation: if the recipient is still accepted, close the relay at once.',
            'Postfix: smtpd_relay_restrictions = permit_mynetworks, permit_sasl_authenticated, reject_unauth_destination, with mynetworks limited to your own networks.',
          ],
        }),
      ];
    },
  },
];
