// The "more" panel: everything the knowledge base knows about one server line (the code, the
// enhanced code, the POP3/IMAP status and response code, the vendor's wording and its fix).
import type { KnowledgeEntry } from '../../../knowledge/index.js';
import { KNOWLEDGE_LOADING, knowledgeExplain } from '../../knowledge.js';
import type { TranscriptEntry } from '../../../record/types.js';

const entry = (head: string, e: KnowledgeEntry | undefined): string[] =>
  e ? [`${head}: ${e.summary}`, e.detail, `(${e.reference})`] : [];

/** Paragraphs about a server line, the vendor's wording first; empty when nothing is known. */
export const moreAbout = (line: string): string[] => {
  const explain = knowledgeExplain();
  if (!explain) return [KNOWLEDGE_LOADING];
  const e = explain(line);
  const out: string[] = [];
  // The server's own wording first: it names the cause and what to change.
  for (const v of e.vendor)
    out.push(`${v.vendor}: ${v.summary}`, v.detail, `What to change: ${v.fix}`);
  if (e.basic) out.push(...entry(`${e.basic.code} (${e.basic.className})`, e.basic));
  if (e.enhanced) out.push(...entry(`${e.enhanced.code} (${e.enhanced.subject})`, e.enhanced));
  if (e.pop3) {
    out.push(...entry(e.pop3.status ?? 'POP3', e.pop3.statusEntry));
    if (e.pop3.code) out.push(...entry(`[${e.pop3.code}]`, e.pop3.codeEntry));
  }
  if (e.imap) {
    if (e.imap.data && e.imap.dataMeaning) out.push(`${e.imap.data}: ${e.imap.dataMeaning}`);
    out.push(...entry(e.imap.status ?? 'IMAP', e.imap.statusEntry));
    if (e.imap.code) out.push(...entry(`[${e.imap.code}]`, e.imap.codeEntry));
  }
  out.push(...e.notes);
  return out;
};

/** The server line the panel is about: the newest explained one at or above `upTo`. */
export const lineForMore = (
  transcript: readonly TranscriptEntry[],
  upTo: number,
): TranscriptEntry | undefined => {
  for (let i = Math.min(upTo, transcript.length - 1); i >= 0; i -= 1) {
    const line = transcript[i]!;
    if (line.dir === 'server' && line.explanation) return line;
  }
  return undefined;
};
