import { MetricReader } from '@opentelemetry/sdk-metrics';

/** A metric reader that collects only when a test asks. */
export class OnDemandReader extends MetricReader {
  protected override onForceFlush(): Promise<void> {
    return Promise.resolve();
  }

  protected override onShutdown(): Promise<void> {
    return Promise.resolve();
  }
}

/** Collects and returns the data points of every metric by name. */
export async function pointsOf(
  reader: MetricReader,
): Promise<Map<string, { attributes: unknown; value: unknown }[]>> {
  const { resourceMetrics } = await reader.collect();
  const byName = new Map<string, { attributes: unknown; value: unknown }[]>();
  for (const scope of resourceMetrics.scopeMetrics) {
    for (const metric of scope.metrics) {
      byName.set(
        metric.descriptor.name,
        metric.dataPoints.map((point) => ({ attributes: point.attributes, value: point.value })),
      );
    }
  }
  return byName;
}
