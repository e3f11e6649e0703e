// Named problems the DNS step can find. Ids are stable (rules, reports and tests key on them);
// titles say what is wrong in one line, details say it for this domain with the evidence.
export type DnsSeverity = 'error' | 'warning' | 'info';

export interface DnsProblem {
  id: string;
  severity: DnsSeverity;
  title: string;
  detail: string;
}

export class ProblemList {
  readonly items: DnsProblem[] = [];

  add(id: string, severity: DnsSeverity, title: string, detail: string): void {
    this.items.push({ id, severity, title, detail });
  }

  has(id: string): boolean {
    return this.items.some((p) => p.id === id);
  }
}

/** At most `max` items, then "and N more", so a detail stays one readable sentence. */
export const listSome = (items: readonly string[], max = 5): string =>
  items.length <= max
    ? items.join(', ')
    : `${items.slice(0, max).join(', ')} and ${items.length - max} more`;
