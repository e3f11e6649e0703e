// Screen geometry in one place. The frame is one row shorter than the terminal on purpose: when
// ink's output reaches the terminal's height it repaints with a clear-screen that also erases the
// scrollback (ESC[3J) on every frame; one spare row keeps it on its line-by-line redraw.

export const MIN_COLUMNS = 60;
export const MIN_ROWS = 15;
/** Rail: marker, glyph, the longest entry ("findings"), padding, and its right border. */
export const RAIL_WIDTH = 15;
/** Header and its rule, footer and its rule. */
const CHROME_ROWS = 4;
/** Padding either side of the main panel. */
const MAIN_PADDING = 2;

export interface Layout {
  tooSmall: boolean;
  columns: number;
  /** Rows the frame takes. */
  frameRows: number;
  bodyRows: number;
  mainColumns: number;
}

export const layoutFor = (size: { columns: number; rows: number }): Layout => {
  const frameRows = Math.max(1, size.rows - 1);
  const bodyRows = Math.max(0, frameRows - CHROME_ROWS);
  return {
    tooSmall: size.columns < MIN_COLUMNS || size.rows < MIN_ROWS,
    columns: size.columns,
    frameRows,
    bodyRows,
    mainColumns: Math.max(0, size.columns - RAIL_WIDTH - MAIN_PADDING),
  };
};
