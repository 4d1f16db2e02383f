import type { Clock, TimerHandle } from '../clock/clock.ts';
import type { Logger } from '../log/logger.ts';

/**
 * What the kiosk does when its card reader stops being online. Without the
 * reader it can serve nobody safely, but a power blip or a USB-serial link
 * that dropped for a moment usually needs nothing more than an initialise:
 * so the kiosk first tries that itself (`attempts` times, `spacingMs` apart)
 * and takes itself out of service only when the reader stays down. Out of
 * service it stays until a technician clears it, even if the reader comes
 * back later by itself — someone should look at a reader that needed that.
 *
 * Never while a citizen is being served: the reader may hold their card and
 * the service's own steps handle the failure (the card is returned or
 * retained by the flow). The watcher looks again every `spacingMs` until the
 * session has ended.
 *
 * A small state machine on an injected clock: watching → recovering →
 * (watching | gaveUp). `changed()` is called on every hardware change.
 */
export interface CardReaderRecoveryDeps {
  isOnline(): boolean;
  /** An initialise of the reader; true when it came back online. Never rejects. */
  initialise(): Promise<boolean>;
  /** A citizen session is in progress: leave the reader alone. */
  sessionActive(): boolean;
  /** The kiosk is already out of service (for any reason): nothing to do. */
  outOfService(): boolean;
  /** Attempts failed: take the kiosk out of service (and audit it). */
  giveUp(detail: string): void;
  clock: Clock;
  logger: Logger;
  attempts: number;
  spacingMs: number;
}

export type CardReaderRecoveryState = 'watching' | 'recovering' | 'gave-up';

export interface CardReaderRecovery {
  changed(): void;
  state(): CardReaderRecoveryState;
  stop(): void;
}

export function watchCardReader(deps: CardReaderRecoveryDeps): CardReaderRecovery {
  const logger = deps.logger.child({ device: 'cardReader', component: 'recovery' });
  let state: CardReaderRecoveryState = 'watching';
  let tried = 0;
  let timer: TimerHandle | null = null;
  let attempting = false;
  let stopped = false;

  const clearTimer = () => {
    if (timer) deps.clock.clearTimeout(timer);
    timer = null;
  };

  const schedule = (ms: number) => {
    clearTimer();
    timer = deps.clock.setTimeout(() => {
      timer = null;
      void attempt();
    }, ms);
  };

  const attempt = async () => {
    if (stopped || state !== 'recovering' || attempting) return;
    if (deps.isOnline()) return recovered();
    if (tried >= deps.attempts) return giveUp();
    if (deps.sessionActive()) return schedule(deps.spacingMs); // look again once the citizen may be done
    attempting = true;
    tried += 1;
    logger.warn({ attempt: tried, of: deps.attempts }, 'card reader not online: initialising it');
    const back = await deps.initialise().catch(() => false);
    attempting = false;
    if (stopped || state !== 'recovering') return;
    if (back || deps.isOnline()) return recovered();
    if (tried >= deps.attempts) return giveUp();
    schedule(deps.spacingMs);
  };

  const giveUp = () => {
    state = 'gave-up';
    clearTimer();
    logger.error({ attempts: tried }, 'card reader still not online: out of service');
    if (!deps.outOfService()) deps.giveUp(tried > 0 ? `card reader not online after ${tried} initialise attempts` : 'card reader not online');
  };

  const recovered = () => {
    logger.info({ attempts: tried }, tried > 0 ? 'card reader back online after initialising' : 'card reader back online');
    state = 'watching';
    tried = 0;
    clearTimer();
  };

  return {
    changed() {
      if (stopped) return;
      if (state === 'gave-up') {
        // Cleared by a technician (back in service): watch again from scratch.
        if (!deps.outOfService()) {
          state = 'watching';
          tried = 0;
        } else return;
      }
      if (state === 'watching') {
        if (deps.isOnline() || deps.outOfService()) return;
        state = 'recovering';
        tried = 0;
        void attempt();
        return;
      }
      // Recovering: back by itself, or a session that was in the way has ended.
      if (deps.isOnline()) return recovered();
      if (!timer && !attempting && !deps.sessionActive()) void attempt();
    },
    state: () => state,
    stop() {
      stopped = true;
      clearTimer();
    },
  };
}
