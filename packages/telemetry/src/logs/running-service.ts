/**
 * Global key of the running SDK's `service.name`. A symbol registry key, so
 * that the ES module and CommonJS builds of this package, which an
 * application can load side by side, see one value.
 */
const SERVICE_NAME = Symbol.for('@seda/telemetry.service-name');

interface ServiceNameHolder {
  [SERVICE_NAME]?: string;
}

/** Publishes the running SDK's `service.name` to the logger factories. */
export function publishServiceName(name: string): () => void {
  const holder = globalThis as ServiceNameHolder;
  holder[SERVICE_NAME] = name;
  return () => {
    if (holder[SERVICE_NAME] === name) delete holder[SERVICE_NAME];
  };
}

/** Returns the running SDK's `service.name`, or `undefined` when none runs. */
export function runningServiceName(): string | undefined {
  return (globalThis as ServiceNameHolder)[SERVICE_NAME];
}
