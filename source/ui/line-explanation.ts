// Everything the knowledge base says about one transcript line, as sections for the explanation
// panel: the basic reply code, the enhanced code, what a vendor means by this wording, POP3/IMAP
// status and response codes, capabilities, with the RFC (or vendor document) for each. Pure once
// the knowledge base is loaded (ui/knowledge.ts).
import { KNOWLEDGE_LOADING, knowledgeExplain } from './knowledge.js';
import type { TranscriptEntry } from '../record/types.js';

export interface ExplanationSection {
  heading: string;
  lines: string[];
}

export interface LineExplanation {
  line: string;
  sections: ExplanationSection[];
}

const entrySection = (
  heading: string,
  entry: { summary: string; detail: string; reference: string },
  extra: string[] = [],
): ExplanationSection => ({
  heading,
  lines: [entry.summary, ...extra, entry.detail, `See ${entry.reference}.`],
});

export const explainLine = (entry: TranscriptEntry): LineExplanation => {
  const line = `${entry.dir === 'client' ? 'C:' : entry.dir === 'server' ? 'S:' : '·'} ${entry.text}`;
  if (entry.dir !== 'server') {
    return {
      line,
      sections: [
        {
          heading: entry.dir === 'client' ? 'Sent by mailmedic' : 'A note by mailmedic',
          lines: [
            entry.secret
              ? 'A command carrying a secret: it is masked here and in every report.'
              : entry.dir === 'client'
                ? 'A command on the wire; the server’s reply below it says how it went. Select a reply with ] to see it explained.'
                : 'Not on the wire: what mailmedic did or saw (connecting, TLS, timing).',
          ],
        },
      ],
    };
  }
  const explain = knowledgeExplain();
  if (!explain) return { line, sections: [{ heading: 'Explanation', lines: [KNOWLEDGE_LOADING] }] };
  const found = explain(entry.text);
  const sections: ExplanationSection[] = [];
  if (entry.explanation) sections.push({ heading: 'In short', lines: [entry.explanation] });
  if (found.basic)
    sections.push(
      entrySection(`Reply code ${found.basic.code} (${found.basic.className})`, found.basic, [
        ...(found.basic.category ? [`Area: ${found.basic.category}.`] : []),
      ]),
    );
  if (found.enhanced)
    sections.push(
      entrySection(
        `Enhanced code ${found.enhanced.code}: ${found.enhanced.class}, ${found.enhanced.subject}`,
        found.enhanced,
      ),
    );
  for (const vendor of found.vendor)
    sections.push({
      heading: `${vendor.vendor}: ${vendor.label}`,
      lines: [
        vendor.summary,
        vendor.detail,
        `Fix: ${vendor.fix}`,
        ...(vendor.caution ? [vendor.caution] : []),
        `See ${vendor.reference}.`,
      ],
    });
  if (found.pop3?.statusEntry)
    sections.push(entrySection(`POP3 ${found.pop3.status ?? ''}`.trim(), found.pop3.statusEntry));
  if (found.pop3?.codeEntry)
    sections.push(entrySection(`Response code [${found.pop3.code}]`, found.pop3.codeEntry));
  if (found.imap?.statusEntry)
    sections.push(entrySection(`IMAP ${found.imap.status ?? ''}`.trim(), found.imap.statusEntry));
  if (found.imap?.codeEntry)
    sections.push(entrySection(`Response code [${found.imap.code}]`, found.imap.codeEntry));
  if (found.imap?.data && found.imap.dataMeaning)
    sections.push({ heading: `Untagged ${found.imap.data}`, lines: [found.imap.dataMeaning] });
  for (const capability of found.capabilities)
    sections.push(
      entrySection(
        `${capability.protocol.toUpperCase()} capability ${capability.name}`,
        capability.entry,
        capability.entry.parameters ? [`Parameters: ${capability.entry.parameters}`] : [],
      ),
    );
  if (found.notes.length > 0) sections.push({ heading: 'Notes', lines: found.notes });
  if (sections.length === 0)
    sections.push({
      heading: 'Not in the knowledge base',
      lines: ['mailmedic has nothing more on this line than the text itself.'],
    });
  return { line, sections };
};
