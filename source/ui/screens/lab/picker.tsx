// The practice lab's scenario picker: the scenarios in an ink-select-input list, the story of the
// highlighted one under it (the customer's words, then what to try). Choosing one asks the
// wizard to point at the lab in that scenario; the start screen includes this at merge time.
import { Box, Text } from 'ink';
import SelectInput from 'ink-select-input';
import { useMemo, useState } from 'react';
import type { LabLesson } from './lesson.js';

interface Props {
  lessons: readonly LabLesson[];
  onChoose: (id: string) => void;
  isFocused?: boolean;
  /** Rows for the list; the story takes the rest. */
  listRows?: number;
}

export const LabPicker = ({ lessons, onChoose, isFocused = true, listRows = 8 }: Props) => {
  const healthy = Math.max(
    0,
    lessons.findIndex((l) => l.id === 'healthy'),
  );
  const [highlighted, setHighlighted] = useState(lessons[healthy]?.id);
  // The same array on every render: ink-select-input starts over when its items change.
  const items = useMemo(
    () => lessons.map((l) => ({ key: l.id, label: `${l.id.padEnd(27)} ${l.title}`, value: l.id })),
    [lessons],
  );
  const lesson = lessons.find((l) => l.id === highlighted) ?? lessons[0];
  if (!lesson) return <Text dimColor>The practice lab is not available here.</Text>;
  return (
    <Box flexDirection="column">
      <Text bold>Practice lab: choose a scenario</Text>
      <SelectInput
        items={items}
        initialIndex={healthy}
        limit={listRows}
        isFocused={isFocused}
        onHighlight={(item) => setHighlighted(item.value)}
        onSelect={(item) => onChoose(item.value)}
      />
      <Text> </Text>
      <Text wrap="wrap">{lesson.story}</Text>
      {lesson.tryThis.map((t) => (
        <Text key={t} dimColor wrap="wrap">
          · {t}
        </Text>
      ))}
    </Box>
  );
};
