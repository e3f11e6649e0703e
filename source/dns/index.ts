// The DNS layer's public face: resolvers, single queries, the DNS step and reverse lookups.
export type { Resolver } from './resolvers.js';
export { parseResolver, systemResolvers } from './resolvers.js';
export type { DnsOutcome, DnsQueryResult, QueryOptions } from './query.js';
export { query, DEFINITIVE_OUTCOMES } from './query.js';
export type { DnsAnswer, QueryType } from './wire.js';
export type { DnsStepOptions, DnsStepResult, MailHost, MxEntry } from './step.js';
export { runDnsStep, normalizeDomain } from './step.js';
export type { PtrResult, ReverseLookupResult } from './reverse.js';
export { reverseLookup } from './reverse.js';
export type { DnsProblem, DnsSeverity } from './problems.js';
export type { DnsDifference } from './compare.js';
export type { BeforeQuery, LogLine } from './asker.js';
export type {
  DmarcResult,
  MtaStsResult,
  SpfInclude,
  SpfResult,
  SrvResult,
  TlsRptResult,
  TlsaResult,
} from './records.js';
export { OUTCOME_MEANING, formatAnswers } from './format.js';
export { addressScope, canonicalAddress, isSpecialUseDomain, reverseName } from './address.js';
