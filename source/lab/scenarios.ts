// The practice scenarios: one broken mail world each, and the lesson it teaches. Plain data, so a
// trainer can read or add one without reading the servers. `causes` are the diagnosis finding
// ids that name the cause; the lab's own test runs `check --lab` on every scenario and fails when
// the diagnosis does not find one of them.
import type { Scenario } from './scenario-types.js';

const DOMAIN = 'practice.test';
const USER = `student@${DOMAIN}`;

export const SCENARIOS: readonly Scenario[] = [
  {
    id: 'healthy',
    title: 'Everything works',
    check: { role: 'submission', login: 'right', to: 'local', retrieve: ['pop3', 'imap'] },
    lesson: {
      story:
        'A customer says: "I set up my new mail client and just want to be sure everything is right before the boss tries it."',
      tryThis: [
        'Follow the whole path: DNS, connect, the banner, EHLO, STARTTLS, AUTH, sending, then finding the message over POP3 and IMAP.',
        'By hand: swaks --server HOST --port SUBMISSION --tls --auth-user USER --auth-password PASSWORD --to USER',
      ],
      protocolShows:
        'MX points at the mail host, the greeting is 220, EHLO offers STARTTLS, AUTH appears only after TLS, MAIL, RCPT and DATA get 250, 354 and 250 "queued as", and the message appears in the mailbox with its Message-ID.',
      fix: 'Nothing to fix. Keep this transcript: it is what "working" looks like, to compare with when something breaks.',
      causes: [],
    },
  },
  {
    id: 'relay-denied',
    title: 'Relay access denied',
    check: { role: 'mx', to: 'elsewhere' },
    lesson: {
      story:
        'A customer says: "The office scanner can send to us but not to our accountant outside; it gets 554 Relay access denied."',
      tryThis: [
        'Send without logging in on the port-25 server to an address outside the lab domain.',
        'Then send the same message on the submission port with --auth-user: it is accepted.',
      ],
      protocolShows:
        'MAIL FROM is accepted, RCPT TO for the outside address gets 554 5.7.1 Relay access denied: the server receives for its own domain only, and passes mail on only for clients that authenticated.',
      fix: 'Configure the device to use the submission port (587) with a login; or, for a device that cannot log in, add its address to the trusted networks (Postfix mynetworks) and nothing wider.',
      causes: ['send.relay-denied'],
    },
  },
  {
    id: 'auth-failure',
    title: 'Wrong password',
    check: { role: 'submission', login: 'wrong', to: 'local' },
    lesson: {
      story:
        'A customer says: "Since I changed my password on the web mail, my phone keeps asking for it and cannot send."',
      tryThis: [
        'Log in on the submission port with the old password (mailmedic does: the lab expects the new one).',
        'Decode what AUTH PLAIN sends: it is base64 of NUL, user, NUL, password, not encryption.',
      ],
      protocolShows:
        'STARTTLS succeeds, AUTH is offered after TLS, and AUTH PLAIN gets 535 5.7.8 authentication credentials invalid.',
      fix: 'Update the password stored in the mail client; on the server, check the authentication log for the user (and for lockouts after repeated failures).',
      causes: ['auth.failed'],
    },
  },
  {
    id: 'tls-required',
    title: 'The server requires STARTTLS',
    mx: { policy: { requireTls: true } },
    check: { role: 'mx', tls: 'none', to: 'local' },
    lesson: {
      story:
        'A customer says: "Our old billing application stopped sending invoices after the mail server was updated: 530 Must issue a STARTTLS command first."',
      tryThis: [
        'Send with --tls none, as the old application does: MAIL FROM is refused.',
        'Send again with --tls auto: STARTTLS first, then the same MAIL FROM passes.',
      ],
      protocolShows:
        'EHLO offers STARTTLS; the client ignores it and sends MAIL FROM in clear text, and the server answers 530 5.7.0 Must issue a STARTTLS command first.',
      fix: 'Turn on STARTTLS (opportunistic TLS) in the application; if it cannot do TLS, relay it through a local smarthost that can, rather than relaxing the server (Postfix smtpd_tls_security_level=encrypt).',
      causes: ['auth.tls-required'],
    },
  },
  {
    id: 'greylisting',
    title: 'Greylisting',
    mx: { policy: { greylist: { seconds: 60 } } },
    check: { role: 'mx', to: 'local' },
    lesson: {
      story:
        'A customer says: "Mail from a new supplier arrives, but always twenty minutes late, and their first attempt bounced with a 450."',
      tryThis: [
        'Send once: RCPT TO is refused with 450 Greylisted.',
        'Send the same message from the same client again after a minute: it is accepted.',
      ],
      protocolShows:
        'RCPT TO gets 450 4.2.0 Recipient address rejected: Greylisted. A temporary code: a real mail server queues the message and retries; the retry is accepted.',
      fix: "Nothing is broken: greylisting delays first contacts on purpose. If the delay hurts, whitelist the sender's server (postgrey whitelist_clients) or lower the delay; make sure the sending side retries.",
      causes: ['send.greylisted'],
    },
  },
  {
    id: 'tarpit',
    title: 'A tarpit drips the greeting',
    mx: { scripted: 'tarpit' },
    check: { role: 'mx', timeoutSeconds: 5 },
    lesson: {
      story:
        'A customer says: "Our monitoring says the mail server times out, but telnet to port 25 connects fine."',
      tryThis: [
        'Connect with telnet and watch the greeting arrive one character at a time.',
        'mailmedic gives up on the greeting after its deadline (here 5 s), as a monitor or a mail client does after theirs, and says how many bytes had arrived: a greeting that drips is not a port that stays silent.',
      ],
      protocolShows:
        'The TCP connection opens at once and the greeting starts at once, then the 220 line trickles in a byte every few hundred milliseconds; a client with a deadline on the greeting gives up before the line is complete, with "220 mail.prac" on its screen rather than nothing.',
      fix: 'If the tarpit is meant for spammers, exempt known clients and monitors (Postfix postscreen access lists); if it is not deliberate, look for a slow reverse-DNS lookup of clients or an overloaded server.',
      causes: ['banner.drip'],
    },
  },
  {
    id: 'mailbox-full',
    title: "The recipient's mailbox is full",
    mx: {
      policy: {
        refusals: [
          {
            at: 'rcpt',
            code: 552,
            text: '5.2.2 <{address}>: Recipient address rejected: Mailbox is full',
          },
        ],
      },
    },
    check: { role: 'mx', to: 'local' },
    lesson: {
      story:
        'A customer says: "People tell me their mail to me bounces, but I receive some spam just fine."',
      tryThis: [
        'Send to the lab mailbox on the port-25 server.',
        'Read the enhanced status code: X.2.2 is "mailbox full" (RFC 3463).',
      ],
      protocolShows:
        'RCPT TO gets 552 5.2.2 Mailbox is full: the server knows the recipient but cannot store more for it.',
      fix: 'Have the user delete or archive mail (and empty trash and junk), or raise the quota (Dovecot quota_rule; doveadm quota get -u USER shows the usage).',
      causes: ['send.mailbox-full'],
    },
  },
  {
    id: 'message-too-large',
    title: 'The message is too large',
    submission: { policy: { size: 2048 } },
    check: { role: 'submission', login: 'right', to: 'local', bodyBytes: 6000 },
    lesson: {
      story:
        'A customer says: "I can send normal mail, but the mail with the scanned contract never goes out."',
      tryThis: [
        'Look at SIZE in the EHLO reply: the server tells its limit before any mail is sent.',
        'Send a message bigger than it (mailmedic adds a 6 kB body here).',
      ],
      protocolShows:
        'EHLO says SIZE 2048; MAIL FROM carries SIZE= with the real size, and the server refuses it with 552 before the data is even sent.',
      fix: 'Raise the limit on the server (Postfix message_size_limit) if the business needs it, and remember base64 makes attachments a third bigger; or share big files by link.',
      causes: ['send.message-too-large', 'send.size-exceeds-limit'],
    },
  },
  {
    id: 'smtp-fixup',
    title: 'A Cisco firewall mangles SMTP (PIX fixup)',
    mx: { scripted: 'fixup' },
    check: { role: 'mx' },
    lesson: {
      story:
        'A customer says: "Since the new firewall, some servers cannot send to us, and telnet shows a banner of stars."',
      tryThis: [
        'Connect to the port-25 server: the banner is 220 followed by asterisks.',
        'Type EHLO: 500 5.5.1 Command unrecognized. Then HELO: it works, but without any extension.',
      ],
      protocolShows:
        "The firewall hides the banner behind asterisks and lets only RFC 821 commands through: EHLO, STARTTLS and AUTH are garbled into X's and refused with 500.",
      fix: 'Turn the SMTP inspection off on the firewall: PIX "no fixup protocol smtp 25", ASA "no inspect esmtp" in the global policy.',
      causes: ['banner.pix-fixup'],
    },
  },
  {
    id: 'expired-certificate',
    title: 'The certificate has expired',
    certificate: 'expired',
    check: { role: 'submission', login: 'right', to: 'local' },
    lesson: {
      story:
        'A customer says: "Since this morning every phone in the office warns about the mail server\'s certificate."',
      tryThis: [
        "Run STARTTLS on the submission port and read the certificate's dates.",
        'By hand: openssl s_client -starttls smtp -connect HOST:PORT -CAfile lab-ca.pem, and look at "Verify return code".',
      ],
      protocolShows:
        'STARTTLS gets 220 and the handshake completes, but the certificate\'s notAfter is yesterday: verification fails with "certificate has expired", so a careful client will not send the password.',
      fix: 'Renew the certificate, install the new one with its chain, reload the mail server, and automate renewal (certbot renew with a reload hook).',
      causes: ['tls.cert-expired'],
    },
  },
  {
    id: 'pop3-in-use',
    title: 'The POP3 mailbox is locked',
    pop3Locked: true,
    check: { role: 'submission', steps: ['pop3'], retrieve: ['pop3'] },
    lesson: {
      story:
        'A customer says: "My laptop shows -ERR [IN-USE] when I check mail, but the desktop at home works."',
      tryThis: [
        'Log in over POP3: the password is right, and still the server refuses.',
        'Read the response code in brackets: [IN-USE] (RFC 2449) means another session holds the mailbox.',
      ],
      protocolShows:
        'USER and PASS (or AUTH) succeed as far as the password goes, and the server answers -ERR [IN-USE] Unable to lock maildrop: POP3 lets one session at a time change a mailbox (RFC 1939 8).',
      fix: 'Find the other client (a phone, the desktop at home) and let it finish or stop checking so often; on the server, a stale lock clears when the old session ends.',
      causes: ['pop3.in-use'],
    },
  },
  {
    id: 'no-mx',
    title: 'The domain has no MX record',
    dns: 'no-mx',
    check: { role: 'mx' },
    lesson: {
      story:
        'A customer says: "We moved our web site to a new host, and since then nobody can mail us."',
      tryThis: [
        "Ask DNS for the domain's MX: there is none, and the domain itself has no address either.",
        'By hand: dig @127.0.0.1 -p DNSPORT practice.test MX',
      ],
      protocolShows:
        'The MX query answers NOERROR with no records, and the A/AAAA fallback of RFC 5321 5.1 finds nothing: senders have no host to connect to and bounce the mail.',
      fix: 'Publish an MX record for the domain that names the mail server (and give that name A/AAAA records).',
      causes: ['dns.no-mail-host', 'dns.no-mx-implicit'],
    },
  },
  {
    id: 'null-mx',
    title: 'The domain has a null MX',
    dns: 'null-mx',
    // A message to the student's address: the null MX is why it cannot be delivered.
    check: { role: 'mx', to: 'local' },
    lesson: {
      story:
        'A customer says: "Our new domain cannot receive mail at all; senders get an immediate bounce."',
      tryThis: ['Look at the MX record: preference 0 and a host of ".".'],
      protocolShows:
        'MX 0 . is the null MX of RFC 7505: the domain says it accepts no mail, and senders bounce at once.',
      fix: 'If the domain should receive mail, replace the null MX with an MX naming the mail server; the null MX was probably copied from a parked-domain template.',
      causes: ['dns.null-mx'],
    },
  },
  {
    id: 'broken-mx',
    title: 'The MX points to a name that does not exist',
    dns: 'broken-mx',
    check: { role: 'mx' },
    lesson: {
      story:
        'A customer says: "We renamed our mail server last week, and since then mail to us is delayed and then bounces."',
      tryThis: ['Follow the MX to its host name, then ask for its A and AAAA records.'],
      protocolShows:
        'The MX names mail.practice.test, and that name has no A or AAAA record (NXDOMAIN): senders have nowhere to connect.',
      fix: "Point the MX at the server's current name, or give the old name A/AAAA records again. An MX must name a host with addresses, never an IP address or an alias.",
      causes: ['dns.mx-no-address', 'dns.mx-all-fail'],
    },
  },
  {
    id: 'blocklisted',
    title: 'The sender is on a blocklist',
    mx: {
      policy: {
        refusals: [
          {
            at: 'rcpt',
            code: 554,
            text: '5.7.1 Service unavailable; Client host [{client}] blocked using bl.{domain}; Listed by the practice blocklist',
          },
        ],
      },
    },
    check: { role: 'mx', to: 'local' },
    lesson: {
      story:
        'A customer says: "Since yesterday one of our partners refuses all our mail, whatever we send."',
      tryThis: [
        'Send to the lab on port 25 and read the refusal: it names the list.',
        'Look the address up as the server did: dig @127.0.0.1 -p DNSPORT 1.0.0.127.bl.practice.test A (127.0.0.2 means listed).',
      ],
      protocolShows:
        'RCPT TO gets 554 5.7.1 Client host blocked using a DNS blocklist: the receiver looked up the sending address in the list before looking at the message.',
      fix: "Find why the sending address was listed (infected machine, hacked account), fix that, then ask the list for removal; send through the provider's smarthost meanwhile.",
      causes: ['send.blocklisted'],
    },
  },
  {
    id: 'starttls-stripped',
    title: 'A middlebox strips STARTTLS',
    mx: { scripted: 'starttls-stripped' },
    check: { role: 'mx', tls: 'starttls' },
    lesson: {
      story:
        'A customer says: "Our partner\'s server insists on TLS and cannot deliver to us, but our mail server has a valid certificate."',
      tryThis: [
        'Read the EHLO reply: where STARTTLS should be there is 250-XXXXXXXA.',
        'Try STARTTLS anyway: 500 Command unrecognized.',
      ],
      protocolShows:
        "A firewall inspecting SMTP overwrote the STARTTLS line with X's so no client starts TLS: mail flows in clear text, and senders that require TLS give up.",
      fix: 'Let STARTTLS through the inspection (ASA: allow-tls in the ESMTP policy map, or no inspect esmtp), then check from outside that 250-STARTTLS appears.',
      causes: ['ehlo.starttls-masked'],
    },
  },
  {
    id: 'wrong-hostname-certificate',
    title: 'The certificate is for another name',
    certificate: 'wrong-name',
    check: { role: 'submission', login: 'right', to: 'local' },
    lesson: {
      story:
        'A customer says: "Outlook says the server\'s name does not match its certificate, ever since we moved to the new host."',
      tryThis: [
        "Read the certificate's subject and alternative names after STARTTLS, and compare with the host name you connected to.",
      ],
      protocolShows:
        'The handshake completes with a certificate for www.hosting.test, not mail.practice.test: verification fails on the name, so a careful client will not send the password.',
      fix: 'Install a certificate that covers the name clients use (add it to the SANs), or have clients use a name the certificate covers.',
      causes: ['tls.cert-wrong-name'],
    },
  },
  {
    id: 'auth-before-tls-only',
    title: 'Passwords only in clear text',
    submission: { scripted: 'auth-in-clear' },
    check: { role: 'submission', login: 'right', to: 'local' },
    lesson: {
      story:
        'A customer says: "The mail client only works with encryption set to None. Is that all right?"',
      tryThis: [
        'Read the EHLO reply: AUTH PLAIN LOGIN is offered, STARTTLS is not.',
        'mailmedic refuses to send the password without TLS; swaks without --tls shows that the server takes it.',
      ],
      protocolShows:
        'The server offers AUTH on a connection that can never be encrypted: the password would cross the network as base64, which anyone on the path decodes.',
      fix: 'Enable STARTTLS (and implicit TLS on 465) with a valid certificate, and offer AUTH only after TLS (Postfix smtpd_tls_auth_only = yes).',
      causes: ['ehlo.auth-before-tls', 'tls.starttls-not-offered'],
    },
  },
  {
    id: 'dmarc-reject',
    title: 'Refused by DMARC policy',
    dmarcReject: true,
    mx: {
      policy: {
        refusals: [
          {
            at: 'data',
            code: 550,
            text: "5.7.26 Unauthenticated email from {domain} is not accepted due to domain's DMARC policy. Please contact the administrator of {domain} domain if this was a legitimate mail.",
          },
        ],
      },
    },
    check: { role: 'mx', to: 'local', from: `news@${DOMAIN}` },
    lesson: {
      story:
        'A customer says: "Our newsletter, sent from our own server as news@ our domain, bounces at the big providers with a DMARC error."',
      tryThis: [
        "Read the domain's SPF and DMARC records in the DNS step: SPF allows only newsletter.practice.test, DMARC says p=reject.",
        'Send as news@practice.test from the lab: the message is refused after its data.',
      ],
      protocolShows:
        "MAIL, RCPT and DATA are accepted; at the end of the data the receiver checks SPF for the sending address, finds it not allowed, and applies the sender domain's DMARC reject policy: 550 5.7.26.",
      fix: "Add the sending server to the domain's SPF (or sign with DKIM for the domain) so DMARC passes; only then keep p=reject.",
      causes: ['send.spf-dmarc-rejected'],
    },
  },
];

export const LAB_DOMAIN = DOMAIN;
export const LAB_USER = USER;

export const scenarioById = (id: string): Scenario | undefined =>
  SCENARIOS.find((s) => s.id === id);

export const SCENARIO_IDS: readonly string[] = SCENARIOS.map((s) => s.id);

export const unknownScenarioMessage = (id: string): string =>
  `"${id}" is not a practice scenario; scenarios are ${SCENARIO_IDS.join(', ')}`;
