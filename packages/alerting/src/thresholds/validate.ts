import { invalidFieldReason } from './field-values.js';
import { ALERT_SCHEMA, type FieldKind } from './schema.js';

/** A Kubernetes object name (DNS subdomain). */
const OBJECT_NAME = /^[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?$/;
/** A Kubernetes label key, with an optional DNS prefix. */
const LABEL_KEY =
  /^([a-z0-9]([-a-z0-9.]*[a-z0-9])?\/)?[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$/;
const LABEL_VALUE = /^([A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?)?$/;

type Record_ = Record<string, unknown>;

/**
 * Lists every problem of a parsed thresholds file: unknown keys, invalid
 * values and, unless `partial` (an override file), missing keys. Each
 * problem names the key path and the expected value.
 */
export function thresholdProblems(value: unknown, partial: boolean): string[] {
  const problems: string[] = [];
  if (!isRecord(value)) {
    return ['the file must be a mapping with runbookUrl, operator and alerts'];
  }

  checkKeys(value, ['runbookUrl', 'operator', 'alerts'], '', partial, problems);
  if (value.runbookUrl !== undefined)
    checkRunbookUrl(value.runbookUrl, problems);
  if (value.operator !== undefined) {
    checkOperator(value.operator, partial, problems);
  }
  if (value.alerts !== undefined) checkAlerts(value.alerts, partial, problems);
  return problems;
}

function checkRunbookUrl(value: unknown, problems: string[]): void {
  if (typeof value !== 'string' || !/^\S+$/.test(value)) {
    problems.push(
      `runbookUrl: invalid value ${show(value)}: use a URL or path without spaces`,
    );
  }
}

function checkOperator(value: unknown, partial: boolean, problems: string[]) {
  if (!isRecord(value)) {
    problems.push('operator: expected a mapping with name and labels');
    return;
  }
  checkKeys(value, ['name', 'labels'], 'operator.', partial, problems);
  if (value.name !== undefined && !isObjectName(value.name)) {
    problems.push(
      `operator.name: invalid value ${show(value.name)}: use a Kubernetes object name (lower-case letters, digits, - and .)`,
    );
  }
  if (value.labels !== undefined) checkLabels(value.labels, problems);
}

function checkLabels(value: unknown, problems: string[]): void {
  if (!isRecord(value)) {
    problems.push(
      'operator.labels: expected a mapping of label names to values',
    );
    return;
  }
  for (const [key, label] of Object.entries(value)) {
    if (!LABEL_KEY.test(key)) {
      problems.push(`operator.labels: invalid label name ${show(key)}`);
    } else if (typeof label !== 'string' || !LABEL_VALUE.test(label)) {
      problems.push(
        `operator.labels.${key}: invalid value ${show(label)}: use up to 63 letters, digits, -, _ or .`,
      );
    }
  }
}

function checkAlerts(value: unknown, partial: boolean, problems: string[]) {
  if (!isRecord(value)) {
    problems.push('alerts: expected a mapping of alert names to settings');
    return;
  }
  checkKeys(value, Object.keys(ALERT_SCHEMA), 'alerts.', partial, problems);
  for (const [alert, fields] of Object.entries(ALERT_SCHEMA)) {
    const settings = value[alert];
    if (settings === undefined) continue;
    checkAlert(alert, fields, settings, partial, problems);
  }
}

function checkAlert(
  alert: string,
  fields: Readonly<Record<string, FieldKind>>,
  settings: unknown,
  partial: boolean,
  problems: string[],
): void {
  const path = `alerts.${alert}`;
  if (!isRecord(settings)) {
    problems.push(`${path}: expected a mapping of settings`);
    return;
  }
  checkKeys(settings, Object.keys(fields), `${path}.`, partial, problems);
  for (const [field, kind] of Object.entries(fields)) {
    const setting = settings[field];
    if (setting === undefined) continue;
    const reason = invalidFieldReason(kind, setting);
    if (reason !== undefined) {
      problems.push(
        `${path}.${field}: invalid value ${show(setting)}: use ${reason}`,
      );
    }
  }
}

function checkKeys(
  value: Record_,
  known: readonly string[],
  path: string,
  partial: boolean,
  problems: string[],
): void {
  for (const key of Object.keys(value)) {
    if (!known.includes(key)) {
      problems.push(
        `${path}${key}: unknown key; known keys: ${known.join(', ')}`,
      );
    }
  }
  if (partial) return;
  for (const key of known) {
    if (value[key] === undefined) problems.push(`${path}${key}: missing`);
  }
}

function isObjectName(value: unknown): boolean {
  return typeof value === 'string' && OBJECT_NAME.test(value);
}

function isRecord(value: unknown): value is Record_ {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function show(value: unknown): string {
  return JSON.stringify(value) ?? String(value);
}
