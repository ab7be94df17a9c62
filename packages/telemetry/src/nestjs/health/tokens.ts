/** Injection token of the module's `HealthRegistry`, to register more checks. */
export const HEALTH_REGISTRY = Symbol.for('@seda/telemetry.health-registry');

/** Injection token of the resolved module options. */
export const HEALTH_MODULE_OPTIONS = Symbol.for(
  '@seda/telemetry.health-options',
);

/** Injection token of the endpoints the controller serves. */
export const HEALTH_ENDPOINTS = Symbol.for('@seda/telemetry.health-endpoints');
