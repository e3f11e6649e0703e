// SPF records (RFC 7208) read term by term: the syntax of section 12, and the count of terms
// that make the receiver do DNS lookups (include, a, mx, ptr, exists, redirect), which must stay
// at 10 or the whole check fails with permerror (section 4.6.4) however the rest reads.
import { parseIPv4, parseIPv6 } from './address.js';

export type SpfQualifier = '+' | '-' | '~' | '?';

export interface SpfTerm {
  /** As written in the record. */
  text: string;
  kind: 'mechanism' | 'modifier';
  name: string;
  qualifier?: SpfQualifier;
  value?: string;
  /** This term makes the receiver do a DNS lookup (counts toward the limit of 10). */
  lookup: boolean;
}

export interface SpfAnalysis {
  terms: SpfTerm[];
  /** DNS-querying terms in this record alone (includes not expanded). */
  lookups: number;
  errors: string[];
  warnings: string[];
  /** The qualifier of the "all" mechanism, when there is one. */
  all?: SpfQualifier;
  /** Domains of include: terms and the redirect= target that can be fetched (no macros). */
  references: string[];
  redirect?: string;
}

export const SPF_LOOKUP_LIMIT = 10;

const SPF_VERSION = /^v=spf1(?: |$)/i;

/** The TXT strings that are SPF records: exactly "v=spf1" then a space or the end (RFC 7208 4.5). */
export const selectSpf = (txts: readonly string[]): string[] =>
  txts.filter((t) => SPF_VERSION.test(t));

const LOOKUP_TERMS = new Set(['include', 'a', 'mx', 'ptr', 'exists', 'redirect']);
const MECHANISMS = new Set(['all', 'include', 'a', 'mx', 'ptr', 'ip4', 'ip6', 'exists']);
const MODIFIER_NAME = /^[A-Za-z][A-Za-z0-9_.-]*$/;
const MACRO = /%(?:\{[slodiphcrtv][0-9]*r?[-.+,/_=]*\}|%|_|-)/gi;

/** RFC 7208 7.1: a macro-string then a domain-end (".toplabel" or a macro). */
const domainSpecProblem = (spec: string): string | undefined => {
  if (spec === '') return 'an empty domain';
  if (!/^[\x21-\x7e]+$/.test(spec)) return `"${spec}" contains spaces or characters outside ASCII`;
  const withoutMacros = spec.replace(MACRO, '');
  if (withoutMacros.includes('%')) return `"${spec}" has a malformed macro`;
  if (spec.includes('%{')) return undefined;
  const labels = spec.replace(/\.$/, '').split('.');
  if (labels.length < 2) return `"${spec}" is not a fully qualified domain`;
  const top = labels[labels.length - 1] ?? '';
  if (!/^(?=.*[A-Za-z])[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?$/.test(top)) {
    return `"${spec}" does not end in a valid top-level label`;
  }
  if (labels.some((l) => l.length === 0 || l.length > 63))
    return `"${spec}" has an empty or over-long label`;
  return undefined;
};

const cidrProblem = (text: string, max: number): string | undefined => {
  if (!/^(0|[1-9][0-9]{0,2})$/.test(text) || Number(text) > max)
    return `prefix length "/${text}" is not 0-${max}`;
  return undefined;
};

/** "[:domain][/v4][//v6]" for a and mx. */
const checkDomainAndDualCidr = (
  rest: string,
  name: string,
  errors: string[],
): string | undefined => {
  const match = /^(?::([^/]*))?(?:\/([^/]*))?(?:\/\/(.*))?$/.exec(rest);
  if (!match) {
    errors.push(`"${name}${rest}" is not "${name}[:domain][/prefix][//prefix6]"`);
    return undefined;
  }
  const [, domain, v4, v6] = match;
  if (domain !== undefined) {
    const problem = domainSpecProblem(domain);
    if (problem) errors.push(`${name}: ${problem}`);
  }
  if (v4 !== undefined) {
    const problem = cidrProblem(v4, 32);
    if (problem) errors.push(`${name}: ${problem}`);
  }
  if (v6 !== undefined) {
    const problem = cidrProblem(v6, 128);
    if (problem) errors.push(`${name}: ${problem}`);
  }
  return domain;
};

const checkNetwork = (name: 'ip4' | 'ip6', rest: string, errors: string[]): void => {
  if (!rest.startsWith(':')) {
    errors.push(`${name} needs an address: "${name}:ADDRESS[/prefix]"`);
    return;
  }
  const [address = '', prefix, ...extra] = rest.slice(1).split('/');
  const valid =
    name === 'ip4' ? parseIPv4(address) !== undefined : parseIPv6(address) !== undefined;
  if (!valid)
    errors.push(`${name}: "${address}" is not an ${name === 'ip4' ? 'IPv4' : 'IPv6'} address`);
  if (extra.length > 0) errors.push(`${name}: "${rest.slice(1)}" has more than one prefix length`);
  if (prefix !== undefined) {
    const problem = cidrProblem(prefix, name === 'ip4' ? 32 : 128);
    if (problem) errors.push(`${name}: ${problem}`);
  }
};

const parseTerm = (text: string, out: SpfAnalysis): SpfTerm => {
  const modifier = /^([^=:/]+)=(.*)$/.exec(text);
  if (modifier && !MECHANISMS.has((modifier[1] ?? '').toLowerCase())) {
    const name = (modifier[1] ?? '').toLowerCase();
    const value = modifier[2] ?? '';
    if (!MODIFIER_NAME.test(modifier[1] ?? ''))
      out.errors.push(`"${text}": "${modifier[1]}" is not a valid modifier name`);
    if (name === 'redirect' || name === 'exp') {
      const problem = domainSpecProblem(value);
      if (problem) out.errors.push(`${name}=: ${problem}`);
    }
    return { text, kind: 'modifier', name, value, lookup: name === 'redirect' };
  }
  let body = text;
  let qualifier: SpfQualifier | undefined;
  if (/^[-+~?]/.test(body)) {
    qualifier = body[0] as SpfQualifier;
    body = body.slice(1);
  }
  const nameMatch = /^[A-Za-z0-9]+/.exec(body);
  const name = (nameMatch?.[0] ?? '').toLowerCase();
  const rest = body.slice(nameMatch?.[0].length ?? 0);
  const term: SpfTerm = { text, kind: 'mechanism', name, lookup: LOOKUP_TERMS.has(name) };
  if (qualifier) term.qualifier = qualifier;
  if (rest !== '') term.value = rest.replace(/^:/, '');
  switch (name) {
    case 'all':
      if (rest !== '') out.errors.push(`"${text}": all takes no argument`);
      out.all = qualifier ?? '+';
      break;
    case 'include':
    case 'exists': {
      if (!rest.startsWith(':')) {
        out.errors.push(`${name} needs a domain: "${name}:DOMAIN"`);
        break;
      }
      const problem = domainSpecProblem(rest.slice(1));
      if (problem) out.errors.push(`${name}: ${problem}`);
      else if (name === 'include' && !rest.includes('%'))
        out.references.push(rest.slice(1).toLowerCase());
      break;
    }
    case 'a':
    case 'mx':
      checkDomainAndDualCidr(rest, name, out.errors);
      break;
    case 'ptr':
      if (rest !== '') {
        const problem = rest.startsWith(':')
          ? domainSpecProblem(rest.slice(1))
          : `"${text}" is not "ptr[:domain]"`;
        if (problem) out.errors.push(`ptr: ${problem}`);
      }
      out.warnings.push(
        'the ptr mechanism is slow, unreliable and deprecated (RFC 7208 5.5); receivers may ignore it',
      );
      break;
    case 'ip4':
    case 'ip6':
      checkNetwork(name, rest, out.errors);
      break;
    default:
      out.errors.push(`"${text}" is not an SPF mechanism or modifier`);
  }
  return term;
};

/** Reads one SPF record (as selected by selectSpf). */
export const parseSpf = (record: string): SpfAnalysis => {
  const out: SpfAnalysis = { terms: [], lookups: 0, errors: [], warnings: [], references: [] };
  if (!SPF_VERSION.test(record)) {
    out.errors.push('the record does not start with "v=spf1"');
    return out;
  }
  if (/[^\x20-\x7e]/.test(record))
    out.errors.push('the record contains characters outside printable ASCII');
  const words = record
    .slice(6)
    .split(' ')
    .filter((w) => w !== '');
  let afterAll = false;
  for (const word of words) {
    const term = parseTerm(word, out);
    if (afterAll && term.kind === 'mechanism') {
      out.warnings.push(`"${word}" comes after "all" and is never evaluated`);
    }
    if (term.kind === 'mechanism' && term.name === 'all') afterAll = true;
    out.terms.push(term);
  }
  for (const name of ['redirect', 'exp']) {
    if (out.terms.filter((t) => t.kind === 'modifier' && t.name === name).length > 1) {
      out.errors.push(`${name}= appears more than once`);
    }
  }
  const redirect = out.terms.find((t) => t.kind === 'modifier' && t.name === 'redirect');
  if (redirect?.value !== undefined && !redirect.value.includes('%')) {
    if (out.all !== undefined) {
      out.warnings.push('redirect= is ignored because the record also has an "all" mechanism');
    } else {
      out.redirect = redirect.value.toLowerCase();
      out.references.push(out.redirect);
    }
  }
  // A redirect beside "all" is never followed, so it costs no lookup.
  out.lookups = out.terms.filter(
    (t) => t.lookup && !(t.name === 'redirect' && out.all !== undefined),
  ).length;
  if (out.all === '+')
    out.warnings.push('"+all" lets every host on the Internet send mail as this domain');
  if (out.all === undefined && out.redirect === undefined) {
    out.warnings.push('no "all" and no redirect=: mail from anywhere else gets the neutral result');
  }
  return out;
};
