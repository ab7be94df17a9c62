// Preloaded with `--require` ahead of every other preload, which Node.js
// runs before the `--import` ones, in the census pass only: the hooks cost
// time themselves, so timed rounds run without them. `module.registerHooks`
// sees both `import` and `require`.
import { registerHooks } from 'node:module';
import { createCensus } from './census-state.cjs';

const census = createCensus();

registerHooks({
  resolve(specifier, context, nextResolve) {
    census.resolveCalls += 1;
    return nextResolve(specifier, context);
  },
  load(url, context, nextLoad) {
    const result = nextLoad(url, context);
    census.loaded.set(url, result.format ?? 'unknown');
    return result;
  },
});
