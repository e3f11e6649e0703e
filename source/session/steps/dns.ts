// The dns step: asks the resolvers, keeps the result in session.dns, and returns the mail hosts
// to try in the order a real sender would.
import type { StepContext } from './context.js';
import type { SmtpServer } from './smtp.js';

export const runDns = async (
  ctx: StepContext,
  domain: string,
  port: number,
): Promise<SmtpServer[]> => {
  const { recorder, config } = ctx;
  recorder.beginStep('dns');
  // Loaded when a session asks DNS: dns/ and dns2 are a third of check's code, and a session
  // with --server never needs them.
  const { parseResolver, runDnsStep, systemResolvers } = await import('../../dns/index.js');
  const resolvers =
    config.resolvers.length > 0 ? config.resolvers.map(parseResolver) : systemResolvers();
  // The whole step is bounded by one deadline; each query gets a share of it.
  const result = await runDnsStep(domain, {
    resolvers,
    timeoutMs: config.deadlines.command,
    ...(ctx.signal ? { signal: ctx.signal } : {}),
  });
  for (const line of result.log) recorder.line('dns', line.dir, line.text);
  recorder.update((s) => {
    s.dns = JSON.parse(JSON.stringify(result)) as typeof s.dns;
  });
  const hosts = result.mailHosts;
  recorder.endStep('dns', result.status, result.summary);
  // A host without addresses (an IP-literal MX, a name that does not resolve) is skipped, as a
  // real sender would; DNS already named the problem.
  return hosts.flatMap((h) =>
    h.addresses.map((address) => ({ host: address, port, servername: h.host })),
  );
};
