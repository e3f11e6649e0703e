// The least a Node program can do for `check --steps connect,banner,ehlo`: connect, read the
// greeting, EHLO, QUIT, with nothing else loaded. Its time and memory against swaks are the floor
// that the table's goals for `check` sit on (bench/table.ts, "floor" rows).
import net from 'node:net';

const [host, port, name = 'bench.test'] = process.argv.slice(2);
const socket = net.connect(Number(port), host);
const steps = [`EHLO ${name}\r\n`, 'QUIT\r\n'];
let pending = '';
socket.setEncoding('latin1');
socket.on('data', (chunk) => {
  pending += chunk;
  // A reply ends with a line whose code is followed by a space.
  for (let end = pending.indexOf('\n'); end >= 0; end = pending.indexOf('\n')) {
    const line = pending.slice(0, end);
    pending = pending.slice(end + 1);
    if (line[3] !== ' ') continue;
    const next = steps.shift();
    if (next) socket.write(next);
  }
});
socket.on('error', (error) => {
  console.error(error.message);
  process.exitCode = 1;
});
