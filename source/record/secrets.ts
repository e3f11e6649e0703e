// Secrets are declared when a command is built (the engines return every form of the secret
// they put on the wire). The recorder masks those forms wherever they reappear, for instance in
// a server reply that echoes what it received. Nothing here searches for things that look secret.
import { MASK } from '../protocols/common/sasl.js';

/** Shorter strings would mask ordinary words; the command itself is masked regardless. */
const MIN_ECHO_LENGTH = 3;

export class SecretRegistry {
  private readonly forms = new Set<string>();
  private sorted: string[] = [];

  add(forms: Iterable<string>): void {
    const before = this.forms.size;
    for (const form of forms) if (form.length >= MIN_ECHO_LENGTH) this.forms.add(form);
    if (this.forms.size !== before)
      this.sorted = [...this.forms].sort((a, b) => b.length - a.length);
  }

  get size(): number {
    return this.forms.size;
  }

  /** Replaces every registered form, longest first so a base64 blob is masked whole. */
  mask(text: string): string {
    if (this.forms.size === 0) return text;
    let out = text;
    for (const form of this.sorted) {
      if (out.includes(form)) out = out.split(form).join(MASK);
    }
    return out;
  }

  contains(text: string): boolean {
    for (const form of this.forms) if (text.includes(form)) return true;
    return false;
  }
}
