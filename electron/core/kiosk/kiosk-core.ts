import { randomUUID } from 'node:crypto';
import type { Intent, IntentResult, Language, LocalizedText, StepView, ViewModel } from '../../contract/index.ts';
import type { Clock } from '../clock/clock.ts';
import type { KioskConfig } from '../config/config-schema.ts';
import type { Logger } from '../log/logger.ts';
import { toServiceSummary, type ServiceCatalogue } from '../catalogue/service-catalogue.ts';
import type { ServiceDefinition, StepDefinition } from '../catalogue/service-schema.ts';
import { createIdleTimer, type IdleTimer } from '../session/idle-timer.ts';
import { SessionTable, type CitizenSession } from '../session/session.ts';
import { checkField } from '../session/field-validation.ts';
import type { KioskCoreApi } from '../kiosk-core-api.ts';

export type OutOfServiceReason = Parameters<KioskCoreApi['setOutOfService']>[0];

const OUT_OF_SERVICE_TEXT: Record<NonNullable<OutOfServiceReason>, LocalizedText> = {
  'renderer-failures': { ar: 'هذا الجهاز خارج الخدمة مؤقتًا بسبب عطل فني. نعتذر عن الإزعاج.', en: 'This kiosk is temporarily out of service because of a technical fault. We apologise.' },
  technician: { ar: 'هذا الجهاز خارج الخدمة للصيانة. يرجى استخدام جهاز آخر أو مراجعة مركز الخدمة.', en: 'This kiosk is out of service for maintenance. Please use another kiosk or visit a service centre.' },
  device: { ar: 'هذا الجهاز خارج الخدمة مؤقتًا لعطل في أحد أجهزته.', en: 'This kiosk is temporarily out of service because one of its devices has a fault.' },
  journal: { ar: 'هذا الجهاز خارج الخدمة مؤقتًا. لم تُؤخذ أي مبالغ.', en: 'This kiosk is temporarily out of service. No money has been taken.' },
};

const CONTINUE: LocalizedText = { ar: 'متابعة', en: 'Continue' };
const FINISH: LocalizedText = { ar: 'إنهاء', en: 'Finish' };

const refused = (message: string): IntentResult => ({ ok: false, code: 'refused', message });

export interface KioskCoreDeps {
  config: KioskConfig;
  clock: Clock;
  catalogue: ServiceCatalogue;
  logger: Logger;
}

/**
 * The authoritative kiosk: applies intents to the citizen session and
 * produces view models. The renderer can only ask; every rule lives here.
 */
export class KioskCore implements KioskCoreApi {
  readonly #deps: KioskCoreDeps;
  readonly #listeners = new Set<(view: ViewModel) => void>();
  readonly sessions = new SessionTable();
  #session: CitizenSession | null = null;
  #idle: IdleTimer | null = null;
  #epoch = 0;
  #outOfService: NonNullable<OutOfServiceReason> | null = null;

  constructor(deps: KioskCoreDeps) {
    this.#deps = deps;
  }

  subscribe(listener: (view: ViewModel) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  handle(intent: Intent): IntentResult {
    try {
      const result = this.#apply(intent);
      if (result.ok) this.#emit();
      return result;
    } catch (error) {
      // A bug in one handler must not take the kiosk down: log, end the session safely.
      this.#deps.logger.error({ err: (error as Error).message, intent: intent.type }, 'intent handler failed; session wiped');
      this.wipeSession('internal-error');
      return { ok: false, code: 'unavailable', message: 'internal error' };
    }
  }

  setOutOfService(reason: OutOfServiceReason): void {
    this.#outOfService = reason;
    this.#deps.logger.warn({ reason }, reason ? 'kiosk out of service' : 'kiosk back in service');
    if (reason && this.#session) this.wipeSession(`out-of-service:${reason}`);
    else this.#emit();
  }

  wipeSession(reason: string): void {
    const session = this.#session;
    this.#idle?.stop();
    this.#idle = null;
    this.#session = null;
    if (session) {
      this.sessions.remove(session.id);
      this.#deps.logger.info({ session: session.id, reason, durationMs: this.#deps.clock.now() - session.startedAt }, 'session ended and wiped');
    }
    this.#epoch += 1;
    this.#emit();
  }

  view(): ViewModel {
    const { config } = this.#deps;
    const language = this.#session?.language ?? config.languages.default;
    const common = {
      language,
      sessionEpoch: this.#epoch,
      idle: this.#idle?.state() ?? { phase: 'active' as const },
      helpOpen: this.#session?.helpOpen ?? false,
    };
    if (this.#outOfService) return { screen: 'out-of-service', ...common, reason: OUT_OF_SERVICE_TEXT[this.#outOfService] };
    const session = this.#session;
    if (!session) return { screen: 'attract', ...common };
    if (session.screen === 'language') return { screen: 'language', ...common };
    if (session.screen === 'menu') {
      return { screen: 'menu', ...common, services: this.#deps.catalogue.available().map(toServiceSummary) };
    }
    const service = this.#currentService(session);
    const step = service.steps[session.stepIndex]!;
    const isLast = step.kind === 'done';
    return {
      screen: 'step',
      ...common,
      frame: {
        serviceTitle: service.title,
        stepTitle: step.title,
        progress: { current: session.stepIndex + 1, total: service.steps.length },
        canGoBack: !isLast,
        canCancel: !isLast,
        help: service.help,
      },
      step: this.#stepView(step, session),
    };
  }

  #stepView(step: StepDefinition, session: CitizenSession): StepView {
    switch (step.kind) {
      case 'info':
        return { kind: 'info', stepId: step.id, body: step.body, continueLabel: CONTINUE };
      case 'form':
        return {
          kind: 'form',
          stepId: step.id,
          fields: step.fields.map((field) => ({
            id: field.id,
            label: field.label,
            keyboard: field.type === 'digits' ? 'numeric' : field.type === 'mobile' ? 'phone' : field.type === 'email' ? 'email' : 'text',
            maxLength: field.maxLength,
            value: session.draft[field.id] ?? session.values.get(step.id)?.[field.id] ?? '',
            ...(session.errors[field.id] ? { error: session.errors[field.id] } : {}),
            ...(field.hint ? { hint: field.hint } : {}),
          })),
        };
      case 'done':
        return { kind: 'message', stepId: step.id, tone: 'success', body: step.body, continueLabel: FINISH };
      default:
        // The catalogue never offers a service with a step kind this build cannot run.
        throw new Error(`step kind ${step.kind} is not supported`);
    }
  }

  #apply(intent: Intent): IntentResult {
    if (this.#outOfService) return intent.type === 'touch' ? { ok: true } : refused('out of service');
    const session = this.#session;
    if (intent.type === 'touch') {
      // Touch keeps an active session alive; it does not answer the idle warning by itself.
      if (session && this.#idle?.state().phase === 'active') this.#idle.activity();
      return { ok: true };
    }
    if (!session) {
      if (intent.type === 'start') return this.#startSession();
      return refused('no session');
    }
    this.#idle?.activity();
    switch (intent.type) {
      case 'start':
        return { ok: true };
      case 'needMoreTime':
        return { ok: true };
      case 'setLanguage':
        return this.#setLanguage(session, intent.language);
      case 'help':
        if (session.screen !== 'step') return refused('help is shown inside a service');
        session.helpOpen = true;
        return { ok: true };
      case 'closeHelp':
        session.helpOpen = false;
        return { ok: true };
      case 'selectService':
        return this.#selectService(session, intent.serviceId);
      case 'submitStep':
        return this.#submitStep(session, intent.stepId, intent.values);
      case 'back':
        return this.#back(session);
      case 'cancel':
        return this.#cancel(session);
    }
  }

  #startSession(): IntentResult {
    const { config, clock } = this.#deps;
    const onlyOneLanguage = config.languages.enabled.length === 1;
    const session: CitizenSession = {
      id: randomUUID(),
      startedAt: clock.now(),
      language: config.languages.default,
      screen: onlyOneLanguage ? 'menu' : 'language',
      serviceId: null,
      stepIndex: 0,
      values: new Map(),
      draft: {},
      errors: {},
      helpOpen: false,
    };
    this.#session = session;
    this.sessions.add(session);
    this.#epoch += 1;
    this.#idle = createIdleTimer({
      clock,
      warningAfterMs: config.idle.warningAfterSeconds * 1000,
      answerWithinSeconds: config.idle.answerWithinSeconds,
      onChange: () => this.#emit(),
      onExpire: () => this.wipeSession('idle-timeout'),
    });
    this.#deps.logger.info({ session: session.id }, 'session started');
    return { ok: true };
  }

  #setLanguage(session: CitizenSession, language: Language): IntentResult {
    if (!this.#deps.config.languages.enabled.includes(language)) return refused('language not enabled');
    session.language = language;
    if (session.screen === 'language') session.screen = 'menu';
    return { ok: true };
  }

  #selectService(session: CitizenSession, serviceId: string): IntentResult {
    if (session.screen !== 'menu') return refused('services are chosen from the menu');
    const service = this.#deps.catalogue.find(serviceId);
    if (!service) return refused('service not available');
    session.screen = 'step';
    session.serviceId = service.id;
    session.stepIndex = 0;
    session.values = new Map();
    this.#clearStepState(session);
    this.#deps.logger.info({ session: session.id, service: service.id }, 'service started');
    return { ok: true };
  }

  #submitStep(session: CitizenSession, stepId: string, values: Record<string, unknown>): IntentResult {
    if (session.screen !== 'step') return refused('no step on screen');
    const service = this.#currentService(session);
    const step = service.steps[session.stepIndex]!;
    // The renderer can only answer the step it is showing: no skipping ahead.
    if (step.id !== stepId) return refused('not the current step');
    if (step.kind === 'form') {
      const cleaned: Record<string, string> = {};
      const errors: CitizenSession['errors'] = {};
      const draft: Record<string, string> = {};
      for (const field of step.fields) {
        const input = values[field.id];
        draft[field.id] = typeof input === 'string' ? input.slice(0, field.maxLength) : '';
        const check = checkField(field, input);
        if (check.ok) cleaned[field.id] = check.value;
        else errors[field.id] = check.error;
      }
      if (Object.keys(errors).length > 0) {
        session.draft = draft;
        session.errors = errors;
        return { ok: true };
      }
      session.values.set(step.id, cleaned);
    }
    if (step.kind === 'done') {
      this.#leaveService(session, 'completed');
      return { ok: true };
    }
    session.stepIndex += 1;
    this.#clearStepState(session);
    return { ok: true };
  }

  #back(session: CitizenSession): IntentResult {
    if (session.screen === 'step') {
      const step = this.#currentService(session).steps[session.stepIndex]!;
      if (step.kind === 'done') return refused('the service is finished');
      if (session.stepIndex === 0) this.#leaveService(session, 'back');
      else {
        session.stepIndex -= 1;
        this.#clearStepState(session);
      }
      return { ok: true };
    }
    if (session.screen === 'menu' && this.#deps.config.languages.enabled.length > 1) {
      session.screen = 'language';
      return { ok: true };
    }
    return refused('nothing to go back to');
  }

  #cancel(session: CitizenSession): IntentResult {
    if (session.screen === 'step') {
      // Leaving a service drops everything typed in it; the citizen stays at the menu.
      this.#leaveService(session, 'cancelled');
      return { ok: true };
    }
    this.wipeSession('citizen-ended');
    return { ok: true };
  }

  #leaveService(session: CitizenSession, how: string): void {
    this.#deps.logger.info({ session: session.id, service: session.serviceId, how }, 'service left');
    session.screen = 'menu';
    session.serviceId = null;
    session.stepIndex = 0;
    session.values = new Map();
    this.#clearStepState(session);
  }

  #clearStepState(session: CitizenSession): void {
    session.draft = {};
    session.errors = {};
    session.helpOpen = false;
  }

  #currentService(session: CitizenSession): ServiceDefinition {
    const service = session.serviceId ? this.#deps.catalogue.find(session.serviceId) : undefined;
    if (!service) throw new Error('session points at a service that is not available');
    return service;
  }

  #emit(): void {
    const view = this.view();
    for (const listener of this.#listeners) {
      try {
        listener(view);
      } catch (error) {
        this.#deps.logger.error({ err: (error as Error).message }, 'view listener failed');
      }
    }
  }
}
