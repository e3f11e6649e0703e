// `mailmedic lab [SCENARIO]`: the practice lab in the foreground. It prints where everything
// listens, the login, and commands to try by hand, then the servers' log until Ctrl-C (or
// SIGTERM) stops it: every port closed, the CA file removed, exit 0. A normal stop is not an
// error, so scripts can tell it from a lab that failed to start (3) or a bad scenario (2).
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { LabInstance } from '../lab/lab.js';
import { labCheckPlan, startLab } from '../lab/lab.js';
import { SCENARIOS, scenarioById, unknownScenarioMessage } from '../lab/scenarios.js';
import { printable } from '../protocols/common/printable.js';
import { UsageError } from './usage-error.js';

export interface LabIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** Aborted on Ctrl-C or SIGTERM: the lab stops. */
  signal: AbortSignal;
  json: boolean;
}

const hostPort = (port: number): string => `127.0.0.1:${port}`;

/** The `mailmedic check` command that runs this scenario's lesson against this lab. */
export const checkCommandFor = (lab: LabInstance, caFile: string, bodyFile?: string): string => {
  const plan = labCheckPlan(lab);
  const words = [
    ...(plan.auth || plan.mailbox
      ? [`MAILMEDIC_PASSWORD=${(plan.auth ?? plan.mailbox)!.password}`]
      : []),
    'mailmedic check',
    plan.domain,
    `--dns ${plan.resolver}`,
    `--port ${plan.port}`,
    ...(plan.tls !== 'auto' ? [`--tls ${plan.tls}`] : []),
    `--ca-file ${caFile}`,
    `--ehlo ${plan.ehlo}`,
    ...(plan.auth ? [`--auth-user ${plan.auth.user}`] : []),
    ...(plan.mailbox && !plan.auth ? [`--mailbox-user ${plan.mailbox.user}`] : []),
    ...(plan.from ? [`--from ${plan.from}`] : []),
    ...plan.to.map((t) => `--to ${t}`),
    ...(plan.body && bodyFile ? [`--body @${bodyFile}`] : []),
    ...(plan.pop3 ? [`--pop3 ${plan.pop3.host}:${plan.pop3.port}`] : []),
    ...(plan.imap ? [`--imap ${plan.imap.host}:${plan.imap.port}`] : []),
    `--steps ${plan.steps.join(',')}`,
    ...(plan.timeoutSeconds ? [`--timeout ${plan.timeoutSeconds}`] : []),
  ];
  return words.join(' ');
};

/** The text `mailmedic lab` prints once its servers listen. */
export const describeLab = (lab: LabInstance, caFile: string, bodyFile?: string): string => {
  const { ports, scenario } = lab;
  const lesson = scenario.lesson;
  const sub = ports.submission;
  const rows: [string, string, string][] = [
    ['dns', `${hostPort(ports.dns)}`, `UDP and TCP; answers for ${lab.domain}`],
    [
      'smtp',
      hostPort(ports.smtp),
      `the port-25 role: receives for ${lab.domain}, refuses relaying`,
    ],
    ['submission', hostPort(sub), 'the port-587 role: STARTTLS, then AUTH PLAIN LOGIN CRAM-MD5'],
    ['smtps', hostPort(ports.smtps), 'the port-465 role: implicit TLS'],
    ['pop3', hostPort(ports.pop3), 'STLS before login'],
    ['pop3s', hostPort(ports.pop3s), 'implicit TLS'],
    ['imap', hostPort(ports.imap), 'STARTTLS before login'],
    ['imaps', hostPort(ports.imaps), 'implicit TLS'],
  ];
  const tryLines = [
    `dig @127.0.0.1 -p ${ports.dns} ${lab.domain} MX`,
    `telnet 127.0.0.1 ${ports.smtp}`,
    `openssl s_client -starttls smtp -crlf -connect 127.0.0.1:${sub} -servername ${lab.mailHost} -CAfile ${caFile}`,
    `openssl s_client -crlf -connect 127.0.0.1:${ports.imaps} -servername ${lab.mailHost} -CAfile ${caFile}`,
    `swaks --server 127.0.0.1 --port ${sub} --tls --tls-ca-path ${caFile} --auth-user ${lab.user} --auth-password ${lab.password} --from ${lab.user} --to ${lab.user}`,
    `swaks --server 127.0.0.1 --port ${ports.smtp} --from ${lab.user} --to ${lab.user}`,
  ];
  return [
    `mailmedic practice lab: ${scenario.id} (${scenario.title})`,
    '',
    `domain    ${lab.domain}, mail host ${lab.mailHost} (${lab.addresses.join(', ')})`,
    `login     ${lab.user}  password ${lab.password}  (a practice password, nothing else uses it)`,
    `CA        ${caFile}  (trust it with --ca-file, -CAfile or --tls-ca-path)`,
    '',
    ...rows.map(([name, where, what]) => `${name.padEnd(11)}${where.padEnd(18)}${what}`),
    '',
    `The story: ${lesson.story}`,
    ...lesson.tryThis.map((l) => `  - ${l}`),
    '',
    'The lesson as mailmedic runs it:',
    `  ${checkCommandFor(lab, caFile, bodyFile)}`,
    '',
    'Try by hand:',
    ...tryLines.map((l) => `  ${l}`),
    '',
    `Other scenarios: ${SCENARIOS.map((s) => s.id).join(', ')}`,
    'Ctrl-C stops the lab.',
    '',
  ].join('\n');
};

export const runLab = async (scenarioArg: string | undefined, io: LabIo): Promise<number> => {
  const id = scenarioArg ?? 'healthy';
  if (!scenarioById(id)) throw new UsageError('lab', unknownScenarioMessage(id));
  const lab = await startLab(id);
  const dir = await mkdtemp(join(tmpdir(), 'mailmedic-lab-'));
  const caFile = join(dir, 'lab-ca.pem');
  try {
    await writeFile(caFile, lab.caCert, { mode: 0o644 });
    const plan = labCheckPlan(lab);
    const bodyFile = plan.body ? join(dir, 'body.txt') : undefined;
    if (bodyFile) await writeFile(bodyFile, plan.body!, { mode: 0o644 });
    if (io.json) {
      io.stdout(
        `${JSON.stringify({
          scenario: id,
          domain: lab.domain,
          mailHost: lab.mailHost,
          addresses: lab.addresses,
          user: lab.user,
          password: lab.password,
          caFile,
          ports: lab.ports,
        })}\n`,
      );
    } else io.stdout(describeLab(lab, caFile, bodyFile));
    const unsubscribe = lab.onLog((line) =>
      io.json ? undefined : io.stderr(`lab: ${printable(line)}\n`),
    );
    await new Promise<void>((resolve) => {
      if (io.signal.aborted) return resolve();
      io.signal.addEventListener('abort', () => resolve(), { once: true });
    });
    unsubscribe();
    if (!io.json) io.stderr('lab: stopping; every port is closed\n');
    return 0;
  } finally {
    await lab.stop();
    await rm(dir, { recursive: true, force: true });
  }
};
