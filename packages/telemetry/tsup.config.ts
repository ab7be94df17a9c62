import { readFileSync } from 'node:fs';
import { defineConfig } from 'tsup';

const { version } = JSON.parse(readFileSync('./package.json', 'utf8')) as {
  version: string;
};

export default defineConfig({
  entry: {
    index: 'src/index.ts',
    register: 'src/register.ts',
    // Its own file, which the zero-code entry loads only when the SDK is on.
    start: 'src/start.ts',
    testing: 'src/testing/index.ts',
    nestjs: 'src/nestjs/index.ts',
    business: 'src/business/index.ts',
    health: 'src/health/index.ts',
    logs: 'src/logs/index.ts',
  },
  format: ['esm', 'cjs'],
  dts: true,
  sourcemap: true,
  clean: true,
  shims: true,
  target: 'node22',
  splitting: true,
  define: { __SDK_VERSION__: JSON.stringify(version) },
  esbuildOptions(options, { format }) {
    // The CommonJS build keeps `import.meta` as written, and `shims` covers
    // `import.meta.url` only. `src/exporters/load.ts` checks for `resolve`.
    if (format === 'cjs') {
      options.define = { ...options.define, 'import.meta.resolve': 'undefined' };
    }
  },
});
