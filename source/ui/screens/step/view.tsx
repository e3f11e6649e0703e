// One step: its name and what it does, the conversation on the wire, the command the guided run
// proposes (or the wait in progress), what to try next, and how it ended.
import { Box, Text } from 'ink';
import { useEffect, useState } from 'react';
import { ChoiceList, clampChoice } from '../../components/choice-list.js';
import { TextField } from '../../components/text-field.js';
import { TranscriptView } from '../../components/transcript-view.js';
import type { WaitInfo } from '../../controller.js';
import { ACTION_MEANING } from '../../step-guide.js';
import type { RailStatus } from '../../step-states.js';
import { STATUS_GLYPH } from '../../step-states.js';
import type { Tone } from '../../theme.js';
import { useTone } from '../../theme.js';
import type { ActionItem, StepModel } from './model.js';
import { PROPOSAL_LABEL } from './model.js';
import type { CommandEdit } from './reducer.js';
import { ConsentView } from '../consent/view.js';

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

export const formatDuration = (ms: number): string =>
  ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(ms < 10_000 ? 1 : 0)} s`;

const SPINNER = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];

/** Spinner, elapsed time and the deadline of the wait; redraws itself while it is shown. */
export const WaitLine = ({ wait, now = Date.now }: { wait: WaitInfo; now?: () => number }) => {
  const tone = useTone();
  const [, tick] = useState(0);
  useEffect(() => {
    const timer = setInterval(() => tick((n) => n + 1), 100);
    return () => clearInterval(timer);
  }, []);
  const elapsed = Math.max(0, now() - wait.since);
  const frame = SPINNER[Math.floor(elapsed / 100) % SPINNER.length];
  const countdown = wait.what === 'the delay the server asked for';
  const deadline =
    wait.deadlineMs === undefined
      ? ''
      : countdown
        ? ` · ${formatDuration(Math.max(0, wait.deadlineMs - elapsed))} left`
        : ` · gives up after ${formatDuration(wait.deadlineMs)}`;
  return (
    <Text wrap="truncate-end">
      <Text color={tone('running')}>{frame}</Text> {countdown ? 'retrying after' : 'waiting for'}{' '}
      {wait.what} · {formatDuration(elapsed)}
      {deadline} · <Text dimColor>esc cancels</Text>
    </Text>
  );
};

const Proposal = ({
  model,
  edit,
  warning,
  width,
}: {
  model: NonNullable<StepModel['proposal']>;
  edit?: CommandEdit;
  warning?: string;
  width: number;
}) => {
  const tone = useTone();
  const { pending } = model;
  const marker = pending.kind === 'command' ? 'C: ' : '→  ';
  const editing = edit && edit.id === pending.id;
  return (
    <Box flexDirection="column">
      {model.heading.map((row, i) => {
        const label = pending.kind === 'command' ? PROPOSAL_LABEL.command : PROPOSAL_LABEL.other;
        return i === 0 && row.startsWith(label) ? (
          <Text key={i} wrap="truncate-end" bold>
            {label}
            <Text dimColor>{row.slice(label.length)}</Text>
          </Text>
        ) : (
          <Text key={i} wrap="truncate-end" dimColor>
            {row}
          </Text>
        );
      })}
      {editing ? (
        <Box>
          <Text bold color={tone('client')}>
            {marker}
          </Text>
          <TextField
            value={edit.line}
            cursor={edit.cursor}
            width={Math.max(1, width - marker.length)}
            focused
          />
        </Box>
      ) : (
        model.lines.map((line, i) => (
          <Text key={i} wrap="truncate-end">
            <Text bold color={tone('client')}>
              {i === 0 ? marker : '   '}
            </Text>
            {line}
            {pending.secret && i === 0 ? <Text dimColor> (masked)</Text> : null}
          </Text>
        ))
      )}
      {!editing && model.more > 0 ? <Text dimColor>{`   … ${model.more} more lines`}</Text> : null}
      <Text
        wrap="truncate-end"
        color={editing && (edit.error ?? warning) ? tone('warning') : undefined}
        dimColor={!editing}
      >
        {editing
          ? (edit.error ??
            (warning
              ? `! ${warning}; enter sends it anyway`
              : 'enter sends this line; esc keeps the proposal'))
          : pending.editable
            ? 'enter sends it · e edits it · s skips · a runs the rest'
            : pending.secret
              ? 'enter sends it (secret: not editable) · s skips · a runs the rest'
              : 'enter runs it · s skips · a runs the rest'}
      </Text>
    </Box>
  );
};

const Actions = ({
  items,
  focused,
  choice,
}: {
  items: ActionItem[];
  focused: boolean;
  choice: number;
}) => {
  const tone = useTone();
  const current = items[clampChoice(choice, items.length)];
  return (
    <Box flexDirection="column">
      <Text bold color={focused ? tone('accent') : undefined} dimColor={!focused}>
        What to try next{focused ? '' : ' (tab to choose)'}
      </Text>
      <ChoiceList items={items} index={focused ? choice : -1} />
      <Text wrap="truncate-end" dimColor>
        {focused && current ? (ACTION_MEANING[current.action.kind] ?? '') : ''}
      </Text>
    </Box>
  );
};

interface Props {
  model: StepModel;
  edit?: CommandEdit;
  /** Why the edited line does not fit the protocol's state now. */
  editWarning?: string;
  wait?: WaitInfo;
  actionsFocused: boolean;
  /** The highlighted action. */
  choice: number;
  /** Why the last run could not start (a missing password, say). */
  problem?: string;
  /** Earlier attempts of this step, oldest first, as "run 1: error · STARTTLS: …". */
  tried?: string;
  width: number;
  /** The highlighted answer of a clear-text question on this step. */
  consentChoice?: number;
}

export const StepView = ({
  model,
  edit,
  editWarning,
  wait,
  actionsFocused,
  choice,
  problem,
  tried,
  width,
  consentChoice = 0,
}: Props) => {
  const tone = useTone();
  const statusTone = STATUS_TONE[model.status];
  const { rows, top, transcriptHeight } = model;
  const scrollable = rows.length > transcriptHeight;
  const record = model.record;
  const detail = problem
    ? problem
    : record
      ? record.status === 'skipped'
        ? record.summary
        : [formatDuration(record.durationMs), record.summary].filter(Boolean).join(' · ')
      : model.status === 'pending' && !model.proposal
        ? 'enter runs it'
        : '';
  const waitHere = wait && (wait.step === model.step || !model.step) ? wait : undefined;
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
      {model.proposal?.pending.consent ? (
        <ConsentView
          question={model.proposal.pending.consent}
          choice={consentChoice}
          width={width}
        />
      ) : model.proposal ? (
        <Proposal
          model={model.proposal}
          {...(edit ? { edit } : {})}
          {...(editWarning ? { warning: editWarning } : {})}
          width={width}
        />
      ) : null}
      {waitHere ? <WaitLine wait={waitHere} /> : null}
      {model.missing ? (
        <Text wrap="truncate-end" color={tone('warning')}>
          {model.missing.text}
        </Text>
      ) : null}
      {model.actions.length > 0 ? (
        <Actions items={model.actions} focused={actionsFocused} choice={choice} />
      ) : null}
      <Box>
        <Box flexGrow={1} flexShrink={1}>
          <Text
            wrap="truncate-end"
            dimColor={!record && !problem}
            color={problem ? tone('error') : undefined}
          >
            {tried ? `${tried} → ` : ''}
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
