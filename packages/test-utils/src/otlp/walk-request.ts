import type { AttributeMap, ReceivedScope } from '../types.js';
import { readResource, readScope } from './any-value.js';
import { readArray, readObject, type WireObject } from './wire-values.js';

/** The keys of one signal's resource → scope → item nesting. */
export interface RequestLayout {
  resourceKey: string;
  scopeKey: string;
  itemKey: string;
}

export type ItemReader<T> = (
  item: unknown,
  path: string,
  resource: AttributeMap,
  scope: ReceivedScope,
) => T[];

/**
 * Visits every item (span, metric or log record) of an export request and
 * concatenates what `readItem` returns for each, in request order. Items of
 * one resource share its attribute object, and items of one scope share the
 * scope object.
 */
export function walkRequest<T>(
  request: WireObject,
  layout: RequestLayout,
  readItem: ItemReader<T>,
): T[] {
  const rows: T[] = [];
  const resources = readArray(request[layout.resourceKey], layout.resourceKey);

  resources.forEach((resourceItem, r) => {
    const path = `${layout.resourceKey}[${r}]`;
    const entry = readObject(resourceItem, path);
    const resource = readResource(entry.resource, `${path}.resource`);
    const scopes = readArray(
      entry[layout.scopeKey],
      `${path}.${layout.scopeKey}`,
    );

    scopes.forEach((scopeItem, s) => {
      const scopePath = `${path}.${layout.scopeKey}[${s}]`;
      const scopeEntry = readObject(scopeItem, scopePath);
      const scope = readScope(scopeEntry.scope, `${scopePath}.scope`);
      const itemsPath = `${scopePath}.${layout.itemKey}`;
      const items = readArray(scopeEntry[layout.itemKey], itemsPath);

      items.forEach((item, i) => {
        rows.push(...readItem(item, `${itemsPath}[${i}]`, resource, scope));
      });
    });
  });
  return rows;
}
