import type { MeterProvider } from '@opentelemetry/api';
import { componentLogger } from '../diag/logger.js';

/** A registry that follows the SDK's meter provider. */
export interface SdkFollower {
  sdkStarted(provider: MeterProvider): void;
  sdkStopped(): void;
}

interface SdkLink {
  provider: MeterProvider | undefined;
  readonly followers: Set<SdkFollower>;
}

// On `globalThis`, so that the ES module and CommonJS builds of this package
// share one link when an application loads both.
const LINK = Symbol.for('@seda/telemetry.health-link');

function link(): SdkLink {
  const state = globalThis as { [LINK]?: SdkLink };
  state[LINK] ??= { provider: undefined, followers: new Set() };
  return state[LINK];
}

/**
 * Called by the SDK once its meter provider is registered: binds the
 * registries created before, and those created later bind at creation.
 */
export function announceSdkMeterProvider(provider: MeterProvider): void {
  const state = link();
  state.provider = provider;
  for (const follower of state.followers) {
    notify(() => follower.sdkStarted(provider));
  }
}

/** Called by the SDK when it stops: registries stop their schedule. */
export function withdrawSdkMeterProvider(provider: MeterProvider): void {
  const state = link();
  if (state.provider !== provider) return;
  state.provider = undefined;
  for (const follower of state.followers) notify(() => follower.sdkStopped());
}

/** Adds a follower, started at once when the SDK runs; returns its removal. */
export function followSdk(follower: SdkFollower): () => void {
  const state = link();
  state.followers.add(follower);
  const provider = state.provider;
  if (provider) notify(() => follower.sdkStarted(provider));
  return () => {
    state.followers.delete(follower);
  };
}

/** Keeps a failing registry from breaking the SDK's start or shutdown. */
function notify(call: () => void): void {
  try {
    call();
  } catch (error) {
    componentLogger('health').error('binding a health registry failed:', error);
  }
}
