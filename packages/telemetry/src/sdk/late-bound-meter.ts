import {
  type Attributes,
  type Context,
  createNoopMeter,
  type Meter,
  type MeterOptions,
  type MeterProvider,
  type MetricOptions,
} from '@opentelemetry/api';

type SyncKind = 'createCounter' | 'createUpDownCounter' | 'createHistogram' | 'createGauge';

interface Recorder {
  add?(value: number, attributes?: Attributes, context?: Context): void;
  record?(value: number, attributes?: Attributes, context?: Context): void;
}

/**
 * A meter provider that can be handed out before the real one exists. The
 * OTLP metric exporter needs a meter provider for its own metrics when it is
 * built, but the SDK's meter provider can only be built after its readers,
 * which contain that exporter. Synchronous instruments bind on first use;
 * values recorded before {@link bind} are dropped. Observable instruments are
 * not supported and stay no-ops.
 */
export class LateBoundMeterProvider implements MeterProvider {
  private target: MeterProvider | undefined;

  bind(target: MeterProvider): void {
    this.target = target;
  }

  getMeter(name: string, version?: string, options?: MeterOptions): Meter {
    const resolveMeter = () => this.target?.getMeter(name, version, options);
    const noop = createNoopMeter();
    const sync = (kind: SyncKind) => (instrument: string, opts?: MetricOptions) =>
      lateInstrument(() => resolveMeter()?.[kind](instrument, opts));

    return {
      ...noop,
      createObservableCounter: noop.createObservableCounter.bind(noop),
      createObservableGauge: noop.createObservableGauge.bind(noop),
      createObservableUpDownCounter: noop.createObservableUpDownCounter.bind(noop),
      addBatchObservableCallback: noop.addBatchObservableCallback.bind(noop),
      removeBatchObservableCallback: noop.removeBatchObservableCallback.bind(noop),
      createCounter: sync('createCounter'),
      createUpDownCounter: sync('createUpDownCounter'),
      createHistogram: sync('createHistogram'),
      createGauge: sync('createGauge'),
    } as Meter;
  }
}

// The returned object serves as counter, up-down counter, histogram or gauge;
// each caller uses only the method its instrument kind has.
function lateInstrument(create: () => unknown): never {
  let real: Recorder | undefined;
  const resolve = () => (real ??= create() as Recorder | undefined);
  return {
    add: (value: number, attributes?: Attributes, context?: Context) =>
      resolve()?.add?.(value, attributes, context),
    record: (value: number, attributes?: Attributes, context?: Context) =>
      resolve()?.record?.(value, attributes, context),
  } as never;
}
