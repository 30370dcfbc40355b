/**
 * The one thing both sides of the protocol talk through: postMessage plus message
 * listeners. A Worker, the worker's global scope and a MessagePort all fit, so unit tests
 * drive the handler over a MessageChannel with no real worker. Imports nothing.
 */

/** A message listener as Worker / MessagePort call it. */
export type MessageListener = (ev: MessageEvent) => void;

export interface Endpoint {
  postMessage(message: unknown, transfer: Transferable[]): void;
  addEventListener(type: 'message', listener: MessageListener): void;
  removeEventListener(type: 'message', listener: MessageListener): void;
  /** MessagePort needs start() when listeners are added with addEventListener. */
  start?(): void;
}
