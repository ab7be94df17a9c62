import type { AnyNestedObject } from 'protobufjs';

import { field, message, repeated } from './schema-builder.js';

/**
 * Messages of `opentelemetry/proto/common/v1/common.proto` and
 * `resource/v1/resource.proto` (OTLP 1.x). Field names are the lowerCamelCase
 * keys of OTLP/JSON, so protobuf and JSON payloads share one object shape.
 * Fields that only the profiles signal uses are left out.
 */
export const commonTypes: Record<string, AnyNestedObject> = {
  AnyValue: message(
    {
      stringValue: field('string', 1),
      boolValue: field('bool', 2),
      intValue: field('int64', 3),
      doubleValue: field('double', 4),
      arrayValue: field('ArrayValue', 5),
      kvlistValue: field('KeyValueList', 6),
      bytesValue: field('bytes', 7),
    },
    {
      value: [
        'stringValue',
        'boolValue',
        'intValue',
        'doubleValue',
        'arrayValue',
        'kvlistValue',
        'bytesValue',
      ],
    },
  ),
  ArrayValue: message({ values: repeated('AnyValue', 1) }),
  KeyValueList: message({ values: repeated('KeyValue', 1) }),
  KeyValue: message({
    key: field('string', 1),
    value: field('AnyValue', 2),
  }),
  InstrumentationScope: message({
    name: field('string', 1),
    version: field('string', 2),
    attributes: repeated('KeyValue', 3),
    droppedAttributesCount: field('uint32', 4),
  }),
  EntityRef: message({
    schemaUrl: field('string', 1),
    type: field('string', 2),
    idKeys: repeated('string', 3),
    descriptionKeys: repeated('string', 4),
  }),
  Resource: message({
    attributes: repeated('KeyValue', 1),
    droppedAttributesCount: field('uint32', 2),
    entityRefs: repeated('EntityRef', 3),
  }),
};
