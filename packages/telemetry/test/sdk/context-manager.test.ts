import { EventEmitter, EventEmitterAsyncResource } from 'node:events';
import { createContextKey, ROOT_CONTEXT } from '@opentelemetry/api';
import { describe, expect, it } from 'vitest';
import { EmitterBindingContextManager } from '../../src/sdk/context-manager.js';

const KEY = createContextKey('room');
const bound = ROOT_CONTEXT.setValue(KEY, 'bound');
const other = ROOT_CONTEXT.setValue(KEY, 'other');

function manager() {
  return new EmitterBindingContextManager().enable();
}

describe('EmitterBindingContextManager', () => {
  it('runs listeners in the bound context', () => {
    const contexts = manager();
    const emitter = new EventEmitter();
    const seen: unknown[] = [];
    emitter.on('end', () => seen.push(contexts.active().getValue(KEY)));

    contexts.bind(bound, emitter);
    contexts.with(other, () => emitter.on('end', () => seen.push(contexts.active().getValue(KEY))));
    contexts.with(other, () => emitter.emit('end'));

    expect(seen).toEqual(['bound', 'bound']);
    expect(contexts.active()).toBe(ROOT_CONTEXT);
  });

  it('keeps the first binding and listeners', () => {
    const contexts = manager();
    const emitter = new EventEmitter();
    const listener = () => contexts.active().getValue(KEY);
    contexts.bind(bound, emitter);
    contexts.bind(other, emitter);
    emitter.on('data', listener);
    let value: unknown;
    emitter.once('data', () => {
      value = contexts.active().getValue(KEY);
    });

    expect(emitter.listeners('data')[0]).toBe(listener);
    expect(emitter.emit('data')).toBe(true);
    emitter.removeListener('data', listener);

    expect(value).toBe('bound');
    expect(emitter.listenerCount('data')).toBe(0);
    expect(emitter.emit('data')).toBe(false);
  });

  it('binds functions as the standard manager does', () => {
    const contexts = manager();
    const read = contexts.bind(bound, (suffix: string) => `${String(contexts.active().getValue(KEY))}${suffix}`);

    expect(contexts.with(other, () => read('!'))).toBe('bound!');
    expect(read.length).toBe(1);
  });

  it('passes other values through', () => {
    const contexts = manager();
    const value = { on: () => undefined };

    expect(contexts.bind(bound, value)).toBe(value);
  });

  it('binds again after a restart', () => {
    const emitter = new EventEmitter();
    const first = manager();
    first.bind(other, emitter);
    first.disable();
    const second = manager();
    let value: unknown;
    emitter.on('end', () => {
      value = second.active().getValue(KEY);
    });

    second.bind(bound, emitter);
    emitter.emit('end');

    expect(value).toBe('bound');
  });

  it('leaves an emit without listeners alone', () => {
    const contexts = manager();
    const emitter = contexts.bind(bound, new EventEmitter());

    expect(emitter.emit('data')).toBe(false);
    expect(() => emitter.emit('error', new Error('socket hang up'))).toThrow('socket hang up');
  });

  it('binds an async resource emitter', () => {
    const contexts = manager();
    // Its `emit` runs the listeners in the context the resource was made in.
    const emitter = contexts.with(other, () => new EventEmitterAsyncResource({ name: 'query' }));
    let value: unknown;
    contexts.bind(bound, emitter);
    emitter.on('row', () => {
      value = contexts.active().getValue(KEY);
    });

    emitter.emit('row');

    expect(value).toBe('bound');
  });

  it('keeps an own emit in the caller context', () => {
    // Like a socket.io socket: `emit` sends to the peer, and received
    // events reach the listeners through `super.emit`.
    class Peer extends EventEmitter {
      readonly sent: unknown[] = [];
      override emit(event: string | symbol): boolean {
        this.sent.push([event, contexts.active().getValue(KEY)]);
        return true;
      }
      receive(event: string): boolean {
        return super.emit(event);
      }
    }
    const contexts = manager();
    const peer = contexts.bind(bound, new Peer());
    let value: unknown;
    peer.on('message', () => {
      value = contexts.active().getValue(KEY);
    });

    contexts.with(other, () => {
      peer.receive('message');
      peer.emit('reply');
    });

    expect(value).toBe('bound');
    expect(peer.sent).toEqual([['reply', 'other']]);
  });
});
