// What a terminal would show: the pseudo-terminal's output fed through a headless xterm, so a test
// can read the screen row by row (a row drawn over, a stray word left behind) instead of guessing
// from the stream of escape sequences.
import xterm from '@xterm/headless';

const { Terminal } = xterm;

export interface Screen {
  rows: string[];
  text: string;
}

/** The visible screen after writing `raw` into a `columns`×`rows` terminal. */
export const screenOf = (raw: string, columns = 80, rows = 24): Promise<Screen> =>
  new Promise((resolve) => {
    const terminal = new Terminal({ cols: columns, rows, allowProposedApi: true });
    terminal.write(raw, () => {
      const buffer = terminal.buffer.active;
      const lines: string[] = [];
      for (let y = 0; y < rows; y += 1) {
        lines.push(buffer.getLine(buffer.viewportY + y)?.translateToString(true) ?? '');
      }
      terminal.dispose();
      resolve({ rows: lines, text: lines.join('\n') });
    });
  });
