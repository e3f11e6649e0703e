// `mailmedic open FILE`: a saved session is untrusted input (it travels by mail and tickets). It is
// read under a size bound, validated against the session's JSON Schema (schema/, shipped in the
// package) so no screen meets a field of the wrong type, and passed whole through the gate.
import { Ajv } from 'ajv';
import type { ErrorObject } from 'ajv';
import schema from '../../schema/session.schema.json' with { type: 'json' };
import { gateSession } from '../record/gate.js';
import type { Session } from '../record/types.js';
import { SESSION_SCHEMA } from '../record/types.js';
import { readBoundedFile } from './input-files.js';
import { UsageError } from './usage-error.js';

let validator: ReturnType<Ajv['compile']> | undefined;
const validate = (value: unknown): boolean => {
  // Compiled on first use: only `open` pays for it.
  validator ??= new Ajv({ allErrors: false, allowUnionTypes: true, strict: true }).compile(schema);
  return validator(value) === true;
};

/** "/steps/0/status" -> "steps[0].status": the field as a person reads it. */
const fieldName = (error: ErrorObject): string => {
  const path = error.instancePath
    .split('/')
    .slice(1)
    .map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce(
      (out, part) => (/^\d+$/.test(part) ? `${out}[${part}]` : out ? `${out}.${part}` : part),
      '',
    );
  const missing = error.keyword === 'required' ? String(error.params.missingProperty) : undefined;
  if (missing) return path ? `${path}.${missing}` : missing;
  return path || '(the whole file)';
};

export const parseSessionText = (file: string, text: string): Session => {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new UsageError(
      'open',
      `${file} is not JSON; save a session with --report FILE.json or check --json`,
    );
  }
  const declared = (value as { schema?: unknown } | null)?.schema;
  if (typeof value !== 'object' || value === null || declared !== SESSION_SCHEMA)
    throw new UsageError('open', `${file} is not a mailmedic session (schema ${SESSION_SCHEMA})`);
  if (!validate(value)) {
    const error = validator!.errors![0]!;
    const missing = error.keyword === 'required';
    throw new UsageError(
      'open',
      `${file} is not a valid mailmedic session: ${fieldName(error)} ${missing ? 'is missing' : (error.message ?? 'is invalid')}`,
    );
  }
  return gateSession(value as Session);
};

export const readSessionFile = async (file: string): Promise<Session> =>
  parseSessionText(file, await readBoundedFile('open', file));
