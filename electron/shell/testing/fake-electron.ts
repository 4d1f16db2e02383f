import { EventEmitter } from 'node:events';
import type { ShellLog } from '../shell-log.ts';

/**
 * Stand-ins for the few Electron objects the shell's wiring touches, so the
 * wiring is tested without Electron. They record what the shell did to
 * them; tests cast them to the Electron types they stand in for.
 */
export class FakeEvent {
  defaultPrevented = false;
  preventDefault(): void {
    this.defaultPrevented = true;
  }
}

type IpcHandler = (event: unknown, ...args: unknown[]) => unknown;

export class FakeIpc extends EventEmitter {
  readonly handlers = new Map<string, IpcHandler>();
  handle(channel: string, handler: IpcHandler): void {
    if (this.handlers.has(channel)) throw new Error(`second handler for ${channel}`);
    this.handlers.set(channel, handler);
  }
  removeHandler(channel: string): void {
    this.handlers.delete(channel);
  }
  invoke(channel: string, event: unknown, ...args: unknown[]): unknown {
    const handler = this.handlers.get(channel);
    if (!handler) throw new Error(`no handler for ${channel}`);
    return handler(event, ...args);
  }
}

export class FakeFrame {
  url: string;
  parent: FakeFrame | null;
  constructor(url: string, parent: FakeFrame | null = null) {
    this.url = url;
    this.parent = parent;
  }
}

export class FakeWebContents extends EventEmitter {
  readonly ipc = new FakeIpc();
  readonly sent: Array<[string, unknown]> = [];
  url = '';
  destroyed = false;
  reloads = 0;
  crashes = 0;
  devToolsToggles = 0;
  devToolsClosed = 0;
  zoomLevel = 1;
  visualZoomLimits: [number, number] | null = null;
  windowOpenHandler: ((details: { url: string }) => { action: string }) | null = null;
  mainFrame = new FakeFrame('');

  send(channel: string, payload: unknown): void {
    this.sent.push([channel, payload]);
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  getURL(): string {
    return this.url;
  }
  reload(): void {
    this.reloads++;
  }
  forcefullyCrashRenderer(): void {
    this.crashes++;
  }
  setWindowOpenHandler(handler: (details: { url: string }) => { action: string }): void {
    this.windowOpenHandler = handler;
  }
  setVisualZoomLevelLimits(min: number, max: number): Promise<void> {
    this.visualZoomLimits = [min, max];
    return Promise.resolve();
  }
  setZoomLevel(level: number): void {
    this.zoomLevel = level;
  }
  toggleDevTools(): void {
    this.devToolsToggles++;
  }
  closeDevTools(): void {
    this.devToolsClosed++;
  }
  /** An IPC event as Electron would build it for a message from `frame` of this page. */
  ipcEvent(frame: FakeFrame | null = this.mainFrame): { sender: FakeWebContents; senderFrame: FakeFrame | null } {
    return { sender: this, senderFrame: frame };
  }
}

export class FakeBrowserWindow extends EventEmitter {
  readonly webContents = new FakeWebContents();
  readonly loadedUrls: string[] = [];
  destroyed = false;
  shown = false;
  focused = 0;

  loadURL(url: string): Promise<void> {
    this.loadedUrls.push(url);
    this.webContents.url = url;
    this.webContents.mainFrame = new FakeFrame(url);
    return Promise.resolve();
  }
  show(): void {
    this.shown = true;
  }
  focus(): void {
    this.focused++;
  }
  destroy(): void {
    this.destroyed = true;
    this.webContents.destroyed = true;
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  isMinimized(): boolean {
    return false;
  }
  restore(): void {}
}

export type Listener = (...args: never[]) => unknown;

/** Records the handlers the shell installs on a session. */
export class FakeSession extends EventEmitter {
  protocolHandlers = new Map<string, (request: Request) => Promise<Response>>();
  permissionRequest: Listener | null = null;
  permissionCheck: Listener | null = null;
  devicePermission: Listener | null = null;
  spellChecker = true;
  beforeRequest: { filter: { urls: string[] }; listener: Listener } | null = null;
  headersReceived: Listener | null = null;
  protocol = { handle: (scheme: string, handler: (request: Request) => Promise<Response>) => this.protocolHandlers.set(scheme, handler) };
  webRequest = {
    onBeforeRequest: (filter: { urls: string[] }, listener: Listener) => (this.beforeRequest = { filter, listener }),
    onHeadersReceived: (listener: Listener) => (this.headersReceived = listener),
  };
  setPermissionRequestHandler(handler: Listener) {
    this.permissionRequest = handler;
  }
  setPermissionCheckHandler(handler: Listener) {
    this.permissionCheck = handler;
  }
  setDevicePermissionHandler(handler: Listener) {
    this.devicePermission = handler;
  }
  setSpellCheckerEnabled(enabled: boolean) {
    this.spellChecker = enabled;
  }
  storageClears = 0;
  clearStorageData(): Promise<void> {
    this.storageClears++;
    return Promise.resolve();
  }
  clearCache(): Promise<void> {
    return Promise.resolve();
  }
}

export interface LogLine {
  level: 'info' | 'warn' | 'error';
  fields: object;
  message: string;
}

/** A ShellLog that keeps its lines for assertions. */
export function memoryLog(): ShellLog & { lines: LogLine[]; messages(): string[] } {
  const lines: LogLine[] = [];
  const at = (level: LogLine['level']) => (fields: object, message: string) => {
    lines.push({ level, fields, message });
  };
  return { lines, info: at('info'), warn: at('warn'), error: at('error'), messages: () => lines.map((line) => line.message) };
}
