import { describe, expect, it } from 'vitest';
import { OTHER } from '../../src/business/attribute-values.js';
import {
  BUSINESS_INSTRUMENTS,
  DATABASE_GAUGES,
  EVENT_COUNTERS,
  PRODUCT_EVENTS,
} from '../../src/business/instrument-table.js';
import { renderBusinessReference } from '../../src/business/reference.js';

const reference = renderBusinessReference();
// The metric table comes first, then a blank line and the event table.
const [metricRows, eventRows] = reference
  .split('\n\n')
  .map((table) => table.split('\n').filter((line) => line.startsWith('| `')));

/** Returns the cells of the one row of `table` whose first cell names `name`. */
function rowOf(table: readonly string[] | undefined, name: string): string[] {
  const matching = (table ?? []).filter((row) =>
    row.startsWith(`| \`${name}\` |`),
  );
  expect(matching, name).toHaveLength(1);
  return matching[0]!.split(' | ');
}

describe('renderBusinessReference', () => {
  it('matches the committed reference', async () => {
    // `vitest -u` rewrites the file after a change to the table.
    await expect(reference).toMatchFileSnapshot('../../../../docs/reference/business-metrics.md');
  });

  it('has one row per instrument with its table entry', () => {
    for (const instrument of BUSINESS_INSTRUMENTS) {
      const [, kind, unit, attributes, description] = rowOf(
        metricRows,
        instrument.name,
      );

      expect(kind, instrument.name).toBe(instrument.kind);
      expect(unit, instrument.name).toBe(`\`${instrument.unit}\``);
      expect(description, instrument.name).toBe(`${instrument.description} |`);
      for (const [key, spec] of Object.entries(instrument.attributes)) {
        expect(attributes, instrument.name).toContain(`\`${key}\``);
        if (spec.type !== 'enum') continue;
        for (const value of [...spec.values, OTHER]) {
          expect(attributes, `${instrument.name} ${key}`).toContain(
            `\`${value}\``,
          );
        }
      }
    }
  });

  it('has one row per product event', () => {
    for (const event of Object.values(PRODUCT_EVENTS)) {
      const [, attributes] = rowOf(eventRows, event.name);

      for (const key of Object.keys(event.attributes)) {
        expect(attributes, event.name).toContain(`\`${key}\``);
      }
    }
  });

  it('lists nothing the table lacks', () => {
    expect(metricRows).toHaveLength(BUSINESS_INSTRUMENTS.length);
    expect(eventRows).toHaveLength(Object.keys(PRODUCT_EVENTS).length);
  });
});

describe('instrument table', () => {
  const names = BUSINESS_INSTRUMENTS.map((instrument) => instrument.name);

  it('declares every name once', () => {
    expect(new Set(names).size).toBe(names.length);
  });

  it('names everything under seda in lowercase dotted form', () => {
    for (const name of [
      ...names,
      ...Object.values(PRODUCT_EVENTS).map((e) => e.name),
    ]) {
      expect(name).toMatch(/^seda(\.[a-z][a-z0-9_]*)+$/);
    }
  });

  it('uses UCUM units', () => {
    for (const instrument of BUSINESS_INSTRUMENTS) {
      expect(instrument.unit, instrument.name).toMatch(/^(\{[a-z]+\}|1|s)$/);
    }
  });

  it('declares bounded metric attributes only', () => {
    for (const instrument of BUSINESS_INSTRUMENTS) {
      for (const [key, spec] of Object.entries(instrument.attributes)) {
        expect(['enum', 'flag', 'sdk'], `${instrument.name} ${key}`).toContain(
          spec.type,
        );
        expect(key, instrument.name).not.toMatch(
          /user\.(id|email|name)|text|title/,
        );
      }
    }
  });

  it('keeps counters and gauges apart', () => {
    expect(
      Object.values(EVENT_COUNTERS).every((c) => c.kind === 'counter'),
    ).toBe(true);
    expect(
      Object.values(DATABASE_GAUGES).every((g) => g.kind === 'gauge'),
    ).toBe(true);
  });
});
