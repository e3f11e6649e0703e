// What the wizard can do about a finding. The kinds are a contract with the wizard: it offers a
// button for each one it knows and ignores the rest, so the names never change.
import type { NextAction, Session, StepId, WizardSettings } from '../record/types.js';

export type ActionKind =
  | 'retry-port'
  | 'starttls-first'
  | 'next-mx'
  | 'compare-resolver'
  | 'retry-insecure'
  | 'retry-later'
  | 'trust-ca'
  | 'ehlo-fqdn'
  | 'implicit-tls'
  | 'explain';

export const retryPort = (port: number, label?: string): NextAction => ({
  kind: 'retry-port',
  label: label ?? `Try port ${port}`,
  params: { port },
});

export const starttlsFirst = (label = 'Run STARTTLS first, then try again'): NextAction => ({
  kind: 'starttls-first',
  label,
});

/** Connect again to the same port with TLS from the first byte (a silent port may want it). */
export const implicitTls = (port?: number, label?: string): NextAction => ({
  kind: 'implicit-tls',
  label: label ?? `Connect with implicit TLS${port !== undefined ? ` on port ${port}` : ''}`,
  ...(port !== undefined ? { params: { port } } : {}),
});

export const nextMx = (label = 'Try the next MX host'): NextAction => ({
  kind: 'next-mx',
  label,
});

/** Public resolvers to compare with, in the order they are offered. */
const PUBLIC_RESOLVERS = ['1.1.1.1', '9.9.9.9', '8.8.8.8'];

/** A public resolver this session did not already ask. */
export const otherResolver = (session: Session): string => {
  const asked = new Set((session.dns?.resolvers ?? []).map((r) => String(r).split(/[:#]/)[0]));
  return PUBLIC_RESOLVERS.find((r) => !asked.has(r)) ?? PUBLIC_RESOLVERS[0]!;
};

export const compareResolver = (session: Session, label?: string): NextAction => {
  const resolver = otherResolver(session);
  return {
    kind: 'compare-resolver',
    label: label ?? `Ask another resolver (${resolver})`,
    params: { resolver },
  };
};

export const retryInsecure = (
  label = 'Go on despite the certificate problem (--insecure)',
): NextAction => ({ kind: 'retry-insecure', label });

export const retryLater = (seconds: number, label?: string): NextAction => ({
  kind: 'retry-later',
  label:
    label ??
    `Try again in ${seconds >= 120 ? `${Math.round(seconds / 60)} minutes` : `${seconds} s`}`,
  params: { seconds },
});

/** `code` is what `mailmedic explain` takes: a code, a bracketed response code or a whole reply. */
export const explainCode = (code: string | number, label?: string): NextAction => ({
  kind: 'explain',
  label: label ?? `Explain ${code}`,
  params: { code: String(code) },
});

/** Trust a private CA: the wizard asks for the file of its certificate. */
export const trustCa = (label = 'Trust the CA that signed it (a PEM file)'): NextAction => ({
  kind: 'trust-ca',
  label,
});

/** Greet with a fully qualified name; `name` is a suggestion the user may change. */
export const ehloFqdn = (name?: string, label?: string): NextAction => ({
  kind: 'ehlo-fqdn',
  label: label ?? `Greet with a fully qualified name${name ? ` (${name})` : ''}`,
  ...(name ? { params: { name } } : {}),
});

/** What an action changes, from where it runs again, and what the user must fill in first. */
export interface ActionPlan {
  settings: WizardSettings;
  /** The step the run starts guiding from (the steps before it run on their own). */
  from: StepId;
  /** A setting the user has to type before the run makes sense (none: run at once). */
  needs?: 'authUser' | 'caFile' | 'ehlo' | 'password';
  /** Seconds to wait before running (greylisting, a lock held by another client). */
  delaySeconds?: number;
}

const num = (action: NextAction, key: string): number | undefined => {
  const value = action.params?.[key];
  return typeof value === 'number' ? value : undefined;
};
const str = (action: NextAction, key: string): string | undefined => {
  const value = action.params?.[key];
  return typeof value === 'string' ? value : undefined;
};

/** Implicit TLS is what these ports speak; 587 and 25 speak plain text and STARTTLS. */
const tlsForPort = (port: number): WizardSettings['tls'] => (port === 465 ? 'implicit' : 'auto');

/**
 * Turns a finding's action into new settings and the step to run again from. Pure: the wizard
 * shows the plan, the controller runs it. Undefined for kinds that change no setting (explain).
 */
export const planAction = (
  action: NextAction,
  settings: WizardSettings,
  options: { step?: StepId; hasPassword?: boolean; mailbox?: boolean } = {},
): ActionPlan | undefined => {
  const smtpFrom: StepId = 'connect';
  switch (action.kind as ActionKind) {
    case 'retry-port': {
      const port = num(action, 'port');
      if (port === undefined) return undefined;
      if (options.mailbox && settings.mailbox) {
        const tls = port === 993 || port === 995;
        return {
          settings: { ...settings, mailbox: { ...settings.mailbox, port, tls } },
          from: settings.mailbox.protocol,
        };
      }
      const next: WizardSettings = { ...settings, port, tls: tlsForPort(port) };
      // Submission is about authenticating: without a user there is nothing to try on 587.
      if (port === 587 && /auth/i.test(action.label) && !settings.authUser)
        return { settings: next, from: smtpFrom, needs: 'authUser' };
      if (next.authUser && !options.hasPassword)
        return { settings: next, from: smtpFrom, needs: 'password' };
      return { settings: next, from: smtpFrom };
    }
    case 'starttls-first':
      if (options.mailbox && settings.mailbox)
        return {
          settings: { ...settings, mailbox: { ...settings.mailbox, tls: false } },
          from: settings.mailbox.protocol,
        };
      return { settings: { ...settings, tls: 'starttls' }, from: 'tls' };
    case 'implicit-tls': {
      // A port that stayed silent may want TLS from the first byte: same port, implicit TLS.
      const port = num(action, 'port');
      return {
        settings: { ...settings, ...(port !== undefined ? { port } : {}), tls: 'implicit' },
        from: smtpFrom,
      };
    }
    case 'retry-insecure':
      return { settings: { ...settings, insecure: true }, from: options.step ?? 'tls' };
    case 'trust-ca':
      return { settings, from: options.step ?? 'tls', needs: 'caFile' };
    case 'next-mx':
      return { settings: { ...settings, skipMx: (settings.skipMx ?? 0) + 1 }, from: 'connect' };
    case 'compare-resolver': {
      const resolver = str(action, 'resolver');
      if (!resolver) return undefined;
      return { settings: { ...settings, resolvers: [resolver] }, from: 'dns' };
    }
    case 'retry-later':
      return {
        settings,
        from: options.step ?? 'connect',
        delaySeconds: num(action, 'seconds') ?? 60,
      };
    case 'ehlo-fqdn': {
      const name = str(action, 'name');
      return name
        ? { settings: { ...settings, ehlo: name }, from: 'ehlo' }
        : { settings, from: 'ehlo', needs: 'ehlo' };
    }
    default:
      return undefined;
  }
};
