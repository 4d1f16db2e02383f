import type { CommandLine } from 'electron';

/**
 * Chromium switches for the kiosk, appended before the app is ready: no
 * pinch zoom, no swipe (overscroll) history navigation, no translate or
 * media-router bubbles. The same intent as the browser shell's flags.
 */
export const KIOSK_SWITCHES: ReadonlyArray<readonly [name: string, value?: string]> = [
  ['disable-pinch'],
  ['overscroll-history-navigation', '0'],
  ['disable-features', 'OverscrollHistoryNavigation,TouchpadOverscrollHistoryNavigation,Translate,MediaRouter'],
];

export function applyKioskSwitches(commandLine: Pick<CommandLine, 'appendSwitch'>): void {
  for (const [name, value] of KIOSK_SWITCHES) {
    if (value === undefined) commandLine.appendSwitch(name);
    else commandLine.appendSwitch(name, value);
  }
}

/**
 * Switches that open the running kiosk to a debugger from outside (the
 * DevTools protocol), which no fuse turns off. A production kiosk started
 * with one refuses to run.
 */
export const FORBIDDEN_SWITCHES: readonly string[] = ['remote-debugging-port', 'remote-debugging-pipe', 'remote-debugging-address', 'inspect', 'inspect-brk'];

export function forbiddenSwitchesPresent(commandLine: Pick<CommandLine, 'hasSwitch'>): string[] {
  return FORBIDDEN_SWITCHES.filter((name) => commandLine.hasSwitch(name));
}
