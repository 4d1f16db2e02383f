import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { EventEmitter } from 'node:events';
import ts from 'typescript';
import { afterEach, describe, expect, it } from 'vitest';
import { IPC_CHANNELS, type KioskApi, type ViewModel } from '../contract/index.ts';

/**
 * Runs the real preload.cts (Node strips its types) with a stand-in for the
 * 'electron' module placed in the require cache, the way a sandboxed
 * renderer would hand it `require('electron')`.
 */
const require = createRequire(import.meta.url);
const PRELOAD = require.resolve('./preload.cts');
const ELECTRON = require.resolve('electron');

class FakeIpcRenderer extends EventEmitter {
  readonly invoked: Array<[string, unknown]> = [];
  readonly sent: Array<[string, ...unknown[]]> = [];
  invoke(channel: string, payload: unknown): Promise<unknown> {
    this.invoked.push([channel, payload]);
    return Promise.resolve({ ok: true });
  }
  send(channel: string, ...args: unknown[]): void {
    this.sent.push([channel, ...args]);
  }
}

function loadPreload() {
  const ipcRenderer = new FakeIpcRenderer();
  const exposed = new Map<string, unknown>();
  const contextBridge = { exposeInMainWorld: (key: string, api: unknown) => exposed.set(key, api) };
  require.cache[ELECTRON] = { id: ELECTRON, filename: ELECTRON, loaded: true, exports: { contextBridge, ipcRenderer } } as unknown as NodeJS.Module;
  delete require.cache[PRELOAD];
  require(PRELOAD);
  return { ipcRenderer, exposed, kiosk: exposed.get('kiosk') as KioskApi };
}

afterEach(() => {
  delete require.cache[ELECTRON];
  delete require.cache[PRELOAD];
});

const view: ViewModel = { screen: 'attract', language: 'en', sessionEpoch: 3, idle: { phase: 'active' }, helpOpen: false };

describe('preload', () => {
  it('exposes exactly the KioskApi as window.kiosk, and nothing else', () => {
    const { exposed, kiosk } = loadPreload();
    expect([...exposed.keys()]).toEqual(['kiosk']);
    expect(Object.keys(kiosk).sort()).toEqual(['onKeypad', 'onView', 'send', 'sync']);
  });

  it('send invokes the intent channel and resolves with the answer', async () => {
    const { ipcRenderer, kiosk } = loadPreload();
    await expect(kiosk.send({ type: 'start' })).resolves.toEqual({ ok: true });
    expect(ipcRenderer.invoked).toEqual([[IPC_CHANNELS.intent, { type: 'start' }]]);
  });

  it('onView delivers view models without the IPC event, and unsubscribes', () => {
    const { ipcRenderer, kiosk } = loadPreload();
    const received: unknown[][] = [];
    const stop = kiosk.onView((...args: unknown[]) => received.push(args));
    const event = { sender: ipcRenderer };
    ipcRenderer.emit(IPC_CHANNELS.view, event, view);
    expect(received).toEqual([[view]]);
    stop();
    ipcRenderer.emit(IPC_CHANNELS.view, event, view);
    expect(received).toHaveLength(1);
    expect(ipcRenderer.listenerCount(IPC_CHANNELS.view)).toBe(0);
  });

  it('onView refuses a non-function', () => {
    const { kiosk } = loadPreload();
    expect(() => kiosk.onView('nope' as unknown as (view: ViewModel) => void)).toThrow(TypeError);
  });

  it('onKeypad delivers keypad keys without the IPC event, and unsubscribes', () => {
    const { ipcRenderer, kiosk } = loadPreload();
    const received: unknown[][] = [];
    const stop = kiosk.onKeypad((...args: unknown[]) => received.push(args));
    ipcRenderer.emit(IPC_CHANNELS.keypad, { sender: ipcRenderer }, { kind: 'digit', digit: '7' });
    expect(received).toEqual([[{ kind: 'digit', digit: '7' }]]);
    stop();
    expect(ipcRenderer.listenerCount(IPC_CHANNELS.keypad)).toBe(0);
    expect(() => kiosk.onKeypad('nope' as unknown as () => void)).toThrow(TypeError);
  });

  it('sync sends on the sync channel', () => {
    const { ipcRenderer, kiosk } = loadPreload();
    kiosk.sync();
    expect(ipcRenderer.sent).toEqual([[IPC_CHANNELS.sync]]);
  });

  it('uses the same channel names as the contract', () => {
    const { ipcRenderer, kiosk } = loadPreload();
    void kiosk.send({ type: 'touch' });
    kiosk.onView(() => undefined);
    kiosk.onKeypad(() => undefined);
    kiosk.sync();
    expect(new Set([ipcRenderer.invoked[0]![0], ...ipcRenderer.eventNames(), ipcRenderer.sent[0]![0]])).toEqual(new Set(Object.values(IPC_CHANNELS)));
  });

  it("compiles to a CommonJS script that requires nothing but 'electron' (a sandboxed preload can load nothing else)", () => {
    const source = readFileSync(PRELOAD, 'utf8');
    const output = ts.transpileModule(source, {
      fileName: 'preload.cts',
      compilerOptions: { module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext, target: ts.ScriptTarget.ES2023, verbatimModuleSyntax: true },
    }).outputText;
    expect(output).not.toMatch(/^\s*(import|export)\s/m);
    expect([...output.matchAll(/require\(\s*['"]([^'"]+)['"]\s*\)/g)].map((match) => match[1])).toEqual(['electron']);
  });
});
