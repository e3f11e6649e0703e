// Where the manual console will be: the key and the hand-over exist now, the screen arrives with
// the console issue. Until then this says what it will do and where it would connect.
import { Box, Text } from 'ink';
import type { ConsoleTarget } from '../../controller.js';

export const ConsolePlaceholder = ({ target }: { target?: ConsoleTarget }) => (
  <Box flexDirection="column">
    <Text bold>Manual console</Text>
    <Text> </Text>
    <Text wrap="wrap">
      {target
        ? `It will connect to ${target.host} port ${target.port}${target.tls ? ' with TLS' : ''}, the way telnet or openssl s_client would.`
        : 'It will connect to any host and port you name, the way telnet or openssl s_client would.'}
    </Text>
    <Text wrap="wrap">
      You type each command yourself; mailmedic warns before a line that does not fit the
      conversation (you may send it anyway), masks AUTH payloads, explains every reply as it
      arrives, and does the TLS handshake after STARTTLS.
    </Text>
    <Text> </Text>
    <Text dimColor wrap="wrap">
      The console screen arrives with the next issue; this is its place. Esc: back.
    </Text>
  </Box>
);
