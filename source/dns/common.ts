// The one door from dns/ into protocols/common: the shared error type (so the CLI maps a bad
// --dns value to exit 2 like any other bad input) and the escaping that keeps record text from
// repainting a terminal. Both are plain data helpers with no I/O.
export { InputError } from '../protocols/common/errors.js';
export { printable } from '../protocols/common/printable.js';
