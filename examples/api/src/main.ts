import { startTelemetry } from '@seda/telemetry';

// Instrumentations patch modules as they load. In ESM every static import is
// loaded before the first statement runs, so the app is imported dynamically,
// after the SDK has started. Nest's shutdown hooks stop the SDK last, after
// the HTTP server, Prisma and Redis have closed, so the SDK does not listen
// for signals itself.
const telemetry = startTelemetry({
  serviceName: 'seda-api',
  shutdown: { signals: false },
});
const { createWinstonLogger } = await import('@seda/telemetry/logs');
const { NestLogger, TelemetryModule } = await import('@seda/telemetry/nestjs');
const { startApp } = await import('./app.js');

// Nest's logs and every `new Logger(...)` of the app go through winston: one
// JSON line each on stdout at `LOG_LEVEL` (default `info`), with the trace
// ids inside a request, and an OTLP log record each.
const logger = new NestLogger(createWinstonLogger());

await startApp({ modules: [TelemetryModule.forRoot(telemetry)], logger }).catch(
  async (error: unknown) => {
    await telemetry.shutdown();
    throw error;
  },
);
