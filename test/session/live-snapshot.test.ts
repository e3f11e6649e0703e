// The live controller's snapshots: the transcript grows in one list of the controller's own, not
// copied whole on every recorder change, and the screens cannot change the record through it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LiveSessionController } from '../../source/session/live-controller.js';
import type { RunConfig } from '../../source/session/config.js';
import type { Session, TranscriptEntry, WizardSettings } from '../../source/record/types.js';
import { deadlinesFor } from '../../source/net/deadlines.js';
import { startFakeServer } from '../helpers/fake-server.js';
import { until } from '../helpers/timing.js';

const configFor = async (settings: WizardSettings): Promise<RunConfig> => ({
  target: { input: settings.target, server: { host: '127.0.0.1', port: settings.port ?? 25 } },
  tls: 'none',
  insecure: true,
  ca: [],
  ehlo: 'c.test',
  to: [],
  headers: [],
  resolvers: [],
  deadlines: deadlinesFor(5),
  steps: ['connect', 'banner', 'ehlo'],
  redactIdentities: false,
});

test(
  'snapshots share one growing transcript list that is not the record’s',
  { timeout: 30_000 },
  async () => {
    const server = await startFakeServer(async (peer) => {
      peer.send('220 fake.test ESMTP\r\n');
      for (;;) {
        const line = await peer.line(10_000).catch(() => undefined);
        if (line === undefined) return;
        if (/^EHLO /i.test(line)) peer.send('250-fake.test\r\n250-PIPELINING\r\n250 SIZE 1000\r\n');
        else if (/^QUIT/i.test(line)) {
          peer.send('221 bye\r\n');
          return peer.close();
        } else peer.send('502 5.5.2 no\r\n');
      }
    });
    const controller = new LiveSessionController({
      version: 'test',
      configFor,
      guided: false,
      settings: { tls: 'none', insecure: true, mechanism: 'auto', port: server.port },
    });
    const seen: Session[] = [];
    controller.subscribe(() => {
      const s = controller.getSession();
      if (s && s !== seen.at(-1)) seen.push(s);
    });
    try {
      controller.start({ input: `127.0.0.1:${server.port}` });
      await until(() => controller.isRunning(), 'the run to start');
      await until(() => !controller.isRunning(), 'the run to end');
      const lists = new Set(seen.map((s) => s.transcript));
      assert.ok(seen.length > 3, 'a snapshot per change');
      assert.equal(lists.size, 1, 'one list, extended, not a copy per change');
      const last = controller.getSession()!;
      const record = (controller as unknown as { recorder: { session: Session } }).recorder.session;
      assert.notEqual(last.transcript, record.transcript, 'not the recorder’s own array');
      assert.deepEqual(last.transcript, record.transcript, 'the same lines');
      assert.ok(last.transcript.some((l) => l.text === '250 SIZE 1000'));

      // A screen writing into what it was given changes its view at most, never the record; the
      // next change hands out the record's lines again.
      const kept = record.transcript.length;
      const forged: TranscriptEntry = { t: 0, step: 'ehlo', dir: 'server', text: 'forged' };
      last.transcript.push(forged);
      assert.equal(record.transcript.length, kept);
      // A settings change hands out a new snapshot of the same session.
      controller.applySettings({ settings: controller.getGuide()!.settings });
      const next = controller.getSession()!;
      assert.notEqual(next, last);
      assert.ok(!next.transcript.includes(forged));
      assert.deepEqual(next.transcript, record.transcript);
    } finally {
      await server.close();
    }
  },
);
