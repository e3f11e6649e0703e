// The question the wizard asks before credentials go over a connection without TLS: what would be
// exposed, to whom, and the answers in an ink-select-input list (the safe ones first).
import { Box, Text } from 'ink';
import type { ConsentQuestion } from '../../controller.js';
import { ChoiceList } from '../../components/choice-list.js';
import { useTone } from '../../theme.js';
import { consentLayout } from './reducer.js';

interface Props {
  question: ConsentQuestion;
  /** The highlighted answer. */
  choice: number;
  width: number;
}

export const ConsentView = ({ question, choice, width }: Props) => {
  const tone = useTone();
  const { risk } = consentLayout(question, width);
  return (
    <Box flexDirection="column">
      <Text wrap="truncate-end" bold color={tone('warning')}>
        Send the password without TLS?<Text dimColor> {question.where}</Text>
      </Text>
      {risk.map((line, i) => (
        <Text key={i} wrap="truncate-end">
          {line}
        </Text>
      ))}
      <ChoiceList
        items={question.choices.map((c) => ({ key: c.id, label: c.label }))}
        index={choice}
      />
      <Text wrap="truncate-end" dimColor>
        ↑/↓ choose · enter answers · s skips the step · o settings (Password w/o TLS)
      </Text>
    </Box>
  );
};
