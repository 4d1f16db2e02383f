import { describe, expect, it } from 'vitest';
import { applyKioskSwitches, forbiddenSwitchesPresent } from './command-line-switches.ts';

describe('kiosk command-line switches', () => {
  it('turns off pinch zoom and overscroll (swipe) navigation', () => {
    const appended: string[] = [];
    applyKioskSwitches({ appendSwitch: (name: string, value?: string) => void appended.push(value === undefined ? name : `${name}=${value}`) });
    expect(appended).toContain('disable-pinch');
    expect(appended).toContain('overscroll-history-navigation=0');
    expect(appended.find((s) => s.startsWith('disable-features='))).toContain('OverscrollHistoryNavigation');
  });

  it('finds remote-debugging switches on the command line', () => {
    const present = new Set(['remote-debugging-port', 'lang']);
    expect(forbiddenSwitchesPresent({ hasSwitch: (name: string) => present.has(name) })).toEqual(['remote-debugging-port']);
    expect(forbiddenSwitchesPresent({ hasSwitch: () => false })).toEqual([]);
  });
});
