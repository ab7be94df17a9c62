import type { OtlpReceiver } from '@seda/test-utils';
import type { ChatEndpoints } from '../../chat/support/chat-clients.js';
import {
  startInstrumentedApp,
  type InstrumentedApp,
  type InstrumentedAppOptions,
} from './instrumented-app.js';

/** The `ws` URL in the start-up log, in a plain or a JSON log line. */
const WS_LISTENING_LINE = /ws listening on (ws:\/\/[^\s"]+)/;

/** `dist/main.js` in a child process, with both chat gateways' URLs. */
export interface InstrumentedChatApp extends InstrumentedApp {
  endpoints: ChatEndpoints;
}

/** Starts the built app like `startInstrumentedApp` and reads its `ws` URL. */
export async function startInstrumentedChatApp(
  receiver: OtlpReceiver,
  options: InstrumentedAppOptions,
): Promise<InstrumentedChatApp> {
  const app = await startInstrumentedApp(receiver, options);
  const [, wsUrl] = await app.fixture.waitForOutput(WS_LISTENING_LINE);
  return { ...app, endpoints: { url: app.url, wsUrl: wsUrl as string } };
}
