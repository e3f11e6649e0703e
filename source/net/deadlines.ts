// Every wait on the network has a name, so a timeout says which wait ran out ("greeting after
// 30 s"), and every name has a default that --timeout can override.

export type DeadlineName = 'connect' | 'greeting' | 'command' | 'dataEnd' | 'tlsHandshake';

export type Deadlines = Record<DeadlineName, number>;

export const DEFAULT_DEADLINES: Readonly<Deadlines> = Object.freeze({
  connect: 10_000,
  greeting: 30_000,
  command: 30_000,
  dataEnd: 30_000,
  tlsHandshake: 30_000,
});

export const DEADLINE_LABELS: Readonly<Record<DeadlineName, string>> = Object.freeze({
  connect: 'connect',
  greeting: 'greeting',
  command: 'reply to a command',
  dataEnd: 'reply to the end of DATA',
  tlsHandshake: 'TLS handshake',
});

/** `--timeout SECONDS` sets every wait to the same value. */
export const deadlinesFor = (
  timeoutSeconds?: number,
  overrides: Partial<Deadlines> = {},
): Deadlines => {
  const base: Deadlines =
    timeoutSeconds === undefined
      ? { ...DEFAULT_DEADLINES }
      : {
          connect: timeoutSeconds * 1000,
          greeting: timeoutSeconds * 1000,
          command: timeoutSeconds * 1000,
          dataEnd: timeoutSeconds * 1000,
          tlsHandshake: timeoutSeconds * 1000,
        };
  return { ...base, ...overrides };
};
