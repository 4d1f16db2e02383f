import type { Intent, IntentResult, KeypadInput, ViewModel } from '../../contract/index.ts';
import type { KioskCoreApi } from '../../core/kiosk-core-api.ts';

/** A KioskCoreApi that records what the shell asked of it. */
export class FakeCore implements KioskCoreApi {
  readonly handled: Intent[] = [];
  readonly outOfService: Array<Parameters<KioskCoreApi['setOutOfService']>[0]> = [];
  readonly wipes: string[] = [];
  readonly listeners = new Set<(view: ViewModel) => void>();
  readonly keypadListeners = new Set<(input: KeypadInput) => void>();
  current: ViewModel = { screen: 'attract', language: 'ar', sessionEpoch: 0, idle: { phase: 'active' }, helpOpen: false };
  answer: (intent: Intent) => IntentResult = () => ({ ok: true });

  handle(intent: Intent): IntentResult {
    this.handled.push(intent);
    return this.answer(intent);
  }
  view(): ViewModel {
    return this.current;
  }
  subscribe(listener: (view: ViewModel) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
  onKeypad(listener: (input: KeypadInput) => void): () => void {
    this.keypadListeners.add(listener);
    return () => this.keypadListeners.delete(listener);
  }
  pressKey(input: KeypadInput): void {
    for (const listener of this.keypadListeners) listener(input);
  }
  setOutOfService(reason: Parameters<KioskCoreApi['setOutOfService']>[0]): void {
    this.outOfService.push(reason);
  }
  wipeSession(reason: string): void {
    this.wipes.push(reason);
  }
  publish(view: ViewModel): void {
    this.current = view;
    for (const listener of this.listeners) listener(view);
  }
}
