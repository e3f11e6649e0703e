// What every engine's send() returns: the bytes for the wire and what the transcript may show.
// Secrets are declared here, where the command is built, never searched for afterwards.
export interface Outgoing<Verb extends string = string> {
  verb: Verb;
  /** The verb the server will see (RAW lines are parsed for it; "" for a SASL response). */
  wireVerb: string;
  bytes: Buffer;
  /** What the transcript shows, one entry a line; masked where secret. */
  display: string[];
  secret: boolean;
  /** Forms of any secret this command carried, for masking echoes. */
  secrets: string[];
  /** Things worth telling the user about what was sent (long lines, 8-bit data...). */
  warnings: string[];
}
