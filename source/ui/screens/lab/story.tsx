// Under the start screen's lab row: the chosen scenario's title and the customer's story, so a
// learner knows what the lesson is about before starting it.
import { Box, Text } from 'ink';
import type { LabLesson } from './lesson.js';

export const LabStory = ({ lesson }: { lesson: LabLesson }) => (
  <Box flexDirection="column" paddingLeft={10} marginTop={1}>
    <Text bold wrap="truncate-end">
      {lesson.title}
    </Text>
    <Text dimColor wrap="wrap">
      {lesson.story}
    </Text>
  </Box>
);
