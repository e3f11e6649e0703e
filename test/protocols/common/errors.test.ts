import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  IllegalTransitionError,
  InputError,
  isMailmedicError,
  MailmedicError,
  RemoteProtocolError,
} from '../../../source/protocols/common/errors.js';

describe('errors', () => {
  it('RemoteProtocolError: remote origin, EPROTOCOL by default, raw kept', () => {
    const raw = Buffer.from('25\r\n');
    const e = new RemoteProtocolError('bad', raw);
    assert.ok(e instanceof MailmedicError && e instanceof Error);
    assert.equal(e.name, 'RemoteProtocolError');
    assert.equal(e.origin, 'remote');
    assert.equal(e.code, 'EPROTOCOL');
    assert.equal(e.raw, raw);
    assert.equal(new RemoteProtocolError('long', undefined, 'ELIMIT').code, 'ELIMIT');
  });

  it('IllegalTransitionError: local origin, ESTATE, state and command named', () => {
    const e = new IllegalTransitionError('SMTP', 'ready', 'MAIL');
    assert.equal(e.code, 'ESTATE');
    assert.equal(e.origin, 'local');
    assert.equal(e.state, 'ready');
    assert.equal(e.command, 'MAIL');
    assert.equal(e.message, 'SMTP: MAIL is not allowed in state ready');
  });

  it('InputError: local origin, EINPUT, field named', () => {
    const e = new InputError('RCPT TO', 'must not contain a line feed (LF)');
    assert.equal(e.code, 'EINPUT');
    assert.equal(e.field, 'RCPT TO');
    assert.equal(e.message, 'RCPT TO: must not contain a line feed (LF)');
  });

  it('MailmedicError keeps its cause and step', () => {
    const cause = new Error('socket');
    const e = new MailmedicError('reset', {
      origin: 'network',
      code: 'ECONNRESET',
      cause,
      step: 'connect',
    });
    assert.equal(e.cause, cause);
    assert.equal(e.step, 'connect');
    assert.equal(new MailmedicError('x', { origin: 'local', code: 'EINTERNAL' }).cause, undefined);
  });

  it('isMailmedicError', () => {
    assert.equal(isMailmedicError(new InputError('a', 'b')), true);
    assert.equal(isMailmedicError(new Error('x')), false);
    assert.equal(isMailmedicError('x'), false);
  });
});
