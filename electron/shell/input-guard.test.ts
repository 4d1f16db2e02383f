import { describe, expect, it } from 'vitest';
import { inputVerdict, type KeyInput } from './input-guard.ts';

const key = (overrides: Partial<KeyInput>): KeyInput => ({ type: 'keyDown', key: '', code: '', control: false, meta: false, alt: false, shift: false, ...overrides });
const production = { devMode: false };

describe('inputVerdict in production', () => {
  it.each([
    ['Ctrl+R', key({ key: 'r', code: 'KeyR', control: true }), 'reload'],
    ['Cmd+R', key({ key: 'r', code: 'KeyR', meta: true }), 'reload'],
    ['Ctrl+Shift+R', key({ key: 'R', code: 'KeyR', control: true, shift: true }), 'reload'],
    ['Ctrl+R on an Arabic layout', key({ key: 'ق', code: 'KeyR', control: true }), 'reload'],
    ['F5', key({ key: 'F5', code: 'F5' }), 'reload'],
    ['Ctrl+Shift+I', key({ key: 'I', code: 'KeyI', control: true, shift: true }), 'devtools'],
    ['Ctrl+Shift+J', key({ key: 'J', code: 'KeyJ', control: true, shift: true }), 'devtools'],
    ['Cmd+Alt+I', key({ key: 'ˆ', code: 'KeyI', meta: true, alt: true }), 'devtools'],
    ['F12', key({ key: 'F12', code: 'F12' }), 'devtools'],
    ['Ctrl+W', key({ key: 'w', code: 'KeyW', control: true }), 'close'],
    ['Ctrl+Q', key({ key: 'q', code: 'KeyQ', control: true }), 'close'],
    ['Cmd+Q', key({ key: 'q', code: 'KeyQ', meta: true }), 'close'],
    ['Alt+F4', key({ key: 'F4', code: 'F4', alt: true }), 'close'],
    ['Ctrl+F4', key({ key: 'F4', code: 'F4', control: true }), 'close'],
    ['Ctrl++', key({ key: '+', code: 'Equal', control: true, shift: true }), 'zoom'],
    ['Ctrl+=', key({ key: '=', code: 'Equal', control: true }), 'zoom'],
    ['Ctrl+-', key({ key: '-', code: 'Minus', control: true }), 'zoom'],
    ['Ctrl+0', key({ key: '0', code: 'Digit0', control: true }), 'zoom'],
    ['Ctrl+numpad +', key({ key: '+', code: 'NumpadAdd', control: true }), 'zoom'],
    ['Ctrl+P', key({ key: 'p', code: 'KeyP', control: true }), 'print'],
    ['F11', key({ key: 'F11', code: 'F11' }), 'fullscreen'],
    ['Alt+Left', key({ key: 'ArrowLeft', code: 'ArrowLeft', alt: true }), 'history'],
    ['BrowserBack', key({ key: 'BrowserBack', code: 'BrowserBack' }), 'history'],
    ['Ctrl+U', key({ key: 'u', code: 'KeyU', control: true }), 'view-source'],
  ])('blocks %s', (_name, input, group) => {
    expect(inputVerdict(input, production)).toEqual({ action: 'block', group });
  });

  it('blocks the key-up half too, so no handler sees a lone release', () => {
    expect(inputVerdict(key({ type: 'keyUp', key: 'F5', code: 'F5' }), production).action).toBe('block');
  });

  it.each([
    ['a', key({ key: 'a', code: 'KeyA' })],
    ['R without Ctrl', key({ key: 'r', code: 'KeyR' })],
    ['Shift+R', key({ key: 'R', code: 'KeyR', shift: true })],
    ['digit 0', key({ key: '0', code: 'Digit0' })],
    ['Arabic letter', key({ key: 'ش', code: 'KeyA' })],
    ['Enter', key({ key: 'Enter', code: 'Enter' })],
    ['Backspace', key({ key: 'Backspace', code: 'Backspace' })],
    ['Escape', key({ key: 'Escape', code: 'Escape' })],
    ['Tab', key({ key: 'Tab', code: 'Tab' })],
    ['ArrowLeft', key({ key: 'ArrowLeft', code: 'ArrowLeft' })],
    ['Ctrl+C (copy in a field)', key({ key: 'c', code: 'KeyC', control: true })],
    ['Ctrl+A (select a field)', key({ key: 'a', code: 'KeyA', control: true })],
    ['AltGr+Q typing @ on a German keyboard', key({ key: '@', code: 'KeyQ', control: true, alt: true })],
    ['AltGr+0 typing } on a German keyboard', key({ key: '}', code: 'Digit0', control: true, alt: true })],
  ])('lets %s through', (_name, input) => {
    expect(inputVerdict(input, production)).toEqual({ action: 'allow' });
  });
});

describe('inputVerdict in development mode', () => {
  const dev = { devMode: true };

  it('hands reload and developer tools to the shell to perform', () => {
    expect(inputVerdict(key({ key: 'r', code: 'KeyR', control: true }), dev)).toEqual({ action: 'dev-shortcut', group: 'reload' });
    expect(inputVerdict(key({ key: 'F12', code: 'F12' }), dev)).toEqual({ action: 'dev-shortcut', group: 'devtools' });
  });

  it('still blocks quitting and zoom', () => {
    expect(inputVerdict(key({ key: 'q', code: 'KeyQ', control: true }), dev)).toEqual({ action: 'block', group: 'close' });
    expect(inputVerdict(key({ key: '0', code: 'Digit0', control: true }), dev)).toEqual({ action: 'block', group: 'zoom' });
  });
});
