import { z } from 'zod';

/**
 * A key of the tactile keypad, as the page needs it to be navigated without
 * the touchscreen (DESIGN §6): the core reads the keypad (a HID device, with
 * its headphone jack) and passes each key press on. Volume keys stay in the
 * core (they are for speech, not the page). Digits are passed on so a PIN can
 * be typed on the keypad; like the PIN pad's, they are never logged.
 */
export const KeypadInputSchema = z.union([
  z.object({ kind: z.literal('digit'), digit: z.string().regex(/^\d$/) }).strict(),
  z.object({ kind: z.literal('symbol'), symbol: z.enum(['*', '#']) }).strict(),
  z.object({ kind: z.enum(['confirm', 'cancel', 'clear', 'backspace', 'help']) }).strict(),
  z.object({ kind: z.literal('navigate'), direction: z.enum(['up', 'down', 'left', 'right']) }).strict(),
]);
export type KeypadInput = z.infer<typeof KeypadInputSchema>;
