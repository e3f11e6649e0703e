// An emulated slow link on loopback: a TCP and a UDP relay that hold every chunk for half the
// round-trip time in each direction, for machines where a network namespace with netem is not at
// hand. The relay accepts at once and dials the server half a round trip later (the SYN), so the
// server's first byte reaches the client one round trip after connect() returned; the TCP
// handshake's own round trip is hidden, and the minimum below counts from connect's completion.
import dgram from 'node:dgram';
import net from 'node:net';

export interface Link {
  port: number;
  close: () => Promise<void>;
}

const later = (ms: number, fn: () => void): void => {
  setTimeout(fn, ms).unref();
};

export const tcpLink = async (target: { host: string; port: number }, rttMs: number) => {
  const half = rttMs / 2;
  const sockets = new Set<net.Socket>();
  const server = net.createServer((client) => {
    client.setNoDelay(true);
    client.pause();
    sockets.add(client);
    later(half, () => {
      const upstream = net.connect(target, () => client.resume());
      upstream.setNoDelay(true);
      sockets.add(upstream);
      // Order is kept: timers of equal delay fire in the order they were set.
      client.on('data', (chunk) => later(half, () => upstream.write(chunk)));
      upstream.on('data', (chunk) => later(half, () => client.write(chunk)));
      client.on('end', () => later(half, () => upstream.end()));
      upstream.on('end', () => later(half, () => client.end()));
      const drop = () => {
        client.destroy();
        upstream.destroy();
      };
      client.on('error', drop);
      upstream.on('error', drop);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as net.AddressInfo).port,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  } satisfies Link;
};

/** Counts datagrams too, so the bench can say how many questions were asked. */
export const udpLink = async (target: { host: string; port: number }, rttMs: number) => {
  const half = rttMs / 2;
  const front = dgram.createSocket('udp4');
  const backs = new Map<string, dgram.Socket>();
  let questions = 0;
  front.on('message', (msg, from) => {
    questions += 1;
    const key = `${from.address}:${from.port}`;
    let back = backs.get(key);
    if (!back) {
      back = dgram.createSocket('udp4');
      back.on('message', (answer) =>
        later(half, () => front.send(answer, from.port, from.address)),
      );
      backs.set(key, back);
    }
    const socket = back;
    later(half, () => socket.send(msg, target.port, target.host));
  });
  await new Promise<void>((resolve) => front.bind(0, '127.0.0.1', resolve));
  return {
    port: front.address().port,
    questions: () => questions,
    close: async () => {
      for (const b of backs.values()) b.close();
      await new Promise<void>((resolve) => front.close(() => resolve()));
    },
  };
};
