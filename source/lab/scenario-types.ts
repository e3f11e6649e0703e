// What a practice scenario is, as data: how the lab's servers behave, how `check --lab` runs
// against them, and the lesson a learner reads. scenarios.ts holds the scenarios themselves.

/** A reply a server gives instead of accepting ({address}, {client} and {domain} are filled in). */
export interface Refusal {
  at: 'mail' | 'rcpt' | 'data';
  code: number;
  text: string;
}

/** How a role served by the SMTP library behaves. */
export interface SmtpPolicy {
  refusals?: readonly Refusal[];
  /** Refuse MAIL before STARTTLS (530 5.7.0). */
  requireTls?: boolean;
  /** The SIZE limit advertised and enforced. */
  size?: number;
  /** Refuse an unknown (client, sender, recipient) until it comes back after this long. */
  greylist?: { seconds: number };
}

/**
 * Servers no library will imitate, scripted here: a Cisco PIX/ASA SMTP fixup in front of the
 * server, a tarpit that drips its greeting, a middlebox that overwrites STARTTLS with X's, a
 * server that offers AUTH only in clear text.
 */
export type ScriptedKind = 'fixup' | 'tarpit' | 'starttls-stripped' | 'auth-in-clear';

export type RoleBehaviour = { policy: SmtpPolicy } | { scripted: ScriptedKind };

/** Which DNS world the scenario lives in. */
export type DnsWorld = 'healthy' | 'no-mx' | 'null-mx' | 'broken-mx';

export type CertificateChoice = 'good' | 'expired' | 'wrong-name';

/** How `check --lab` (and the wizard) run against the scenario. */
export interface CheckPlan {
  /** The SMTP role the MX lookup leads to (its port is the check's --port). */
  role: 'mx' | 'submission';
  tls?: 'auto' | 'starttls' | 'none';
  /** Log in: with the lab's password, or with a wrong one (the customer's old password). */
  login?: 'right' | 'wrong';
  /** Send the test message to the lab mailbox, or to an address in a domain the lab does not serve. */
  to?: 'local' | 'elsewhere';
  from?: string;
  /** A body of this many bytes (a big attachment), instead of the short default. */
  bodyBytes?: number;
  /** Retrieve over these after sending (or alone, with steps). */
  retrieve?: ReadonlyArray<'pop3' | 'imap'>;
  steps?: ReadonlyArray<
    'dns' | 'connect' | 'banner' | 'ehlo' | 'tls' | 'auth' | 'send' | 'pop3' | 'imap'
  >;
  /** Every network wait, in seconds (the tarpit needs a client that gives up). */
  timeoutSeconds?: number;
}

export interface Lesson {
  /** "A customer says...": the ticket as it arrives. */
  story: string;
  /** What to try: in mailmedic and by hand. */
  tryThis: readonly string[];
  /** What the protocol shows when you do. */
  protocolShows: string;
  /** What the server side must change. */
  fix: string;
  /** The diagnosis finding ids that name the cause; any one of them counts. */
  causes: readonly string[];
}

export interface Scenario {
  id: string;
  title: string;
  dns?: DnsWorld;
  /** The certificate the submission and port-25 servers present. */
  certificate?: CertificateChoice;
  mx?: RoleBehaviour;
  submission?: RoleBehaviour;
  /** The maildrop is locked by a session that never ends. */
  pop3Locked?: boolean;
  /** The sending domain's SPF leaves the lab out and its DMARC says reject. */
  dmarcReject?: boolean;
  check: CheckPlan;
  lesson: Lesson;
}
