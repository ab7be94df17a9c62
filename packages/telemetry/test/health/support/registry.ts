import { createRegistry } from '../../../src/health/create.js';
import type { HealthRegistry } from '../../../src/health/registry.js';
import { type Clock, SYSTEM_CLOCK } from '../../../src/health/run-check.js';
import type { HealthRegistryOptions } from '../../../src/health/types.js';

/** A clock that moves only when a test says so. */
export class ManualClock implements Clock {
  private millis = 1_000;

  monotonic(): number {
    return this.millis;
  }

  wall(): number {
    return 1_700_000_000_000 + this.millis;
  }

  advance(millis: number): void {
    this.millis += millis;
  }
}

/**
 * Creates a registry from options alone, with no `SEDA_HEALTH_*` variable
 * of the test process, and without background runs unless asked for.
 */
export function testRegistry(
  options: HealthRegistryOptions = {},
  clock: Clock = SYSTEM_CLOCK,
): HealthRegistry {
  return createRegistry({ intervalMillis: 0, ...options }, {}, clock);
}
