// The page's side of the host channel: the VS Code API handle, the init data, and request/response by requestId.
import { parseHostMessage, type ResultMessage, type WebviewMessage } from '../messages';

interface VsCodeApi {
  postMessage(message: unknown): void;
  getState(): unknown;
  setState(state: unknown): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

/** May be acquired only once per page. */
export const vscodeApi: VsCodeApi = acquireVsCodeApi();

export function readInit(): unknown {
  const text = document.getElementById('init')?.textContent;
  try {
    return text ? JSON.parse(text) : undefined;
  } catch {
    return undefined;
  }
}

type WithoutRequestId<T> = T extends unknown ? Omit<T, 'requestId'> : never;
export type Request = WithoutRequestId<WebviewMessage>;

const pending = new Map<number, (result: ResultMessage) => void>();
let lastRequestId = 0;

export function request(message: Request): Promise<ResultMessage> {
  const requestId = ++lastRequestId;
  return new Promise((resolve) => {
    pending.set(requestId, resolve);
    vscodeApi.postMessage({ ...message, requestId });
  });
}

window.addEventListener('message', (event: MessageEvent<unknown>) => {
  const message = parseHostMessage(event.data);
  if (!message) return;
  const resolve = pending.get(message.requestId);
  pending.delete(message.requestId);
  resolve?.(message);
});
