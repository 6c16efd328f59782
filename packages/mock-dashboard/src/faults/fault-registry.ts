import { type ActiveFault, type FaultRule, faultRuleSchema } from './fault-schema.ts';
import { seededRandom } from './rng.ts';

export const DEFAULT_FAULT_SEED = 1;

/** The installed fault rules; the first matching rule that fires wins. */
export class FaultRegistry {
  private rules: ActiveFault[] = [];
  private random: () => number;
  private nextId = 1;

  constructor(seed: number = DEFAULT_FAULT_SEED) {
    this.random = seededRandom(seed);
  }

  /** Validates and installs a rule; throws a ZodError on an invalid one. */
  add(rule: FaultRule): ActiveFault {
    const parsed = faultRuleSchema.parse(rule);
    const active: ActiveFault = {
      ...parsed,
      id: `fault-${this.nextId++}`,
      toSkip: parsed.skip ?? 0,
      remaining: parsed.times ?? null,
    };
    this.rules.push(active);
    return active;
  }

  list(): readonly ActiveFault[] {
    return this.rules;
  }

  remove(id: string): boolean {
    const before = this.rules.length;
    this.rules = this.rules.filter((r) => r.id !== id);
    return this.rules.length < before;
  }

  clear(): void {
    this.rules = [];
  }

  reseed(seed: number): void {
    this.random = seededRandom(seed);
  }

  /** The rule to apply to this call, if any; counts the firing against `times`. */
  take(target: ActiveFault['target'], method: string, path: string): ActiveFault | undefined {
    for (const rule of this.rules) {
      if (rule.target !== target || !methodMatches(rule.method, method) || !globMatches(rule.path, path))
        continue;
      if (rule.toSkip > 0) {
        rule.toSkip--;
        continue;
      }
      // The RNG is drawn only for probabilistic rules, so adding one does not shift the others.
      if (rule.probability !== undefined && this.random() >= rule.probability) continue;
      if (rule.remaining !== null) {
        rule.remaining--;
        if (rule.remaining <= 0) this.remove(rule.id);
      }
      return rule;
    }
    return undefined;
  }
}

function methodMatches(pattern: string, method: string): boolean {
  return pattern === '*' || pattern.toUpperCase() === method.toUpperCase();
}

const globCache = new Map<string, RegExp>();

export function globMatches(glob: string, path: string): boolean {
  let pattern = globCache.get(glob);
  if (!pattern) {
    const source = glob.split('*').map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'));
    pattern = new RegExp(`^${source.join('.*')}$`);
    globCache.set(glob, pattern);
  }
  return pattern.test(path);
}
