import { z } from 'zod';
import { IntentSchema, IntentResultSchema } from './intents.ts';
import { ViewModelSchema } from './view-model.ts';
import { KeypadInputSchema } from './keypad.ts';

/**
 * The wire protocol between a shell's page and the core. The browser shell
 * carries it over a loopback WebSocket; the Electron shell over IPC. Both
 * validate every message with these schemas on the receiving side.
 */
export const BRIDGE_PROTOCOL_VERSION = 1;

/** Largest message the core accepts from a page, in bytes. */
export const MAX_CLIENT_MESSAGE_BYTES = 16 * 1024;

export const ClientMessageSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('intent'), id: z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER), intent: IntentSchema }).strict(),
  /** Ask for the current view model again (after a reload). */
  z.object({ type: z.literal('sync') }).strict(),
]);
export type ClientMessage = z.infer<typeof ClientMessageSchema>;

export const ServerMessageSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('view'), view: ViewModelSchema }),
  z.object({ type: z.literal('result'), id: z.number().int().nonnegative(), result: IntentResultSchema }),
  /** A key of the tactile keypad (page navigation without the touchscreen). */
  z.object({ type: z.literal('keypad'), input: KeypadInputSchema }),
  /** The core refused a message it could not parse; the page shows nothing of it. */
  z.object({ type: z.literal('refused'), reason: z.string().max(200) }),
]);
export type ServerMessage = z.infer<typeof ServerMessageSchema>;
