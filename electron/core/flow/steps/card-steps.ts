import { toLatinDigits, type LocalizedText } from '../../../contract/index.ts';
import type { StepDefinition } from '../../catalogue/service-schema.ts';
import { firstFailingRule } from '../eligibility.ts';
import { FLOW_TEXT } from '../flow-texts.ts';
import { resolveValue } from '../flow-data.ts';
import { ok, refused, whileOnStep, type StepFactory } from '../step-context.ts';

type Step<K extends StepDefinition['kind']> = Extract<StepDefinition, { kind: K }>;

/** Open the slot, read the chip, check eligibility on the card's own data. */
export const cardInStep: StepFactory<Step<'card-in'>> = (ctx) => {
  let phase: 'insert' | 'reading' = 'insert';
  let error: LocalizedText | undefined;
  const read = () => {
    phase = 'insert';
    whileOnStep(ctx, ctx.ports.card.readCard(ctx.signal), (result) => {
      switch (result.kind) {
        case 'read': {
          const notEligible = firstFailingRule(ctx.step.eligibility, result.card, ctx.clock.now(), ctx.settings);
          ctx.data.card = result.card;
          if (notEligible) {
            ctx.logger.info({ service: ctx.service.id }, 'citizen not eligible');
            return ctx.fail(notEligible);
          }
          return ctx.advance();
        }
        case 'removed':
          error = FLOW_TEXT.cardRemovedTooSoon;
          return read();
        case 'unreadable':
          return ctx.fail(FLOW_TEXT.cardUnreadable);
        case 'foreign':
          return ctx.fail(FLOW_TEXT.cardForeign);
        case 'timeout':
          return ctx.fail(FLOW_TEXT.noCard);
        case 'device-fault':
          return ctx.fail(FLOW_TEXT.readerFault);
      }
    });
  };
  read();
  return {
    view: () => ({ kind: 'insert-card', stepId: ctx.step.id, phase, ...(error ? { error } : {}) }),
    submit: () => refused('waiting for the card'),
  };
};

const PIN_DIGITS = { min: 4, max: 8 };

function readPin(values: Record<string, unknown>): string | null {
  const pin = typeof values.pin === 'string' ? toLatinDigits(values.pin) : '';
  return new RegExp(`^\\d{${PIN_DIGITS.min},${PIN_DIGITS.max}}$`).test(pin) ? pin : null;
}

/**
 * `verify`: the card PIN, checked by the chip (tries left come from the chip).
 * `new`: a new PIN typed twice, written to the chip (PIN unblock/reset).
 * The PIN lives only inside this closure and only until it is sent.
 */
export const pinStep: StepFactory<Step<'pin'>> = (ctx) => {
  let mode: 'verify' | 'new' | 'confirm' = ctx.step.mode === 'verify' ? 'verify' : 'new';
  let busy = false;
  let triesLeft: number | undefined;
  let error: LocalizedText | undefined;
  let firstEntry: string | null = null;
  return {
    view: () =>
      busy
        ? { kind: 'busy', stepId: ctx.step.id, body: FLOW_TEXT.checking }
        : {
            kind: 'pin',
            stepId: ctx.step.id,
            mode,
            minDigits: PIN_DIGITS.min,
            maxDigits: PIN_DIGITS.max,
            ...(triesLeft !== undefined ? { triesLeft } : {}),
            ...(error ? { error } : {}),
          },
    submit: (values) => {
      if (busy) return refused('busy');
      const pin = readPin(values);
      if (!pin) {
        error = FLOW_TEXT.pinFormat;
        return ok;
      }
      if (mode === 'new') {
        firstEntry = pin;
        mode = 'confirm';
        error = undefined;
        return ok;
      }
      if (mode === 'confirm') {
        if (pin !== firstEntry) {
          firstEntry = null;
          mode = 'new';
          error = FLOW_TEXT.pinMismatch;
          return ok;
        }
        firstEntry = null;
        busy = true;
        whileOnStep(ctx, ctx.ports.card.setNewPin(pin, ctx.signal), (result) => {
          busy = false;
          if (result.kind === 'ok') return ctx.advance();
          return ctx.fail(result.kind === 'removed' ? FLOW_TEXT.cardRemoved : FLOW_TEXT.chipWriteFailed);
        });
        return ok;
      }
      busy = true;
      whileOnStep(ctx, ctx.ports.card.verifyPin(pin, ctx.signal), (result) => {
        busy = false;
        switch (result.kind) {
          case 'ok':
            return ctx.advance();
          case 'wrong':
            triesLeft = result.triesLeft;
            error = FLOW_TEXT.pinWrong;
            if (result.triesLeft === 0) return ctx.fail(FLOW_TEXT.pinBlocked);
            return;
          case 'blocked':
            return ctx.fail(FLOW_TEXT.pinBlocked);
          case 'removed':
            return ctx.fail(FLOW_TEXT.cardRemoved);
          case 'device-fault':
            return ctx.fail(FLOW_TEXT.readerFault);
        }
      });
      return ok;
    },
  };
};

/** Writes the new address to the card chip (the chip-update service). Irreversible. */
export const chipWriteStep: StepFactory<Step<'chip-write'>> = (ctx) => {
  const value = (ref: string) => resolveValue(ref, ctx.data, ctx.service.feeFils);
  const address = { block: value(ctx.step.address.block), road: value(ctx.step.address.road), building: value(ctx.step.address.building), flat: value(ctx.step.address.flat) || null };
  ctx.commit();
  whileOnStep(ctx, ctx.ports.card.writeAddress(address, ctx.signal), (result) => {
    if (result.kind === 'ok') return ctx.advance();
    return ctx.fail(result.kind === 'removed' ? FLOW_TEXT.cardRemoved : FLOW_TEXT.chipWriteFailed);
  });
  return {
    view: () => ({ kind: 'busy', stepId: ctx.step.id, body: FLOW_TEXT.writingChip }),
    submit: () => refused('busy'),
  };
};

/** Give the card back: eject, wait for the citizen to take it, retain after the wait (policy). */
export const cardOutStep: StepFactory<Step<'card-out'>> = (ctx) => {
  let phase: 'ejecting' | 'take' | 'retained' = 'ejecting';
  if (!ctx.ports.card.hasCard()) {
    queueMicrotask(() => !ctx.signal.aborted && ctx.advance());
  } else {
    phase = 'take';
    whileOnStep(ctx, ctx.ports.card.release(ctx.step.waitSeconds, ctx.signal), (result) => {
      if (result.kind === 'taken') return ctx.advance();
      // The reader captured the card by itself (retain-on-timeout): the technician must find it in the bin.
      if (result.kind === 'retained') ctx.journal.recordEvent({ type: 'card-retained', sessionId: ctx.sessionId, serviceId: ctx.service.id, detail: { reason: 'notTaken' } });
      phase = 'retained';
      ctx.logger.warn({ service: ctx.service.id, result: result.kind }, 'card not taken back');
    });
  }
  return {
    view: () =>
      phase === 'retained'
        ? { kind: 'message', stepId: ctx.step.id, tone: 'info', body: FLOW_TEXT.cardRetained, continueLabel: FLOW_TEXT.ok }
        : { kind: 'take-card', stepId: ctx.step.id, phase, body: phase === 'take' ? FLOW_TEXT.takeCard : FLOW_TEXT.ejecting },
    submit: () => {
      if (phase !== 'retained') return refused('waiting for the card to be taken');
      ctx.advance();
      return ok;
    },
  };
};
