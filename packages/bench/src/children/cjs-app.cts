// The example API loaded from a CommonJS entry. NestJS 12 is ES-module-only,
// so `require` loads it through Node.js's require(esm), and a telemetry hook
// preloaded with `--require` is all the instrumentation a CommonJS
// application gets.
import { answerSamples, reportListening } from './stats-channel.cjs';

type ExampleApi = typeof import('@seda/example-api');

answerSamples();
const { startApp } = require('@seda/example-api') as ExampleApi;
startApp({
  port: 0,
  wsPort: 0,
  databaseUrl: process.env.BENCH_DATABASE_URL,
  logger: false,
}).then(
  (app) => reportListening({ url: app.url, wsUrl: app.wsUrl }),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
