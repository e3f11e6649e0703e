// One step: its name and what it does, the conversation on the wire, and how it ended.
import { Box, Text } from 'ink';
import { TranscriptView } from '../../components/transcript-view.js';
import type { RailStatus } from '../../step-states.js';
import { STATUS_GLYPH } from '../../step-states.js';
import type { Tone } from '../../theme.js';
import { useTone } from '../../theme.js';
import type { StepModel } from './model.js';

const STATUS_WORD: Record<RailStatus, string> = {
  pending: 'not run yet',
  running: 'running…',
  ok: 'ok',
  warning: 'warning',
  error: 'error',
  skipped: 'skipped',
};

const STATUS_TONE: Partial<Record<RailStatus, Tone>> = {
  ok: 'ok',
  warning: 'warning',
  error: 'error',
  running: 'running',
};

const formatDuration = (ms: number): string =>
  ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(ms < 10_000 ? 1 : 0)} s`;

export const StepView = ({ model }: { model: StepModel }) => {
  const tone = useTone();
  const statusTone = STATUS_TONE[model.status];
  const { rows, top, transcriptHeight } = model;
  const scrollable = rows.length > transcriptHeight;
  const record = model.record;
  const detail = record
    ? record.status === 'skipped'
      ? record.summary
      : [formatDuration(record.durationMs), record.summary].filter(Boolean).join(' · ')
    : model.status === 'pending'
      ? 'enter runs it'
      : '';
  return (
    <Box flexDirection="column">
      <Box>
        <Box flexGrow={1}>
          <Text bold wrap="truncate-end">
            {model.info.title}
          </Text>
        </Box>
        <Text color={statusTone ? tone(statusTone) : undefined} dimColor={!statusTone}>
          {STATUS_GLYPH[model.status]} {STATUS_WORD[model.status]}
        </Text>
      </Box>
      {model.description.map((line, i) => (
        <Text key={i} dimColor wrap="truncate-end">
          {line}
        </Text>
      ))}
      <Text> </Text>
      <TranscriptView
        rows={rows}
        top={top}
        height={transcriptHeight}
        {...(record?.status === 'skipped'
          ? { empty: `Skipped: ${record.summary || 'no reason was recorded'}.` }
          : {})}
      />
      <Box>
        <Box flexGrow={1} flexShrink={1}>
          <Text wrap="truncate-end" dimColor={!model.record}>
            {detail}
          </Text>
        </Box>
        {scrollable ? (
          <Box flexShrink={0} paddingLeft={1}>
            <Text dimColor>
              {top + 1}–{Math.min(rows.length, top + transcriptHeight)}/{rows.length}
            </Text>
          </Box>
        ) : null}
      </Box>
    </Box>
  );
};
