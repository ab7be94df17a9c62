import type { IField, IOneOf, IType } from 'protobufjs';

/** Builds a singular field of a scalar type or of a message in this schema. */
export function field(type: string, id: number): IField {
  return { type, id };
}

export function repeated(type: string, id: number): IField {
  return { rule: 'repeated', type, id };
}

/**
 * Builds a proto3 message descriptor. `oneofs` maps each oneof name to its
 * member fields. A proto3 `optional` field is a oneof with one member, which
 * is how protoc itself records explicit presence.
 */
export function message(
  fields: Record<string, IField>,
  oneofs: Record<string, readonly string[]> = {},
): IType {
  const descriptor: IType = { edition: 'proto3', fields };
  const entries = Object.entries(oneofs);

  if (entries.length > 0) {
    descriptor.oneofs = Object.fromEntries(
      entries.map(([name, members]): [string, IOneOf] => [
        name,
        { oneof: [...members] },
      ]),
    );
  }
  return descriptor;
}

export function enumeration(values: Record<string, number>): {
  values: Record<string, number>;
} {
  return { values };
}
