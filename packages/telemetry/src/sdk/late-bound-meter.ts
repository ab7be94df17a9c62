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
 * which contain that exporter. Synchronous instruments are created on the
 * real provider when {@link bind} is called, and values recorded before that
 * are dropped. Observable instruments are not supported and stay no-ops.
 */
export class LateBoundMeterProvider implements MeterProvider {
  private target: MeterProvider | undefined;
  private readonly pending: LateInstrument[] = [];

  /**
   * Binds every instrument created so far. Creating them now matters: a
   * meter provider that is shutting down refuses new meters, and the
   * exporter's first recording can come during the final export.
   */
  bind(target: MeterProvider): void {
    this.target = target;
    for (const instrument of this.pending.splice(0)) instrument.resolve();
  }

  getMeter(name: string, version?: string, options?: MeterOptions): Meter {
    const resolveMeter = () => this.target?.getMeter(name, version, options);
    const noop = createNoopMeter();
    const sync = (kind: SyncKind) => (instrument: string, opts?: MetricOptions) => {
      const late = new LateInstrument(() => resolveMeter()?.[kind](instrument, opts));
      if (this.target) late.resolve();
      else this.pending.push(late);
      return late as never;
    };

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

/**
 * Serves as counter, up-down counter, histogram or gauge; each caller uses
 * only the method its instrument kind has.
 */
class LateInstrument {
  private real: Recorder | undefined;

  constructor(private readonly create: () => unknown) {}

  resolve(): void {
    this.real ??= this.create() as Recorder | undefined;
  }

  add(value: number, attributes?: Attributes, context?: Context): void {
    this.real?.add?.(value, attributes, context);
  }

  record(value: number, attributes?: Attributes, context?: Context): void {
    this.real?.record?.(value, attributes, context);
  }
}
