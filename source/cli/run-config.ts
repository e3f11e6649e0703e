// RunFlags (checked text) -> RunConfig (what the runner needs), doing the I/O the flags imply:
// reading CA and body files and getting passwords.
import { deadlinesFor } from '../net/deadlines.js';
import type { RunConfig } from '../session/config.js';
import type { StepId } from '../record/types.js';
import type { RunFlags } from './args.js';
import type { PasswordSources } from './password.js';
import { readPassword } from './password.js';
import { readBoundedFile } from './input-files.js';
import { UsageError } from './usage-error.js';

const readText = readBoundedFile;

/** The steps that make sense for what was given, when --steps does not say. */
export const defaultSteps = (flags: RunFlags): StepId[] => {
  const steps: StepId[] = [];
  if (flags.target?.domain && !flags.target.server) steps.push('dns');
  if (flags.target) steps.push('connect', 'banner', 'ehlo', 'tls');
  if (flags.target && flags.authUser) steps.push('auth');
  if (flags.target && flags.to.length > 0) steps.push('send');
  if (flags.pop3) steps.push('pop3');
  if (flags.imap) steps.push('imap');
  return steps;
};

export const buildRunConfig = async (
  flags: RunFlags,
  io: Omit<PasswordSources, 'file'>,
): Promise<RunConfig> => {
  const mailboxHost = flags.pop3?.host ?? flags.imap?.host;
  if (!flags.target && mailboxHost === undefined) throw new UsageError('TARGET', 'no target given');
  const ca = await Promise.all(flags.caFiles.map((f) => readText('--ca-file', f)));
  for (const [i, pem] of ca.entries()) {
    if (!pem.includes('-----BEGIN CERTIFICATE-----'))
      throw new UsageError('--ca-file', `${flags.caFiles[i]} holds no PEM certificate`);
  }
  const body = flags.body?.startsWith('@')
    ? await readText('--body', flags.body.slice(1))
    : flags.body;
  const steps = flags.steps ?? defaultSteps(flags);
  if (!flags.target && flags.to.length > 0)
    throw new UsageError(
      '--to',
      'sending a test message needs an SMTP target (a domain or --server); without one only the mailbox is checked',
    );
  if (!flags.target) {
    const smtp = steps.filter((s) => s !== 'pop3' && s !== 'imap');
    if (smtp.length > 0)
      throw new UsageError(
        '--steps',
        `${smtp.join(',')} need an SMTP target (a domain or --server); with only --pop3/--imap give --steps pop3,imap`,
      );
  }
  const needsSmtpAuth =
    flags.authUser !== undefined && (steps.includes('auth') || steps.includes('send'));
  const needsMailbox =
    (flags.pop3 !== undefined || flags.imap !== undefined) &&
    (steps.includes('pop3') || steps.includes('imap'));
  const mailboxUser = flags.mailboxUser ?? flags.authUser;
  if (needsMailbox && !mailboxUser)
    throw new UsageError('--mailbox-user', 'retrieving mail needs --mailbox-user or --auth-user');

  const sources = { ...io, ...(flags.authPassFile ? { file: flags.authPassFile } : {}) };
  let password: string | undefined;
  if (needsSmtpAuth || needsMailbox)
    password = await readPassword(flags.authUser ?? mailboxUser!, {
      ...sources,
      userFlag: flags.authUser ? '--auth-user' : '--mailbox-user',
    });

  const config: RunConfig = {
    // A mailbox-only check names the mailbox server as its target; no SMTP step runs.
    target: flags.target
      ? {
          input: flags.target.input,
          ...(flags.target.domain ? { domain: flags.target.domain } : {}),
          ...(flags.target.server ? { server: flags.target.server } : {}),
        }
      : { input: mailboxHost! },
    tls: flags.tls,
    insecure: flags.insecure,
    plaintextAuth: flags.plaintextAuth,
    ca,
    ehlo: flags.ehlo,
    to: flags.to,
    headers: flags.headers,
    resolvers: flags.dns,
    deadlines: deadlinesFor(flags.timeoutSeconds),
    steps,
    redactIdentities: flags.redactIdentities,
  };
  if (flags.port !== undefined) config.port = flags.port;
  if (flags.authUser && password !== undefined && needsSmtpAuth)
    config.auth = { user: flags.authUser, mechanism: flags.authMech, password };
  if (flags.from !== undefined) config.from = flags.from;
  if (body !== undefined) config.body = body;
  if (flags.pop3) config.pop3 = flags.pop3;
  if (flags.imap) config.imap = flags.imap;
  if (needsMailbox && mailboxUser && password !== undefined)
    config.mailbox = { user: mailboxUser, password };
  return config;
};
