import type { Frame, IntentResult, LocalizedText, StepView } from '../../contract/index.ts';
import type { Clock, TimerHandle } from '../clock/clock.ts';
import type { Logger } from '../log/logger.ts';
import type { ServiceDefinition, StepDefinition } from '../catalogue/service-schema.ts';
import { emptyFlowData, type FlowData } from './flow-data.ts';
import type { EligibilitySettings } from './eligibility.ts';
import type { JournalStore } from '../journal/journal-store.ts';
import { FLOW_TEXT } from './flow-texts.ts';
import { ok, refused, type FlowPorts, type StepContext, type StepInstance } from './step-context.ts';
import { STEP_FACTORIES, STEP_TIMEOUT_SECONDS, INPUT_STEP_KINDS } from './step-registry.ts';

/** What the citizen is told when a step the kiosk waits on runs out of time. */
const TIMEOUT_MESSAGES: Partial<Record<StepDefinition['kind'], LocalizedText>> = {
  'card-in': FLOW_TEXT.noCard,
  otp: FLOW_TEXT.otpExpired,
  submit: FLOW_TEXT.gatewayUnsure,
  lookup: FLOW_TEXT.gatewayDown,
  'chip-write': FLOW_TEXT.chipWriteFailed,
  'card-out': FLOW_TEXT.cardRetained,
};

export type FlowOutcome = 'completed' | 'cancelled' | 'failed' | 'back';

export interface FlowRunDeps {
  clock: Clock;
  logger: Logger;
  ports: FlowPorts;
  journal: JournalStore;
  settings: EligibilitySettings & { cardTakeSeconds: number };
  sessionId: string;
  idempotencyKey: string;
  language: () => 'ar' | 'en';
  kioskId: string;
  /** A new view is ready. */
  onChange(): void;
  /** The run is over; the citizen goes back to the menu. */
  onEnd(outcome: FlowOutcome): void;
}

/**
 * Runs one service definition step by step: the interpreter behind "services
 * are data". Each step kind is a small handler (steps/*.ts) that owns its
 * phase; this class moves between them, applies step timeouts on the
 * injected clock, keeps back/cancel honest around the point of no return,
 * and always gives the card back before the run ends.
 */
export class FlowRun {
  readonly service: ServiceDefinition;
  readonly data: FlowData;
  readonly #deps: FlowRunDeps;
  #index = 0;
  #instance: StepInstance | null = null;
  #controller = new AbortController();
  #timer: TimerHandle | undefined;
  #history: number[] = [];
  /** Set when the run is ending: first the message, then the card back, then out. */
  #ending: { outcome: FlowOutcome; message: { tone: 'error' | 'info'; body: LocalizedText } | null; phase: 'message' | 'card-out' } | null = null;
  #over = false;

  constructor(service: ServiceDefinition, deps: FlowRunDeps) {
    this.service = service;
    this.#deps = deps;
    this.data = emptyFlowData(deps.idempotencyKey);
  }

  start(): void {
    this.#enter(0, false);
  }

  get currentStep(): StepDefinition {
    return this.service.steps[this.#index]!;
  }

  view(): { frame: Frame; step: StepView } {
    const step = this.currentStep;
    const ending = this.#ending;
    const inputStep = INPUT_STEP_KINDS.has(step.kind);
    const frame: Frame = {
      serviceTitle: this.service.title,
      stepTitle: ending?.phase === 'message' ? FLOW_TEXT.notEligibleTitle : step.title,
      progress: { current: this.#index + 1, total: this.service.steps.length },
      canGoBack: !ending && !this.data.committed && inputStep && step.kind !== 'done',
      canCancel: !ending && !this.data.committed && step.kind !== 'done' && step.kind !== 'card-out',
      help: this.service.help,
    };
    if (ending?.phase === 'message' && ending.message) {
      return { frame, step: { kind: 'message', stepId: step.id, tone: ending.message.tone, body: ending.message.body, continueLabel: FLOW_TEXT.continue } };
    }
    return { frame, step: this.#instance!.view() };
  }

  submit(stepId: string, values: Record<string, unknown>): IntentResult {
    if (this.#over) return refused('the service has ended');
    // The page can only answer the step it shows: no skipping ahead.
    if (stepId !== this.currentStep.id) return refused('not the current step');
    if (this.#ending?.phase === 'message') {
      this.#wrapUp();
      return ok;
    }
    return this.#instance!.submit(values);
  }

  /**
   * A reference read by the barcode scanner. On a form that asks for a
   * reference it is the citizen's answer (as if typed and confirmed);
   * anywhere else it is ignored.
   */
  acceptScan(reference: string): boolean {
    const step = this.currentStep;
    if (this.#over || this.#ending || step.kind !== 'form') return false;
    const field = step.fields.find((f) => f.type === 'reference');
    if (!field || step.fields.length !== 1) return false;
    return this.#instance!.submit({ [field.id]: reference }).ok;
  }

  back(): IntentResult {
    if (this.#over || this.#ending) return refused('the service is ending');
    if (this.data.committed) return refused('the application is already on its way');
    if (!INPUT_STEP_KINDS.has(this.currentStep.kind)) return refused('please wait');
    // Go back to the last step the citizen answered; automatic steps (card reading, gateway calls) are not revisited.
    while (this.#history.length > 0) {
      const previous = this.#history.pop()!;
      if (INPUT_STEP_KINDS.has(this.service.steps[previous]!.kind)) {
        this.#enter(previous, false);
        return ok;
      }
    }
    this.#endWith('back', null);
    return ok;
  }

  cancel(): IntentResult {
    if (this.#over || this.#ending) return refused('the service is ending');
    if (this.data.committed) return refused('the application is already on its way');
    this.#endWith('cancelled', null);
    return ok;
  }

  /** The session is being wiped (idle, shutdown): stop everything, never keep a card silently. */
  dispose(reason: string): void {
    this.#over = true;
    // A secret must not outlive the session, even for as long as this object stays referenced.
    this.data.secrets.password = null;
    this.data.otpId = null;
    if (this.currentStep.kind === 'card-out' && this.#deps.ports.card.hasCard()) {
      // The card is already being given back (and its possible capture journaled): let that finish.
      this.#deps.clock.clearTimeout(this.#timer);
      this.#deps.logger.info({ service: this.service.id, reason }, 'session ended while the card is being returned');
      return;
    }
    this.#stopStep();
    if (this.#deps.ports.card.hasCard()) {
      this.#deps.logger.warn({ service: this.service.id, reason }, 'session ended with a card in the reader; returning it (retained if not taken)');
      let intentId: number | null = null;
      try {
        intentId = this.#deps.journal.recordIntent({
          action: 'capture',
          sessionId: this.#deps.sessionId,
          serviceId: this.service.id,
          idempotencyKey: `${this.data.idempotencyKey}:capture:session-end`,
          amountFils: null,
          cpr: null,
          maskedPan: null,
          detail: { reason: 'notTaken', after: reason.slice(0, 40) },
        });
      } catch (error) {
        this.#deps.logger.error({ err: (error as Error).message }, 'capture intent not journaled');
      }
      this.#deps.ports.card
        .release(this.#deps.settings.cardTakeSeconds, new AbortController().signal)
        .then((r) => {
          if (intentId !== null) this.#deps.journal.recordOutcome(intentId, r.kind === 'retained' ? 'success' : r.kind === 'taken' ? 'canceled' : 'in-doubt', { result: r.kind });
          this.#deps.logger.info({ result: r.kind }, 'card released after session end');
        })
        .catch(() => this.#deps.logger.error({}, 'card release after session end failed'));
    }
  }

  #enter(index: number, remember = true): void {
    this.#stopStep();
    if (remember) this.#history.push(this.#index);
    this.#index = index;
    const step = this.service.steps[index]!;
    const controller = new AbortController();
    this.#controller = controller;
    const ctx: StepContext = {
      step,
      service: this.service,
      data: this.data,
      ports: this.#deps.ports,
      clock: this.#deps.clock,
      logger: this.#deps.logger,
      journal: this.#deps.journal,
      sessionId: this.#deps.sessionId,
      language: this.#deps.language,
      kioskId: this.#deps.kioskId,
      settings: this.#deps.settings,
      signal: controller.signal,
      changed: () => !controller.signal.aborted && this.#deps.onChange(),
      advance: (next) => !controller.signal.aborted && !this.#over && this.#advance(next),
      fail: (body) => {
        if (controller.signal.aborted) return;
        this.#endWith('failed', { tone: 'error', body });
        // Ending aborts this step's signal, so its own "changed" is silent now: push the message here.
        this.#deps.onChange();
      },
      commit: () => {
        this.data.committed = true;
      },
    };
    const timeout = step.timeoutSeconds ?? STEP_TIMEOUT_SECONDS[step.kind];
    if (timeout) {
      this.#timer = this.#deps.clock.setTimeout(() => {
        if (controller.signal.aborted) return;
        this.#deps.logger.warn({ service: this.service.id, step: step.id }, 'step timed out');
        // A fingerprint that never comes is not a dead end: the alternative path takes over.
        if (step.kind === 'fingerprint') return this.#advance(step.alternative);
        this.#endWith('failed', { tone: 'error', body: TIMEOUT_MESSAGES[step.kind] ?? FLOW_TEXT.gatewayDown });
        this.#deps.onChange();
      }, timeout * 1000);
    }
    this.#instance = (STEP_FACTORIES[step.kind] as (c: StepContext) => StepInstance)(ctx);
  }

  #advance(next?: string): void {
    if (this.#ending?.phase === 'card-out') return this.#finish();
    const step = this.currentStep;
    if (step.kind === 'done') return this.#finish();
    const target = next ?? step.next;
    const index = target ? this.service.steps.findIndex((s) => s.id === target) : this.#index + 1;
    if (index < 0 || index >= this.service.steps.length) return this.#finish();
    this.#enter(index);
    this.#deps.onChange();
  }

  #endWith(outcome: FlowOutcome, message: { tone: 'error' | 'info'; body: LocalizedText } | null): void {
    this.#stopStep();
    this.#ending = { outcome, message, phase: 'message' };
    if (!message) this.#wrapUp();
  }

  /** After the message: give the card back if there is one, then end. */
  #wrapUp(): void {
    const ending = this.#ending!;
    const cardOut = this.service.steps.findIndex((s) => s.kind === 'card-out');
    if (this.#deps.ports.card.hasCard() && cardOut >= 0) {
      ending.phase = 'card-out';
      this.#enter(cardOut, false);
      this.#deps.onChange();
      return;
    }
    this.#finish();
  }

  #finish(): void {
    if (this.#over) return;
    this.#over = true;
    this.#stopStep();
    const outcome = this.#ending?.outcome ?? 'completed';
    this.#deps.logger.info({ service: this.service.id, outcome }, 'service run ended');
    this.#deps.onEnd(outcome);
  }

  #stopStep(): void {
    this.#controller.abort();
    this.#deps.clock.clearTimeout(this.#timer);
    this.#timer = undefined;
  }
}
