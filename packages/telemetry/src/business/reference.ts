import { OTHER } from './attribute-values.js';
import type {
  EventAttribute,
  EventDefinition,
  InstrumentDefinition,
  MetricAttribute,
} from './definitions.js';
import { BUSINESS_INSTRUMENTS, PRODUCT_EVENTS } from './instrument-table.js';

/**
 * Renders the instrument table as Markdown: one table of the metric
 * instruments and one of the product events, with every attribute and the
 * values it may take.
 */
export function renderBusinessReference(): string {
  const metricRows = BUSINESS_INSTRUMENTS.map(metricRow);
  const eventRows = Object.values(PRODUCT_EVENTS).map(eventRow);
  return [
    '| instrument | kind | unit | attributes | description |',
    '| --- | --- | --- | --- | --- |',
    ...metricRows,
    '',
    '| product event | attributes | description |',
    '| --- | --- | --- |',
    ...eventRows,
    '',
  ].join('\n');
}

function metricRow(instrument: InstrumentDefinition): string {
  const cells = [
    code(instrument.name),
    instrument.kind,
    code(instrument.unit),
    attributeCell(instrument.attributes),
    instrument.description,
  ];
  return `| ${cells.join(' | ')} |`;
}

function eventRow(event: EventDefinition): string {
  const cells = [
    code(event.name),
    attributeCell(event.attributes),
    event.description,
  ];
  return `| ${cells.join(' | ')} |`;
}

type AnyAttribute = EventAttribute | MetricAttribute;

function attributeCell(
  attributes: Readonly<Record<string, AnyAttribute>>,
): string {
  const lines = Object.entries(attributes).map(
    ([key, spec]) => `${code(key)}: ${describeValues(spec)}`,
  );
  return lines.length === 0 ? 'none' : lines.join('<br>');
}

function describeValues(spec: AnyAttribute): string {
  switch (spec.type) {
    case 'enum':
      return [...spec.values, OTHER].map(code).join(', ');
    case 'flag':
      return `${code('true')}, ${code('false')}`;
    case 'sdk':
      return spec.description;
    case 'text':
      return `text, ${spec.description}`;
    case 'number':
      return `number in ${code(spec.unit)}, ${spec.description}`;
    case 'pseudonym':
      return 'HMAC-SHA-256 of the user id, hexadecimal';
  }
}

function code(text: string): string {
  return `\`${text}\``;
}
