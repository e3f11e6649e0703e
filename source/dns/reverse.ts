// Reverse DNS and its forward confirmation (FCrDNS): the PTR names of an address count only if
// one of them resolves back to that same address, since anyone who controls a reverse zone can
// claim any name. Receivers check this on the sending side; the banner step checks it too.
import { addressFamily, canonicalAddress, reverseName, sameAddress } from './address.js';
import { Asker } from './asker.js';
import type { LogLine } from './asker.js';
import { InputError } from './common.js';
import type { DnsOutcome } from './query.js';
import type { Resolver } from './resolvers.js';
import { isQueryableName } from './wire.js';

export interface PtrResult {
  address: string;
  /** The PTR owner name, e.g. 1.0.0.127.in-addr.arpa. */
  reverseName: string;
  names: string[];
  /** At least one PTR name has an A/AAAA record equal to the address. */
  forwardConfirmed: boolean;
  confirmedNames: string[];
  outcome: DnsOutcome;
}

/** Names per address checked forward; more PTR names than this is itself unusual. */
const MAX_NAMES_CHECKED = 5;

export const confirmReverse = async (
  asker: Asker,
  addresses: readonly string[],
): Promise<PtrResult[]> => {
  const targets = addresses.map((address) => ({ address, reverse: reverseName(address) ?? '' }));
  const ptrs = await Promise.all(targets.map((t) => asker.ask(t.reverse, 'PTR')));
  const results: PtrResult[] = targets.map((t, i) => {
    const primary = ptrs[i]?.primary;
    const names = (primary?.answers ?? []).flatMap((a) =>
      a.type === 'PTR' ? [a.target.toLowerCase()] : [],
    );
    return {
      address: t.address,
      reverseName: t.reverse,
      names: [...new Set(names)],
      forwardConfirmed: false,
      confirmedNames: [],
      outcome: primary?.outcome ?? 'timeout',
    };
  });
  const forward = results.flatMap((r) =>
    r.names
      .filter(isQueryableName)
      .slice(0, MAX_NAMES_CHECKED)
      .map((name) => ({
        r,
        name,
        type: addressFamily(r.address) === 6 ? ('AAAA' as const) : ('A' as const),
      })),
  );
  const answers = await Promise.all(forward.map((f) => asker.ask(f.name, f.type, 'first')));
  forward.forEach((f, i) => {
    const found = (answers[i]?.primary.answers ?? []).some(
      (a) => (a.type === 'A' || a.type === 'AAAA') && sameAddress(a.address, f.r.address),
    );
    if (found) {
      f.r.forwardConfirmed = true;
      f.r.confirmedNames.push(f.name);
    }
  });
  return results;
};

export interface ReverseLookupResult {
  names: string[];
  forwardConfirmed: boolean;
  outcome: DnsOutcome;
  /** The PTR owner name asked. */
  reverseName: string;
  log: LogLine[];
}

/** Forward-confirmed reverse DNS for one address: used by the banner step. */
export const reverseLookup = async (
  address: string,
  options: { resolvers: Resolver[]; timeoutMs: number; signal?: AbortSignal },
): Promise<ReverseLookupResult> => {
  const canonical = canonicalAddress(address);
  if (canonical === undefined) throw new InputError('address', `"${address}" is not an IP address`);
  if (options.resolvers.length === 0) throw new InputError('--dns', 'no resolver to ask');
  const asker = new Asker(
    options.resolvers,
    performance.now() + options.timeoutMs,
    options.timeoutMs,
    options.signal,
  );
  const [result] = await confirmReverse(asker, [canonical]);
  return {
    names: result?.names ?? [],
    forwardConfirmed: result?.forwardConfirmed ?? false,
    outcome: result?.outcome ?? 'timeout',
    reverseName: result?.reverseName ?? '',
    log: asker.log,
  };
};
