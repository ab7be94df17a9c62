/** Modules a child loaded, recorded by the census hook when it is preloaded. */
export interface CensusState {
  /** Calls of the resolve hook, ES modules and `require` together. */
  resolveCalls: number;
  /** The format the load hook returned, by module URL. */
  loaded: Map<string, string>;
}

/** Where the census hook keeps its state, shared with the stats channel. */
export const CENSUS_KEY = Symbol.for('@seda/bench.census');

type CensusHolder = { [CENSUS_KEY]?: CensusState };

/** Returns the census state, or `undefined` when the hook is not loaded. */
export function findCensus(): CensusState | undefined {
  return (globalThis as CensusHolder)[CENSUS_KEY];
}

/** Creates and publishes the census state. */
export function createCensus(): CensusState {
  const state: CensusState = { resolveCalls: 0, loaded: new Map() };
  (globalThis as CensusHolder)[CENSUS_KEY] = state;
  return state;
}
