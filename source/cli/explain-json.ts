// `mailmedic explain --json`: the explanation as one stable JSON object for tools. The shape is
// documented in README ("explain --json"); fields are never removed within a schema version,
// absent values are null (never missing), and arrays are always present.
import type { Explanation, KnowledgeEntry, VendorPattern } from '../knowledge/index.js';

export const EXPLAIN_SCHEMA = 'mailmedic.explain/1';

interface MeaningJson {
  summary: string;
  detail: string;
  reference: string;
}

const meaning = (entry: KnowledgeEntry | undefined): MeaningJson | null =>
  entry ? { summary: entry.summary, detail: entry.detail, reference: entry.reference } : null;

const vendorJson = (pattern: VendorPattern) => ({
  id: pattern.id,
  vendor: pattern.vendor,
  label: pattern.label,
  meaning: pattern.summary,
  detail: pattern.detail,
  advice: pattern.fix,
  codeUse: pattern.caution ?? null,
  source: pattern.reference,
});

/** The JSON form of an explanation (schema mailmedic.explain/1). */
export const explanationJson = (e: Explanation) => {
  const reply = e.layers.length > 0 ? e.layers[e.layers.length - 1] : undefined;
  return {
    schema: EXPLAIN_SCHEMA,
    input: e.input,
    recognized: e.kind !== 'unknown',
    kind: e.kind,
    reply: {
      code: e.basic?.code ?? reply?.code ?? null,
      enhancedCode: e.enhanced?.code ?? reply?.enhanced ?? null,
      text: e.replyText ?? e.pop3?.text ?? e.imap?.text ?? null,
      foundBy: reply?.source ?? null,
    },
    context: {
      host: e.context.host ?? null,
      operator: e.context.operator ?? null,
      stage: e.context.stage ?? null,
      logStatus: e.context.logStatus ?? null,
      dsnStatus: e.context.dsnStatus ?? null,
    },
    vendor: e.vendor.map(vendorJson),
    basic: e.basic
      ? {
          code: e.basic.code,
          registered: e.basic.registered,
          class: e.basic.className,
          category: e.basic.category ?? null,
          rfcText: e.basic.text ?? null,
          ...meaning(e.basic),
        }
      : null,
    enhanced: e.enhanced
      ? {
          code: e.enhanced.code,
          registered: e.enhanced.registered,
          registryCode: e.enhanced.registryCode ?? null,
          class: e.enhanced.class,
          subject: e.enhanced.subject,
          ianaText: e.enhanced.sampleText || null,
          ...meaning(e.enhanced),
        }
      : null,
    layers: e.layers.map((layer) => ({
      role: layer.role,
      code: layer.code ?? null,
      enhancedCode: layer.enhanced ?? null,
      text: layer.text,
      foundBy: layer.source,
      about: layer.about,
      basicMeaning: layer.basic?.summary ?? null,
      enhancedMeaning: layer.enhancedEntry?.summary ?? null,
      vendor: layer.vendor.map((pattern) => pattern.id),
    })),
    pop3: e.pop3
      ? {
          status: e.pop3.status ?? null,
          code: e.pop3.code ?? null,
          text: e.pop3.text,
          statusMeaning: meaning(e.pop3.statusEntry),
          codeMeaning: meaning(e.pop3.codeEntry),
        }
      : null,
    imap: e.imap
      ? {
          tag: e.imap.tag ?? null,
          status: e.imap.status ?? null,
          code: e.imap.code ?? null,
          data: e.imap.data ?? null,
          text: e.imap.text,
          statusMeaning: meaning(e.imap.statusEntry),
          codeMeaning: meaning(e.imap.codeEntry),
        }
      : null,
    dns: e.dns ? { name: e.dns.name, mailImpact: e.dns.mailImpact, ...meaning(e.dns) } : null,
    capabilities: e.capabilities.map((capability) => ({
      protocol: capability.protocol,
      name: capability.name,
      ...meaning(capability.entry),
    })),
    advice: e.vendor.map((pattern) => pattern.fix),
    notes: e.notes,
  };
};

export type ExplanationJson = ReturnType<typeof explanationJson>;
