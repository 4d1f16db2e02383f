import { createContext } from 'react';

/**
 * The frame's footer holds a slot for the step's own actions ("Continue",
 * "OK", "Send"), so every step's main action sits in the same place: at the
 * bottom, at the inline end, within reach of a citizen in a wheelchair.
 */
export const FrameActionSlot = createContext<HTMLElement | null>(null);
