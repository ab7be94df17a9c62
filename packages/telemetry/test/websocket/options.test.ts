import { describe, expect, it } from 'vitest';
import { resolveConfig } from '../../src/config/resolve.js';

describe('WebSocket options', () => {
  it('default to on with _OTHER', () => {
    const { config, issues } = resolveConfig({}, {});

    expect(issues).toEqual([]);
    expect(config.instrumentations.socketio).toEqual({
      unknownEventName: '_OTHER',
      ignoreEngineRequests: true,
    });
    expect(config.instrumentations.ws).toEqual({ unknownEventName: '_OTHER' });
  });

  it('switch off with false', () => {
    const { config } = resolveConfig(
      { instrumentations: { socketio: false, ws: false } },
      {},
    );

    expect(config.instrumentations.socketio).toBe(false);
    expect(config.instrumentations.ws).toBe(false);
  });

  it('take typed settings', () => {
    const { config } = resolveConfig(
      {
        instrumentations: {
          socketio: {
            unknownEventName: 'unknown',
            ignoreEngineRequests: false,
          },
          ws: { unknownEventName: 'other' },
        },
      },
      {},
    );

    expect(config.instrumentations.socketio).toEqual({
      unknownEventName: 'unknown',
      ignoreEngineRequests: false,
    });
    expect(config.instrumentations.ws).toEqual({ unknownEventName: 'other' });
  });
});
