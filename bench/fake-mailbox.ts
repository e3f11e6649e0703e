// A scripted SMTP server that accepts one message, and a POP3 server that then offers a message
// of a chosen size carrying the same Message-ID: the retrieval half of `check` on a message far
// larger than any real stack here would accept, to see what holding it costs.
import net from 'node:net';

const listen = async (server: net.Server): Promise<number> => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as net.AddressInfo).port;
};

/** Calls `line` for every CRLF-terminated line; while `raw` returns a sink, bytes go there. */
const lines = (socket: net.Socket, line: (text: string) => void) => {
  let buffer = '';
  socket.on('data', (chunk) => {
    buffer += chunk.toString('latin1');
    let at: number;
    while ((at = buffer.indexOf('\r\n')) >= 0) {
      const text = buffer.slice(0, at);
      buffer = buffer.slice(at + 2);
      line(text);
    }
  });
  socket.on('error', () => socket.destroy());
};

export const startFakeMailbox = async (bodyBytes: number) => {
  let messageId = '<none@bench.test>';
  let cached: Buffer | undefined;
  const smtp = net.createServer((socket) => {
    let inData = false;
    socket.write('220 bench.test ESMTP fake\r\n');
    lines(socket, (text) => {
      if (inData) {
        const id = /^Message-ID:\s*(<[^>]+>)/i.exec(text);
        if (id) {
          messageId = id[1]!;
          cached = undefined;
        }
        if (text === '.') {
          inData = false;
          socket.write('250 2.0.0 Ok: queued as BENCH1\r\n');
        }
        return;
      }
      const verb = text.slice(0, 4).toUpperCase();
      if (verb === 'EHLO') socket.write('250-bench.test\r\n250-PIPELINING\r\n250 8BITMIME\r\n');
      else if (verb === 'DATA') {
        inData = true;
        socket.write('354 go ahead\r\n');
      } else if (verb === 'QUIT') socket.end('221 2.0.0 bye\r\n');
      else socket.write('250 2.0.0 Ok\r\n');
    });
  });

  const message = (): Buffer => {
    const head = `Message-ID: ${messageId}\r\nSubject: bench\r\nFrom: a@bench.test\r\n\r\n`;
    const row = `${'x'.repeat(76)}\r\n`;
    const body = Buffer.alloc(Math.max(0, Math.ceil(bodyBytes / row.length) * row.length), row);
    return Buffer.concat([Buffer.from(head), body]);
  };

  const pop3 = net.createServer((socket) => {
    socket.write('+OK bench POP3 ready\r\n');
    lines(socket, (text) => {
      const [verb = '', arg] = text.split(' ');
      const full = (cached ??= message());
      switch (verb.toUpperCase()) {
        case 'CAPA':
          socket.write('+OK\r\nUSER\r\nTOP\r\nUIDL\r\n.\r\n');
          break;
        case 'STAT':
          socket.write(`+OK 1 ${full.length}\r\n`);
          break;
        case 'TOP': {
          const head = full.subarray(0, full.indexOf('\r\n\r\n') + 4);
          socket.write(Buffer.concat([Buffer.from('+OK\r\n'), head, Buffer.from('.\r\n')]));
          break;
        }
        case 'RETR':
          socket.write(`+OK ${full.length} octets\r\n`);
          socket.write(full);
          socket.write('.\r\n');
          break;
        case 'QUIT':
          socket.end('+OK bye\r\n');
          break;
        case 'UIDL':
          socket.write(arg ? `+OK 1 bench-1\r\n` : '+OK\r\n1 bench-1\r\n.\r\n');
          break;
        case 'LIST':
          socket.write(arg ? `+OK 1 ${full.length}\r\n` : `+OK\r\n1 ${full.length}\r\n.\r\n`);
          break;
        default:
          socket.write('+OK\r\n'); // USER, PASS, NOOP
      }
    });
  });
  const smtpPort = await listen(smtp);
  const pop3Port = await listen(pop3);
  return {
    smtp: smtpPort,
    pop3: pop3Port,
    close: async () => {
      await Promise.all(
        [smtp, pop3].map((s) => new Promise<void>((resolve) => s.close(() => resolve()))),
      );
    },
  };
};
