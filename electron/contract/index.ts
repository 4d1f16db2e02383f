/** The Node-free contract between the core, the shells and the renderer. */
export * from './language.ts';
export * from './intents.ts';
export * from './view-model.ts';
export * from './bridge-protocol.ts';
export * from './kiosk-api.ts';
export * from './digits.ts';
export * from './technician.ts';
export * from './password-rules.ts';
export * from './keypad.ts';
