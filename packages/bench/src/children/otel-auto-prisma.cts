// The reference bundle as a Prisma application would have to use it: the
// bundle has no Prisma instrumentation, so the team starts `NodeSDK` with
// `getNodeAutoInstrumentations()` and `@prisma/instrumentation` added. The
// exporters, sampler and resource detectors come from the `OTEL_*`
// variables, as with the bundle's own `register`. It exports the spans of
// the bundle plus Prisma's, the same kinds of spans as `@seda/telemetry`.
import { getNodeAutoInstrumentations } from '@opentelemetry/auto-instrumentations-node';
import { NodeSDK } from '@opentelemetry/sdk-node';
import { PrismaInstrumentation } from '@prisma/instrumentation';

const sdk = new NodeSDK({
  instrumentations: [getNodeAutoInstrumentations(), new PrismaInstrumentation()],
});
sdk.start();
process.once('SIGTERM', () => void sdk.shutdown());
