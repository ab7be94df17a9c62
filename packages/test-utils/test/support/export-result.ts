import { ExportResultCode, type ExportResult } from '@opentelemetry/core';

import type { OtlpReceiver } from '../../src/index.js';

interface CallbackExporter<T> {
  export(items: T, resultCallback: (result: ExportResult) => void): void;
  shutdown(): Promise<void>;
}

/** Runs one export, shuts the exporter down and resolves with the result. */
export async function exportOnce<T>(
  exporter: CallbackExporter<T>,
  items: T,
): Promise<ExportResult> {
  const result = await new Promise<ExportResult>((resolve) => {
    exporter.export(items, resolve);
  });

  await exporter.shutdown();
  return result;
}

/** Like `exportOnce`, but throws unless the export succeeded. */
export async function exportOrThrow<T>(
  exporter: CallbackExporter<T>,
  items: T,
): Promise<void> {
  const result = await exportOnce(exporter, items);

  if (result.code !== ExportResultCode.SUCCESS) {
    throw result.error ?? new Error('export failed without an error');
  }
}

/**
 * Exports `items` once through each exporter with the receiver in `discard`
 * mode, then returns the item count that the receiver recorded for each
 * request, and leaves the receiver in `accept` mode.
 */
export async function countWithoutDecoding<T>(
  receiver: OtlpReceiver,
  exporters: readonly CallbackExporter<T>[],
  items: T,
): Promise<number[]> {
  receiver.setMode('discard');
  try {
    receiver.reset();
    for (const exporter of exporters) await exportOrThrow(exporter, items);
    return receiver.requests().map((request) => request.itemCount);
  } finally {
    receiver.setMode('accept');
  }
}

export function hrTimeToNanos([seconds, nanos]: [number, number]): bigint {
  return BigInt(seconds) * 1_000_000_000n + BigInt(nanos);
}
