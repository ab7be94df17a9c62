/** Severities, from the one that pages to the one that only posts in chat. */
export const SEVERITIES = ['critical', 'high', 'medium', 'low'] as const;

export type Severity = (typeof SEVERITIES)[number];

/** The TypeScript type of each kind of threshold value. */
export interface FieldTypes {
  severity: Severity;
  /** A Prometheus duration, `0s` allowed. */
  duration: string;
  /** A Prometheus duration above zero, for rate windows and offsets. */
  window: string;
  /** A share from 0 to 1. */
  ratio: number;
  /** A quantile above 0 and below 1. */
  quantile: number;
  /** A number of 0 or more. */
  nonNegative: number;
  /** A number above 0. */
  positive: number;
  /** A non-empty list of `health.check.kind` values. */
  checkKinds: readonly string[];
}

export type FieldKind = keyof FieldTypes;

/** Every alert's settings and the kind of each; the types follow from it. */
export const ALERT_SCHEMA = {
  SedaHighErrorRate: {
    severity: 'severity',
    for: 'duration',
    window: 'window',
    maxErrorRatio: 'ratio',
    minRequestsPerSecond: 'nonNegative',
  },
  SedaSlowResponses: {
    severity: 'severity',
    for: 'duration',
    window: 'window',
    quantile: 'quantile',
    maxSeconds: 'positive',
    minRequestsPerSecond: 'nonNegative',
  },
  SedaDatabaseDown: {
    severity: 'severity',
    for: 'duration',
    checkKinds: 'checkKinds',
  },
  SedaCriticalHealthCheckDown: { severity: 'severity', for: 'duration' },
  SedaHighMemory: { severity: 'severity', for: 'duration', maxRatio: 'ratio' },
  SedaWebSocketConnectionsDropped: {
    severity: 'severity',
    for: 'duration',
    minConnections: 'nonNegative',
    maxDropRatio: 'ratio',
    comparedWith: 'window',
  },
  SedaAuthFailureSpike: {
    severity: 'severity',
    for: 'duration',
    window: 'window',
    minPerSecond: 'nonNegative',
    spikeFactor: 'positive',
    baselineWindow: 'window',
  },
  SedaTelemetryExportFailing: {
    severity: 'severity',
    for: 'duration',
    window: 'window',
    maxFailureRatio: 'ratio',
  },
  SedaTelemetryDropped: {
    severity: 'severity',
    for: 'duration',
    window: 'window',
    maxDropRatio: 'ratio',
  },
  SedaTargetDown: {
    severity: 'severity',
    for: 'duration',
    lookback: 'window',
  },
  SedaServiceNotReporting: {
    severity: 'severity',
    for: 'duration',
    lookback: 'window',
  },
} as const satisfies Record<string, Record<string, FieldKind>>;

export type AlertName = keyof typeof ALERT_SCHEMA;

type SettingsOf<Fields extends Record<string, FieldKind>> = {
  readonly [F in keyof Fields]: FieldTypes[Fields[F]];
};

export type AlertThresholds = {
  readonly [A in AlertName]: SettingsOf<(typeof ALERT_SCHEMA)[A]>;
};

/** The settings of the PrometheusRule manifests. */
export interface OperatorSettings {
  /** `metadata.name`, a Kubernetes object name. */
  readonly name: string;
  /** `metadata.labels`, which the Prometheus `ruleSelector` must match. */
  readonly labels: Readonly<Record<string, string>>;
}

/** The contents of `rules/thresholds.yaml`, validated. */
export interface Thresholds {
  /** Base of each alert's `runbook_url`; the alert's anchor is appended. */
  readonly runbookUrl: string;
  readonly operator: OperatorSettings;
  readonly alerts: AlertThresholds;
}
