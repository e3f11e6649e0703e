// The dns step: asks the resolvers, keeps the result in session.dns, and returns the mail hosts
// to try in the order a real sender would.
import { parseResolver, runDnsStep, systemResolvers } from '../../dns/index.js';
import type { StepContext } from './context.js';
import type { SmtpServer } from './smtp.js';

export const runDns = async (ctx: StepContext, domain: string, port: number): Promise<SmtpServer[]> => {
  const { recorder, config } = ctx;
  recorder.beginStep('dns');
  const resolvers = config.resolvers.length > 0 ? config.resolvers.map(parseResolver) : systemResolvers();
  // The whole step is bounded by one deadline; each query gets a share of it.
  const result = await runDnsStep(domain, { resolvers, timeoutMs: config.deadlines.command });
  for (const line of result.log) recorder.line('dns', line.dir, line.text);
  recorder.update((s) => {
    s.dns = JSON.parse(JSON.stringify(result)) as typeof s.dns;
  });
  const worst = result.problems.some((p) => p.severity === 'error')
    ? 'error'
    : result.problems.some((p) => p.severity === 'warning')
      ? 'warning'
      : 'ok';
  const hosts = result.mailHosts;
  const summary = result.nullMx
    ? `${domain} publishes a null MX: it accepts no mail`
    : hosts.length === 0
      ? `no mail host found for ${domain}`
      : `${result.implicitMx ? 'no MX; implicit MX' : `MX ${result.mx.map((m) => `${m.preference} ${m.exchange}`).join(', ')}`}`;
  recorder.endStep('dns', worst, summary);
  return hosts.flatMap((h) =>
    (h.addresses.length > 0 ? h.addresses : [h.host]).map((address) => ({ host: address, port, servername: h.host })),
  );
};
