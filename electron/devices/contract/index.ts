/** The device contract: what every device class promises the core. */
export * from './completion.ts';
export * from './status.ts';
export * from './events.ts';
export * from './clock.ts';
export * from './run-command.ts';
