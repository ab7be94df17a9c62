import protobuf from 'protobufjs';

import { collectorTypes } from './schema-collector.js';
import { commonTypes } from './schema-common.js';
import { logTypes } from './schema-logs.js';
import { metricTypes } from './schema-metrics.js';
import { traceTypes } from './schema-traces.js';
import type { OtlpSignal } from '../types.js';

/**
 * All OTLP messages live in one flat `otlp` namespace instead of the
 * `opentelemetry.proto.*.v1` packages, because the wire format carries field
 * numbers, not type names, and a flat namespace keeps references short.
 */
const root = protobuf.Root.fromJSON({
  nested: {
    otlp: {
      nested: {
        ...commonTypes,
        ...traceTypes,
        ...metricTypes,
        ...logTypes,
        ...collectorTypes,
      },
    },
  },
});

function lookup(name: string): protobuf.Type {
  return root.lookupType(`otlp.${name}`);
}

export const exportRequestTypes: Record<OtlpSignal, protobuf.Type> = {
  traces: lookup('ExportTraceServiceRequest'),
  metrics: lookup('ExportMetricsServiceRequest'),
  logs: lookup('ExportLogsServiceRequest'),
};

export const exportResponseTypes: Record<OtlpSignal, protobuf.Type> = {
  traces: lookup('ExportTraceServiceResponse'),
  metrics: lookup('ExportMetricsServiceResponse'),
  logs: lookup('ExportLogsServiceResponse'),
};

export const rpcStatusType: protobuf.Type = lookup('RpcStatus');
