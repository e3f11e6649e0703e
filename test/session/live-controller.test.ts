import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LiveSessionController } from '../../source/session/live-controller.js';
import type { RunConfig } from '../../source/session/config.js';
import { deadlinesFor } from '../../source/net/deadlines.js';
import { closedPort } from '../helpers/fake-server.js';

const until = async (check: () => boolean): Promise<void> => {
  const started = Date.now();
  while (!check()) {
    if (Date.now() - started > 5000) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 10));
  }
};

test(
  'the live controller gives fresh snapshots, reports problems, and runs again on request',
  { timeout: 20_000 },
  async () => {
    const port = await closedPort();
    const config: RunConfig = {
      target: { input: `127.0.0.1:${port}`, server: { host: '127.0.0.1', port } },
      tls: 'none',
      insecure: false,
      ca: [],
      ehlo: 'c.test',
      to: [],
      headers: [],
      resolvers: [],
      deadlines: deadlinesFor(2),
      steps: ['connect', 'banner'],
      redactIdentities: false,
    };
    let builds = 0;
    const controller = new LiveSessionController({
      version: 'test',
      configFor: async (target) => {
        if ('lab' in target) throw new Error('no lab here');
        builds += 1;
        return config;
      },
    });
    let changes = 0;
    controller.subscribe(() => (changes += 1));
    assert.equal(controller.getSession(), undefined);

    controller.start({ lab: 'healthy' });
    await until(() => controller.getProblem() !== undefined);
    assert.equal(controller.getProblem(), 'no lab here');

    controller.start({ input: config.target.input });
    await until(() => (controller.getSession()?.findings.length ?? 0) > 0);
    const first = controller.getSession()!;
    assert.equal(controller.getSession(), first, 'same object until something changes');
    assert.equal(first.steps[0]?.status, 'error');
    assert.ok(changes > 2);

    controller.runStep('connect');
    await until(
      () =>
        builds === 2 &&
        controller.getSession() !== first &&
        (controller.getSession()?.findings.length ?? 0) > 0,
    );
    assert.notEqual(controller.getSession()!.startedAt, undefined);
  },
);
