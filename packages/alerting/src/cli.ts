#!/usr/bin/env node
import { runGenerator } from './generate/run-generator.js';

process.exitCode = runGenerator(process.argv.slice(2), {
  log: (message) => console.log(message),
  error: (message) => console.error(message),
});
