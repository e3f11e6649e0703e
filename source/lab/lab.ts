// Starts a practice world for one scenario: a fresh CA and certificates, the DNS server, the
// SMTP servers (port-25 role, submission, implicit TLS), POP3 and IMAP (plain with STLS/STARTTLS,
// and implicit TLS), all on loopback and free ports; stop() closes every port and connection.
import { serverContext } from '../net/listener.js';
import type { Listener } from '../net/listener.js';
import { makeLabCertificates } from './certificates.js';
import { startDnsServer } from './dns-server.js';
import { startImapServer } from './imap-server.js';
import { LabMailbox } from './mailbox.js';
import { startPop3Server } from './pop3-server.js';
import type { CheckPlan, RoleBehaviour, Scenario } from './scenario-types.js';
import { LAB_DOMAIN, LAB_USER, scenarioById, unknownScenarioMessage } from './scenarios.js';
import { startScriptedSmtpServer } from './scripted-smtp-server.js';
import type { SmtpRole } from './smtp-library-server.js';
import { startLibrarySmtpServer } from './smtp-library-server.js';
import { buildZone } from './zone.js';

export const LAB_PASSWORD = 'practice-makes-perfect';
/** What the customer in auth-failure still has in the mail client. */
export const LAB_OLD_PASSWORD = 'the-old-password';
export const LAB_WRONG_HOST = 'www.hosting.test';

export interface LabPorts {
  dns: number;
  smtp: number;
  submission: number;
  smtps: number;
  pop3: number;
  pop3s: number;
  imap: number;
  imaps: number;
}

export interface LabInstance {
  scenario: Scenario;
  domain: string;
  mailHost: string;
  /** The loopback addresses the mail servers listen on (A and AAAA of the mail host). */
  addresses: string[];
  user: string;
  password: string;
  ports: LabPorts;
  /** PEM of the lab's CA: trust it like --ca-file to verify the lab's certificates. */
  caCert: string;
  /** Subscribe to what the servers do (deliveries, refusals, logins). */
  onLog(listener: (line: string) => void): () => void;
  stop(): Promise<void>;
}

export class UnknownScenario extends Error {
  constructor(readonly id: string) {
    super(unknownScenarioMessage(id));
  }
}

export interface LabOptions {
  /** Tarpit drip interval (tests may shorten it). */
  dripMs?: number;
}

export const startLab = async (id: string, options: LabOptions = {}): Promise<LabInstance> => {
  const scenario = scenarioById(id);
  if (!scenario) throw new UnknownScenario(id);
  const domain = LAB_DOMAIN;
  const mailHost = `mail.${domain}`;
  const listeners: Listener[] = [];
  const logListeners = new Set<(line: string) => void>();
  const log = (text: string): void => {
    for (const l of logListeners) l(text);
  };
  const stop = async (): Promise<void> => {
    await Promise.all(listeners.splice(0).map((l) => l.close()));
  };
  try {
    const certs = makeLabCertificates([mailHost, domain, '127.0.0.1', '::1'], LAB_WRONG_HOST);
    const chosen =
      scenario.certificate === 'expired'
        ? certs.expired
        : scenario.certificate === 'wrong-name'
          ? certs.wrongName
          : certs.good;
    const context = serverContext(certs.good);
    const mailbox = new LabMailbox(LAB_USER, LAB_USER, LAB_PASSWORD);
    const add = async (listener: Promise<Listener>): Promise<Listener> => {
      const l = await listener;
      listeners.push(l);
      return l;
    };
    const smtp = (role: SmtpRole, behaviour: RoleBehaviour | undefined): Promise<Listener> =>
      add(
        behaviour && 'scripted' in behaviour
          ? startScriptedSmtpServer({
              kind: behaviour.scripted,
              hostname: mailHost,
              domain,
              mailbox,
              log,
              ...(options.dripMs ? { dripMs: options.dripMs } : {}),
            })
          : startLibrarySmtpServer({
              role,
              policy: behaviour?.policy ?? {},
              hostname: mailHost,
              domain,
              mailbox,
              credentials: chosen,
              log,
            }),
      );
    const [mx, submission, smtps, pop3, pop3s, imap, imaps] = await Promise.all([
      smtp('mx', scenario.mx),
      smtp('submission', scenario.submission),
      smtp('smtps', undefined),
      add(
        startPop3Server({
          mailbox,
          context,
          hostname: mailHost,
          lockedElsewhere: scenario.pop3Locked ?? false,
        }),
      ),
      add(
        startPop3Server({
          mailbox,
          context,
          hostname: mailHost,
          implicit: true,
          lockedElsewhere: scenario.pop3Locked ?? false,
        }),
      ),
      add(startImapServer({ mailbox, context, hostname: mailHost })),
      add(startImapServer({ mailbox, context, hostname: mailHost, implicit: true })),
    ]);
    // Every mail listener binds the same address families, so the zone publishes what all have.
    const addresses = [mx!, submission!, smtps!, pop3!, imap!].reduce<string[]>(
      (common, l) => common.filter((h) => l.hosts.includes(h)),
      [...mx!.hosts],
    );
    const dns = await add(
      startDnsServer(
        buildZone({
          world: scenario.dns ?? 'healthy',
          domain,
          mailHost,
          addresses,
          blocklisted: scenario.id === 'blocklisted',
          dmarcReject: scenario.dmarcReject ?? false,
        }),
      ),
    );
    return {
      scenario,
      domain,
      mailHost,
      addresses,
      user: LAB_USER,
      password: LAB_PASSWORD,
      ports: {
        dns: dns.port,
        smtp: mx!.port,
        submission: submission!.port,
        smtps: smtps!.port,
        pop3: pop3!.port,
        pop3s: pop3s!.port,
        imap: imap!.port,
        imaps: imaps!.port,
      },
      caCert: certs.ca.cert,
      onLog: (listener) => {
        logListeners.add(listener);
        return () => logListeners.delete(listener);
      },
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
};

/** What a check against the lab runs with: plain data the CLI turns into its run settings. */
export interface LabCheckPlan {
  domain: string;
  port: number;
  tls: 'auto' | 'starttls' | 'none';
  resolver: string;
  ca: string;
  ehlo: string;
  auth?: { user: string; password: string };
  from?: string;
  to: string[];
  body?: string;
  pop3?: { host: string; port: number };
  imap?: { host: string; port: number };
  mailbox?: { user: string; password: string };
  steps: CheckPlan['steps'] & string[];
  timeoutSeconds?: number;
}

const DEFAULT_STEPS = ['dns', 'connect', 'banner', 'ehlo', 'tls'] as const;

export const labCheckPlan = (lab: LabInstance): LabCheckPlan => {
  const plan = lab.scenario.check;
  const password = plan.login === 'wrong' ? LAB_OLD_PASSWORD : lab.password;
  const steps: string[] = plan.steps
    ? [...plan.steps]
    : [
        ...DEFAULT_STEPS,
        ...(plan.login ? ['auth'] : []),
        ...(plan.to ? ['send'] : []),
        ...(plan.retrieve ?? []),
      ];
  const retrieving = plan.retrieve && plan.retrieve.length > 0;
  return {
    domain: lab.domain,
    port: plan.role === 'mx' ? lab.ports.smtp : lab.ports.submission,
    tls: plan.tls ?? 'auto',
    resolver: `127.0.0.1:${lab.ports.dns}`,
    ca: lab.caCert,
    ehlo: `client.${lab.domain}`,
    ...(plan.login ? { auth: { user: lab.user, password } } : {}),
    ...(plan.from ? { from: plan.from } : plan.to ? { from: lab.user } : {}),
    to: plan.to === 'elsewhere' ? ['accounts@outside.test'] : plan.to ? [lab.user] : [],
    ...(plan.bodyBytes
      ? {
          body: Array.from(
            { length: Math.ceil(plan.bodyBytes / 60) },
            () => 'The scanned contract, as a big attachment would make it....',
          ).join('\n'),
        }
      : {}),
    ...(plan.retrieve?.includes('pop3')
      ? { pop3: { host: '127.0.0.1', port: lab.ports.pop3 } }
      : {}),
    ...(plan.retrieve?.includes('imap')
      ? { imap: { host: '127.0.0.1', port: lab.ports.imap } }
      : {}),
    ...(retrieving ? { mailbox: { user: lab.user, password } } : {}),
    steps: steps as LabCheckPlan['steps'],
    ...(plan.timeoutSeconds ? { timeoutSeconds: plan.timeoutSeconds } : {}),
  };
};
