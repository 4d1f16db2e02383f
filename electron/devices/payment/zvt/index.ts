/** ZVT (PA00P015 / PA00P016) codec: framing, APDUs, bitmaps, messages, result codes. */
export * from './apdu.ts';
export * from './framing.ts';
export * from './bmp.ts';
export * from './messages.ts';
export * from './result-codes.ts';
export * from './text.ts';
