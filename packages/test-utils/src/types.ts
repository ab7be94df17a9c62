/** One of the three OTLP signals, as in the `/v1/<signal>` request path. */
export type OtlpSignal = 'traces' | 'metrics' | 'logs';

/** The body encoding of an OTLP/HTTP request. */
export type OtlpEncoding = 'protobuf' | 'json';

/**
 * The way the receiver responds to export requests.
 * - `accept`: decode, store and respond 200, as a healthy collector does.
 * - `refuse`: respond 503, which OTLP exporters treat as retryable.
 * - `reject`: respond 400, which OTLP exporters treat as a permanent failure.
 * - `hang`: read the request and never respond, until `close()`.
 * - `discard`: respond 200 without decoding or storing, for benchmarks: a
 *   collector on another machine costs the sender only the request.
 *
 * Only `accept` stores telemetry, but every mode records the request.
 */
export type ReceiverMode = 'accept' | 'refuse' | 'reject' | 'hang' | 'discard';

/**
 * Attributes with each OTLP `AnyValue` turned into a JavaScript value:
 * string, boolean, number (`doubleValue`, and `intValue` within the safe
 * integer range), bigint (`intValue` beyond it), `Uint8Array`
 * (`bytesValue`), array (`arrayValue`), plain object (`kvlistValue`), or
 * `null` (an empty `AnyValue`).
 */
export type AttributeMap = Record<string, unknown>;

export interface ReceivedScope {
  name: string;
  /** Absent when the exporter sent an empty version. */
  version?: string;
  /** Absent when the scope has no attributes. */
  attributes?: AttributeMap;
}

/**
 * OTLP `SPAN_KIND_UNSPECIFIED` is reported as `INTERNAL`, which the
 * specification allows receivers to assume.
 */
export type ReceivedSpanKind =
  'INTERNAL' | 'SERVER' | 'CLIENT' | 'PRODUCER' | 'CONSUMER';

export interface ReceivedSpanEvent {
  name: string;
  timeUnixNano: bigint;
  attributes: AttributeMap;
  droppedAttributesCount: number;
}

export interface ReceivedSpanLink {
  traceId: string;
  spanId: string;
  /** Absent when empty. */
  traceState?: string;
  attributes: AttributeMap;
  droppedAttributesCount: number;
}

/** A span as the receiver decoded it, with ids as lowercase hex strings. */
export interface ReceivedSpan {
  traceId: string;
  spanId: string;
  /** Absent for a root span. */
  parentSpanId?: string;
  /** Absent when empty. */
  traceState?: string;
  /** W3C trace flags and the OTLP `SpanFlags` bits, or 0 when not sent. */
  flags: number;
  name: string;
  kind: ReceivedSpanKind;
  startTimeUnixNano: bigint;
  endTimeUnixNano: bigint;
  attributes: AttributeMap;
  droppedAttributesCount: number;
  events: ReceivedSpanEvent[];
  droppedEventsCount: number;
  links: ReceivedSpanLink[];
  droppedLinksCount: number;
  status: { code: 'UNSET' | 'OK' | 'ERROR'; message?: string };
  resource: AttributeMap;
  scope: ReceivedScope;
}

export type MetricPointType =
  'sum' | 'gauge' | 'histogram' | 'exponentialHistogram' | 'summary';

export interface ExponentialBuckets {
  offset: number;
  bucketCounts: number[];
}

export interface ReceivedExemplar {
  timeUnixNano: bigint;
  value: number;
  traceId?: string;
  spanId?: string;
  filteredAttributes: AttributeMap;
}

/**
 * One data point of a metric, with its metric's fields repeated on it.
 * Fields that do not apply to the point's `type` are absent, and so are
 * `exemplars` when there are none.
 */
export interface ReceivedMetricPoint {
  name: string;
  unit: string;
  description: string;
  type: MetricPointType;
  /** `sum` only. */
  monotonic?: boolean;
  /** `sum`, `histogram` and `exponentialHistogram`, when specified. */
  temporality?: 'delta' | 'cumulative';
  attributes: AttributeMap;
  /** `sum` and `gauge`: the point's `asDouble` or `asInt`. */
  value?: number;
  /** `histogram`, `exponentialHistogram` and `summary`. */
  count?: number;
  /** Absent on histograms that did not send it. */
  sum?: number;
  min?: number;
  max?: number;
  /** `histogram`: per-bucket counts, not cumulative, one more than bounds. */
  bucketCounts?: number[];
  explicitBounds?: number[];
  /** `exponentialHistogram` only, like the next four fields. */
  scale?: number;
  zeroCount?: number;
  zeroThreshold?: number;
  positive?: ExponentialBuckets;
  negative?: ExponentialBuckets;
  /** `summary` only. */
  quantileValues?: { quantile: number; value: number }[];
  /** OTLP `DataPointFlags`, where bit 0 means that no value was recorded. */
  flags: number;
  exemplars?: ReceivedExemplar[];
  startTimeUnixNano: bigint;
  timeUnixNano: bigint;
  resource: AttributeMap;
  scope: ReceivedScope;
}

export interface ReceivedLogRecord {
  timeUnixNano: bigint;
  observedTimeUnixNano: bigint;
  severityNumber: number;
  severityText: string;
  /** The body as an attribute value, absent when the record has none. */
  body?: unknown;
  attributes: AttributeMap;
  droppedAttributesCount: number;
  traceId?: string;
  spanId?: string;
  flags: number;
  eventName?: string;
  resource: AttributeMap;
  scope: ReceivedScope;
}

/** One HTTP request that reached the receiver, whatever its outcome. */
export interface ReceivedRequest {
  method: string;
  path: string;
  /** Absent when the path is not an OTLP signal path. */
  signal?: OtlpSignal;
  /** The `Content-Type` header as sent, or null. */
  contentType: string | null;
  /** Absent when the content type is neither protobuf nor JSON. */
  encoding?: OtlpEncoding;
  /** The `Content-Encoding` header as sent, or null. */
  contentEncoding: string | null;
  /** Body size on the wire, before decompression. */
  byteLength: number;
  /** The HTTP status of the response, or null while the request hangs. */
  status: number | null;
  /** The `google.rpc.Status` message of a 4xx or 5xx response. */
  error?: string;
  /** How many spans, metric points or log records the request carried. */
  itemCount: number;
}

/** A snapshot of what the receiver holds, passed to `waitFor` checks. */
export interface ReceivedTelemetry {
  spans: ReceivedSpan[];
  metrics: ReceivedMetricPoint[];
  logs: ReceivedLogRecord[];
  requests: ReceivedRequest[];
}

export interface WaitForOptions {
  /** How long to wait before rejecting. Default 3000. */
  timeoutMillis?: number;
  /** Opens the rejection message, to say what the test waited for. */
  message?: string;
}

export interface WaitForSpansOptions extends WaitForOptions {
  /** Minimum number of matching spans. Default 1. */
  count?: number;
}

/**
 * Selects spans: every given field must match. A string `name` must be equal,
 * a RegExp must match. Attribute values compare by deep equality, except that
 * a RegExp tests a string value.
 */
export type SpanFilter =
  | {
      name?: string | RegExp;
      kind?: ReceivedSpanKind;
      traceId?: string;
      attributes?: Record<string, unknown>;
    }
  | ((span: ReceivedSpan) => boolean);

/** Selects the points of one metric, like `SpanFilter` selects spans. */
export type MetricPointFilter =
  | { type?: MetricPointType; attributes?: Record<string, unknown> }
  | ((point: ReceivedMetricPoint) => boolean);

export interface OtlpReceiverOptions {
  /** Interface to listen on. Default `127.0.0.1`. */
  host?: string;
  /** TCP port. Default 0, which lets the system pick a free port. */
  port?: number;
}

export interface OtlpReceiver {
  /** Base URL, such as `http://127.0.0.1:40123`. */
  readonly url: string;
  /** Full URL of a signal, such as `http://127.0.0.1:40123/v1/traces`. */
  endpoint(signal: OtlpSignal): string;
  spans(): ReceivedSpan[];
  metrics(): ReceivedMetricPoint[];
  logs(): ReceivedLogRecord[];
  requests(): ReceivedRequest[];
  /** Forgets everything received but keeps the mode. */
  reset(): void;
  setMode(mode: ReceiverMode): void;
  mode(): ReceiverMode;
  /**
   * Resolves with the first value other than `undefined`, `null` or `false`
   * that `check` returns, checking now and again after each request. A check
   * that throws counts as not yet satisfied, and the last error thrown goes
   * into the rejection message with a list of what did arrive.
   */
  waitFor<T>(
    check: (received: ReceivedTelemetry) => T,
    options?: WaitForOptions,
  ): Promise<Exclude<T, undefined | null | false>>;
  /** Resolves with all matching spans once there are `count` of them. */
  waitForSpans(
    filter?: SpanFilter,
    options?: WaitForSpansOptions,
  ): Promise<ReceivedSpan[]>;
  /** Resolves with all points of the metric that match, once one does. */
  waitForMetric(
    name: string,
    filter?: MetricPointFilter,
    options?: WaitForOptions,
  ): Promise<ReceivedMetricPoint[]>;
  /**
   * Stops listening, ends every open connection (hanging ones included) and
   * rejects pending waits.
   */
  close(): Promise<void>;
}
