import type { Lesson } from './types.js';

export const BANNER_CHECK: Lesson = {
  id: 5,
  title: 'A banner check of any service: HTTP HEAD',
  protocol: 'raw',
  port: 80,
  intro:
    'Connect to any TCP service: a mail server speaks first (its banner), a web server waits for you. Try a web server on port 80 (or 443 with --tls implicit).',
  source:
    'RFC 9110 (HTTP semantics), RFC 9112 (HTTP/1.1); the banner checks of the reference articles',
  steps: [
    {
      type: 'HEAD / HTTP/1.1',
      why: 'Ask for the headers of the front page, without the page itself.',
      reply: 'Nothing yet: HTTP/1.1 waits for the headers of the request.',
      done: '^HEAD\\s',
    },
    {
      type: 'Host: <the host name>',
      why: 'HTTP/1.1 requires the Host header: one address may serve many sites.',
      reply: 'Still nothing.',
      done: '^Host:',
    },
    {
      type: 'Connection: close',
      why: 'Ask the server to close after answering, as a banner check should.',
      reply: 'Still nothing.',
      done: '^Connection:',
    },
    {
      type: '(an empty line)',
      why: 'The empty line ends the request.',
      reply:
        'HTTP/1.1 200 OK (or 301, 404...) and headers: Server: names the software, sometimes its version: that is the banner.',
      done: '^$',
    },
  ],
};
