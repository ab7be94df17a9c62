// The ES module loader hook of `@opentelemetry/instrumentation`, registered
// the way its documentation shows for an ES module application. Preloaded
// before `@opentelemetry/auto-instrumentations-node/register`.
import { register } from 'node:module';

register('@opentelemetry/instrumentation/hook.mjs', import.meta.url);
