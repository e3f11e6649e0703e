import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { InputError } from '../../../source/protocols/common/errors.js';
import type { SaslCredentials, SaslMechanism } from '../../../source/protocols/common/sasl.js';
import {
  createSaslClient,
  decodeBase64Text,
  MASK,
  SASL_MECHANISMS,
  secretForms,
  strongestMechanism,
  secretsInPayload,
  payloadIssues,
} from '../../../source/protocols/common/sasl.js';

const b64 = (text: string): string => Buffer.from(text, 'utf8').toString('base64');
const unb64 = (text: string): string => Buffer.from(text, 'base64').toString('utf8');

// RFC 2195 section 2.
const RFC2195 = {
  user: 'tim',
  password: 'tanstaaftanstaaf',
  challenge: 'PDE4OTYuNjk3MTcwOTUyQHBvc3RvZmZpY2UucmVzdG9uLm1jaS5uZXQ+',
  response: 'dGltIGI5MTNhNjAyYzdlZGE3YTQ5NWI0ZTZlNzMzNGQzODkw',
};

describe('decodeBase64Text', () => {
  const cases: Array<[string, string | undefined]> = [
    ['VXNlcm5hbWU6', 'Username:'],
    ['UGFzc3dvcmQ6', 'Password:'],
    ['  VXNlcm5hbWU6 ', 'Username:'],
    ['', ''],
    ['   ', ''],
    [RFC2195.challenge, '<1896.697170952@postoffice.reston.mci.net>'],
    ['dGVzdA==', 'test'],
    ['Go ahead', undefined],
    ['abc', undefined],
    ['ab=c', undefined],
    ['a===', undefined],
  ];
  for (const [input, expected] of cases) {
    it(JSON.stringify(input), () => assert.equal(decodeBase64Text(input), expected));
  }
});

describe('secretForms', () => {
  it('holds the secret as typed, its base64 (UTF-8 and Latin-1), quoted and URL-encoded', () => {
    const forms = secretForms('p\u00e4ss"w\\d');
    assert.ok(forms.includes('p\u00e4ss"w\\d'));
    assert.ok(forms.includes(Buffer.from('p\u00e4ss"w\\d', 'utf8').toString('base64')));
    assert.ok(forms.includes(Buffer.from('p\u00e4ss"w\\d', 'latin1').toString('base64')));
    assert.ok(forms.includes('"p\u00e4ss\\"w\\\\d"'));
    assert.ok(forms.includes(encodeURIComponent('p\u00e4ss"w\\d')));
  });

  it('has no duplicates and nothing for an empty secret', () => {
    const forms = secretForms('secret');
    assert.equal(new Set(forms).size, forms.length);
    assert.deepEqual(secretForms(''), []);
  });
});

describe('createSaslClient', () => {
  it('lists the four mechanisms', () => {
    assert.deepEqual([...SASL_MECHANISMS], ['PLAIN', 'LOGIN', 'CRAM-MD5', 'XOAUTH2']);
  });

  describe('PLAIN', () => {
    it('initial response is base64 of authzid NUL user NUL password, masked', () => {
      const client = createSaslClient('PLAIN', { user: 'alice', password: 's3cret' });
      const step = client.initial();
      assert.deepEqual(step, { response: b64('\0alice\0s3cret'), display: MASK, secret: true });
      assert.equal(step.response, 'AGFsaWNlAHMzY3JldA==');
    });

    it('uses the authzid when given', () => {
      const client = createSaslClient('PLAIN', { user: 'alice', password: 'pw', authzid: 'boss' });
      assert.equal(unb64(client.initial()!.response), 'boss\0alice\0pw');
    });

    it('without initial response, answers the empty challenge instead', () => {
      const client = createSaslClient(
        'PLAIN',
        { user: 'alice', password: 'pw' },
        { initialResponse: false },
      );
      assert.equal(client.initial(), undefined);
      const step = client.respond('');
      assert.equal(unb64(step.response), '\0alice\0pw');
      assert.equal(step.secret, true);
      assert.equal(step.display, MASK);
    });

    it('secrets() holds the password forms and the whole payload, raw and base64', () => {
      const client = createSaslClient('PLAIN', { user: 'alice', password: 's3cret' });
      client.initial();
      const secrets = client.secrets();
      for (const form of ['s3cret', b64('s3cret'), '\0alice\0s3cret', b64('\0alice\0s3cret')]) {
        assert.ok(secrets.includes(form), `missing ${JSON.stringify(form)}`);
      }
      assert.ok(!secrets.includes(''), 'an empty string would mask everything');
    });
  });

  describe('LOGIN', () => {
    it('no initial response; user, then password (masked)', () => {
      const client = createSaslClient('LOGIN', { user: 'alice', password: 's3cret' });
      assert.equal(client.initial(), undefined);
      const first = client.respond('VXNlcm5hbWU6');
      assert.deepEqual(first, { response: b64('alice'), display: b64('alice'), secret: false });
      const second = client.respond('UGFzc3dvcmQ6');
      assert.deepEqual(second, { response: b64('s3cret'), display: MASK, secret: true });
      assert.ok(client.secrets().includes(b64('s3cret')));
    });

    it('goes by order, not by prompt wording', () => {
      const client = createSaslClient('LOGIN', { user: 'alice', password: 'pw' });
      assert.equal(unb64(client.respond(b64('User Name')).response), 'alice');
      assert.equal(unb64(client.respond(b64('Secret please')).response), 'pw');
    });
  });

  describe('CRAM-MD5', () => {
    it('matches the RFC 2195 example', () => {
      const client = createSaslClient('CRAM-MD5', {
        user: RFC2195.user,
        password: RFC2195.password,
      });
      assert.equal(client.initial(), undefined);
      const step = client.respond(RFC2195.challenge);
      assert.equal(step.response, RFC2195.response);
      assert.equal(unb64(step.response), 'tim b913a602c7eda7a495b4e6e7334d3890');
      assert.equal(step.secret, true);
      assert.equal(step.display, MASK);
      assert.ok(client.secrets().includes(RFC2195.password));
      assert.ok(client.secrets().includes(RFC2195.response));
    });
  });

  describe('XOAUTH2', () => {
    const token = 'ya29.vF9dft4qmTc2Nvb3RlckBhdHRhdmlzdGEuY29tCg';
    const payload = `user=someuser@example.com\x01auth=Bearer ${token}\x01\x01`;

    it('initial response carries user and bearer token, masked', () => {
      const client = createSaslClient('XOAUTH2', { user: 'someuser@example.com', token });
      const step = client.initial()!;
      assert.equal(unb64(step.response), payload);
      assert.equal(step.secret, true);
      assert.equal(step.display, MASK);
    });

    it('answers the error challenge after the initial response with an empty response', () => {
      const client = createSaslClient('XOAUTH2', { user: 'someuser@example.com', token });
      client.initial();
      const error = b64('{"status":"401","schemes":"bearer","scope":"https://mail.google.com/"}');
      assert.deepEqual(client.respond(error), { response: '', display: '', secret: false });
    });

    it('without initial response: the payload answers the first (empty) challenge, then empty', () => {
      const client = createSaslClient(
        'XOAUTH2',
        { user: 'someuser@example.com', token },
        { initialResponse: false },
      );
      assert.equal(client.initial(), undefined);
      assert.equal(unb64(client.respond('').response), payload);
      assert.equal(client.respond('eyJ9').response, '');
    });

    it('secrets() holds the token in its forms and the payload', () => {
      const client = createSaslClient('XOAUTH2', { user: 'someuser@example.com', token });
      const step = client.initial()!;
      const secrets = client.secrets();
      for (const form of [token, b64(token), payload, step.response])
        assert.ok(secrets.includes(form));
    });

    it('falls back to the password field as the token', () => {
      const client = createSaslClient('XOAUTH2', { user: 'u', password: 'tok' });
      assert.equal(unb64(client.initial()!.response), 'user=u\x01auth=Bearer tok\x01\x01');
    });
  });

  describe('refuses unsafe or missing credentials', () => {
    const cases: Array<[string, SaslMechanism, SaslCredentials]> = [
      ['CR in user', 'PLAIN', { user: 'a\rb', password: 'pw' }],
      ['LF in password', 'LOGIN', { user: 'a', password: 'p\nw' }],
      ['NUL in user (would forge a PLAIN field)', 'PLAIN', { user: 'a\0b', password: 'pw' }],
      ['NUL in password', 'CRAM-MD5', { user: 'a', password: 'p\0' }],
      ['LF in token', 'XOAUTH2', { user: 'a', token: 't\n' }],
      ['no password for PLAIN', 'PLAIN', { user: 'a' }],
      ['empty password for LOGIN', 'LOGIN', { user: 'a', password: '' }],
      ['no token for XOAUTH2', 'XOAUTH2', { user: 'a' }],
    ];
    for (const [name, mechanism, credentials] of cases) {
      it(name, () => {
        assert.throws(
          () => createSaslClient(mechanism, credentials),
          (e: unknown) => e instanceof InputError && e.code === 'EINPUT',
        );
      });
    }
  });
});

describe('strongestMechanism', () => {
  const password = { user: 'u', password: 'p' };
  const token = { user: 'u', token: 't' };
  const cases: Array<[string, string[], SaslCredentials, SaslMechanism | undefined]> = [
    ['CRAM-MD5 beats PLAIN and LOGIN', ['LOGIN', 'PLAIN', 'CRAM-MD5'], password, 'CRAM-MD5'],
    ['PLAIN beats LOGIN', ['LOGIN', 'PLAIN'], password, 'PLAIN'],
    ['LOGIN alone', ['LOGIN'], password, 'LOGIN'],
    ['case-insensitive', ['plain', 'login'], password, 'PLAIN'],
    ['nothing we speak', ['GSSAPI', 'NTLM'], password, undefined],
    ['empty offer', [], password, undefined],
    ['XOAUTH2 is not chosen without a token', ['XOAUTH2', 'LOGIN'], password, 'LOGIN'],
    ['XOAUTH2 only with a token', ['PLAIN', 'XOAUTH2'], token, 'XOAUTH2'],
    ['a token and no XOAUTH2 offered', ['PLAIN', 'LOGIN'], token, undefined],
  ];
  for (const [name, offered, credentials, expected] of cases) {
    it(name, () => assert.equal(strongestMechanism(offered, credentials), expected));
  }
});

it('strongestMechanism falls back to a password mechanism when XOAUTH2 is not offered', () => {
  assert.equal(
    strongestMechanism(['PLAIN', 'LOGIN'], { user: 'u', password: 'p', token: 't' }),
    'PLAIN',
  );
  assert.equal(
    strongestMechanism(['XOAUTH2', 'PLAIN'], { user: 'u', password: 'p', token: 't' }),
    'XOAUTH2',
  );
  assert.equal(strongestMechanism(['PLAIN'], { user: 'u', token: 't' }), undefined);
});

describe('secretsInPayload', () => {
  it('finds the password inside a hand-typed PLAIN payload', () => {
    const payload = Buffer.from('\0bob\0pw-123456').toString('base64');
    const forms = secretsInPayload(payload);
    assert.ok(forms.includes('pw-123456'));
    assert.ok(forms.includes(payload));
    assert.ok(forms.includes(Buffer.from('pw-123456').toString('base64')));
  });
  it('finds the token inside an XOAUTH2 payload', () => {
    const payload = Buffer.from('user=bob@example.test\x01auth=Bearer ya29.tok\x01\x01').toString(
      'base64',
    );
    assert.ok(secretsInPayload(payload).includes('ya29.tok'));
  });
  it('treats text that is not base64 as the secret itself', () => {
    assert.ok(secretsInPayload('not base64!').includes('not base64!'));
  });
});

describe('payloadIssues: the mistakes of hand-made base64', () => {
  const b64 = (s: string) => Buffer.from(s, 'latin1').toString('base64');
  const cases: Array<[string, string, string[]]> = [
    ['PLAIN', b64('\0bob\0secret'), []],
    ['PLAIN', b64('admin\0bob\0secret'), []],
    ['PLAIN', b64('bob\0secret'), ['missing-leading-nul']],
    ['PLAIN', b64('\0bob\0secret\n'), ['trailing-newline']],
    ['LOGIN', b64('secret\n'), ['trailing-newline']],
    ['LOGIN', b64('bob@example.test'), []],
    ['LOGIN', 'bob@example.test', ['plain-text']],
    ['LOGIN', 'c2VjcmV0', []],
    ['LOGIN', 'c2VjcmV0=', ['not-base64']],
    ['LOGIN', 'password', ['plain-text']],
    ['PLAIN', '=', []],
  ];
  for (const [mechanism, payload, expected] of cases) {
    it(`${mechanism} ${JSON.stringify(payload)} -> ${expected.join(',') || 'fine'}`, () => {
      assert.deepEqual(payloadIssues(mechanism, payload), expected);
    });
  }
});
