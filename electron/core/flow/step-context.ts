import type { IntentResult, LocalizedText, StepView } from '../../contract/index.ts';
import type { Clock } from '../clock/clock.ts';
import type { Logger } from '../log/logger.ts';
import type { ServiceDefinition, StepDefinition } from '../catalogue/service-schema.ts';
import type { FlowData } from './flow-data.ts';
import type { CardPort, FingerprintPort, GatewayPort, PrinterPort } from './flow-ports.ts';
import type { PaymentTerminalPort } from '../payments/payment-port.ts';
import type { JournalStore } from '../journal/journal-store.ts';
import type { EligibilitySettings } from './eligibility.ts';

export interface FlowPorts {
  card: CardPort;
  fingerprint: FingerprintPort;
  gateway: GatewayPort;
  terminal: PaymentTerminalPort;
  printer: PrinterPort;
}

/** What a step handler gets: its definition, the run's data and ways to move the flow on. */
export interface StepContext<S extends StepDefinition = StepDefinition> {
  readonly step: S;
  readonly service: ServiceDefinition;
  readonly data: FlowData;
  readonly ports: FlowPorts;
  readonly clock: Clock;
  readonly logger: Logger;
  /** Intent before every irreversible action, outcome after. */
  readonly journal: JournalStore;
  readonly sessionId: string;
  /** The citizen's language now (receipts are printed in it). */
  readonly language: () => 'ar' | 'en';
  readonly kioskId: string;
  readonly settings: EligibilitySettings & { cardTakeSeconds: number };
  /** Aborted when the step is left (cancel, back, wipe): async work must stop. */
  readonly signal: AbortSignal;
  /** The view changed (async work finished): push a new view model. */
  changed(): void;
  /** Go on: to `next` when given, else to the step's own `next`, else the following step. */
  advance(next?: string): void;
  /** End the service with a message; the card is given back first. */
  fail(body: LocalizedText): void;
  /** Mark the point of no return: no back or cancel from here on. */
  commit(): void;
}

/** One entered step: it owns its little state (phase, tries left…) and renders it. */
export interface StepInstance {
  view(): StepView;
  submit(values: Record<string, unknown>): IntentResult;
}

export type StepFactory<S extends StepDefinition> = (ctx: StepContext<S>) => StepInstance;

export const ok: IntentResult = { ok: true };
export const refused = (message: string): IntentResult => ({ ok: false, code: 'refused', message });

/** Runs async work for a step; ignores its result if the step was left meanwhile, and never lets it throw. */
export function whileOnStep<T>(ctx: StepContext, work: Promise<T>, then: (value: T) => void): void {
  work.then(
    (value) => {
      if (ctx.signal.aborted) return;
      then(value);
      ctx.changed();
    },
    (error: unknown) => {
      if (ctx.signal.aborted) return;
      ctx.logger.error({ err: error instanceof Error ? error.message : String(error), step: ctx.step.id }, 'step work failed');
      ctx.fail({ ar: 'حدث خطأ غير متوقع. لم يُنفَّذ أي إجراء.', en: 'Something went wrong. Nothing was done.' });
    },
  );
}
