// Picks the exporter from the report file's extension (SPEC: .md .html .json .txt).
import type { Session } from '../record/types.js';
import { renderHtml } from './html.js';
import { renderJson } from './json.js';
import { renderMarkdown } from './markdown.js';
import { renderText } from './text.js';

export type ReportFormat = 'md' | 'html' | 'json' | 'txt';

export const formatOf = (file: string): ReportFormat | undefined => {
  const ext = /\.([a-z]+)$/i.exec(file)?.[1]?.toLowerCase();
  return ext === 'md' || ext === 'html' || ext === 'json' || ext === 'txt' ? ext : undefined;
};

export const renderReport = (session: Session, format: ReportFormat): string => {
  switch (format) {
    case 'json':
      return renderJson(session);
    case 'txt':
      return renderText(session, undefined, { equivalents: true });
    case 'md':
      return renderMarkdown(session);
    case 'html':
      return renderHtml(session);
  }
};
