import { isAppUrl } from './app-origin.ts';

/**
 * Who sent an IPC message. Electron delivers messages from any frame of any
 * page in the renderer process; the core only listens to the kiosk page
 * itself: the main frame of our window, showing our app origin. A message
 * from an iframe, another window or a page that navigated away is refused.
 */
export interface IpcSenderEvent {
  readonly sender: unknown;
  readonly senderFrame: { readonly url: string; readonly parent: unknown } | null;
}

export type SenderVerdict = { trusted: true } | { trusted: false; reason: string };

export function checkIpcSender(event: IpcSenderEvent, kioskWebContents: unknown): SenderVerdict {
  if (event.sender !== kioskWebContents) return { trusted: false, reason: 'not the kiosk window' };
  const frame = event.senderFrame;
  // senderFrame is null when the frame has navigated or been destroyed since it sent.
  if (frame === null) return { trusted: false, reason: 'sender frame is gone' };
  if (frame.parent !== null) return { trusted: false, reason: 'not the main frame' };
  if (!isAppUrl(frame.url)) return { trusted: false, reason: 'not the app origin' };
  return { trusted: true };
}
