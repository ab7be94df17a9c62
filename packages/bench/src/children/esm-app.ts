// The example API as an ES module application, as NestJS 12 apps are. The
// app is imported dynamically so that a telemetry hook preloaded with
// `--import` starts before NestJS, express and Prisma load.
import { answerSamples, reportListening } from './stats-channel.cjs';
import { startTelemetryIfEnabled } from './start-telemetry.js';

answerSamples();
const prometheusUrl = await startTelemetryIfEnabled();
const { startApp } = await import('@seda/example-api');
const app = await startApp({
  port: 0,
  wsPort: 0,
  databaseUrl: process.env.BENCH_DATABASE_URL,
  logger: false,
});
reportListening({
  url: app.url,
  wsUrl: app.wsUrl,
  ...(prometheusUrl ? { prometheusUrl } : {}),
});
