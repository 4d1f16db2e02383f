import { randomUUID } from 'node:crypto';
import type { Intent, IntentResult, KeypadInput, Language, LocalizedText, ViewModel } from '../../contract/index.ts';
import type { Clock } from '../clock/clock.ts';
import type { KioskConfig } from '../config/config-schema.ts';
import type { Logger } from '../log/logger.ts';
import { toServiceSummary, type ServiceCatalogue } from '../catalogue/service-catalogue.ts';
import { createIdleTimer, type IdleTimer } from '../session/idle-timer.ts';
import { SessionTable, type CitizenSession } from '../session/session.ts';
import type { KioskCoreApi } from '../kiosk-core-api.ts';
import type { JournalStore } from '../journal/journal-store.ts';
import { FlowRun } from '../flow/flow-run.ts';
import type { FlowPorts } from '../flow/step-context.ts';
import { serviceOffered, type Capability } from '../flow/service-needs.ts';
import type { TechnicianMode } from '../technician/technician-mode.ts';
import type { SpeechOutput } from '../speech/speech-output.ts';

export type OutOfServiceReason = Parameters<KioskCoreApi['setOutOfService']>[0];

const OUT_OF_SERVICE_TEXT: Record<NonNullable<OutOfServiceReason>, LocalizedText> = {
  'renderer-failures': { ar: 'هذا الجهاز خارج الخدمة مؤقتًا بسبب عطل فني. نعتذر عن الإزعاج.', en: 'This kiosk is temporarily out of service because of a technical fault. We apologise.' },
  technician: { ar: 'هذا الجهاز خارج الخدمة للصيانة. يرجى استخدام جهاز آخر أو مراجعة مركز الخدمة.', en: 'This kiosk is out of service for maintenance. Please use another kiosk or visit a service centre.' },
  device: { ar: 'هذا الجهاز خارج الخدمة مؤقتًا لعطل في أحد أجهزته.', en: 'This kiosk is temporarily out of service because one of its devices has a fault.' },
  journal: { ar: 'هذا الجهاز خارج الخدمة مؤقتًا. لم تُؤخذ أي مبالغ.', en: 'This kiosk is temporarily out of service. No money has been taken.' },
};

const refused = (message: string): IntentResult => ({ ok: false, code: 'refused', message });

export interface KioskCoreDeps {
  config: KioskConfig;
  clock: Clock;
  catalogue: ServiceCatalogue;
  logger: Logger;
  /** Devices and gateway as the flow runtime sees them. */
  ports: FlowPorts;
  journal: JournalStore;
  /** What is up right now; services needing anything else are hidden. */
  capabilities: () => ReadonlySet<Capability>;
  /** Technician diagnostics mode; without it, corner taps and technician commands are refused. */
  technician?: TechnicianMode;
  /** Speech through the keypad's headphones; silent without. */
  speech?: SpeechOutput;
}

/**
 * The authoritative kiosk: applies intents to the citizen session and
 * produces view models. The renderer can only ask; every rule lives here.
 */
export class KioskCore implements KioskCoreApi {
  readonly #deps: KioskCoreDeps;
  readonly #listeners = new Set<(view: ViewModel) => void>();
  readonly #keypadListeners = new Set<(input: KeypadInput) => void>();
  #headphones = false;
  readonly sessions = new SessionTable();
  #session: CitizenSession | null = null;
  #idle: IdleTimer | null = null;
  #epoch = 0;
  #outOfService: NonNullable<OutOfServiceReason> | null = null;
  #outOfServiceDetail: string | null = null;
  /** The technician's screen language (there is no citizen session to carry one). */
  #technicianLanguage: Language | null = null;

  constructor(deps: KioskCoreDeps) {
    this.#deps = deps;
  }

  subscribe(listener: (view: ViewModel) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  handle(intent: Intent): IntentResult {
    // Speech changes nothing on screen: no new view for it.
    if (intent.type === 'speak') return this.#speak(intent.text, intent.interrupt);
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

  /** Someone is at the machine: a citizen in a session, or a technician in technician mode. */
  inUse(): boolean {
    return this.#session !== null || Boolean(this.#deps.technician?.active);
  }

  onKeypad(listener: (input: KeypadInput) => void): () => void {
    this.#keypadListeners.add(listener);
    return () => this.#keypadListeners.delete(listener);
  }

  /**
   * A key of the tactile keypad: activity (like a touch: it keeps a session
   * or technician mode open, it does not answer the idle warning by itself),
   * then on to the page, which moves its focus or presses the key's button.
   */
  keypad(input: KeypadInput): void {
    if (this.#deps.technician?.active) this.#deps.technician.activity();
    else if (this.#session && this.#idle?.state().phase === 'active') this.#idle.activity();
    for (const listener of this.#keypadListeners) listener(input);
  }

  /** The keypad's headphone jack: speech is on only while something is plugged in. */
  setHeadphones(plugged: boolean): void {
    if (plugged === this.#headphones) return;
    this.#headphones = plugged;
    this.#deps.logger.info({ plugged }, plugged ? 'headphones plugged in: speech on' : 'headphones out: speech off');
    if (!plugged) this.#deps.speech?.stop();
    this.#emit();
  }

  #speak(text: string, interrupt: boolean): IntentResult {
    // Only into headphones: a screen can hold the citizen's name and address. The words are never logged.
    if (!this.#headphones || !this.#deps.speech) return refused('no headphones plugged in');
    this.#deps.speech.say(text, this.#screenLanguage(), interrupt);
    return { ok: true };
  }

  /** Why the kiosk is out of service, if it is (for the technician). */
  outOfServiceState(): { reason: NonNullable<OutOfServiceReason>; detail: string | null } | null {
    return this.#outOfService ? { reason: this.#outOfService, detail: this.#outOfServiceDetail } : null;
  }

  setOutOfService(reason: OutOfServiceReason, detail?: string): void {
    this.#outOfService = reason;
    this.#outOfServiceDetail = reason ? (detail ?? null) : null;
    this.#deps.logger.warn({ reason, detail: detail ?? null }, reason ? 'kiosk out of service' : 'kiosk back in service');
    if (reason && this.#session) this.wipeSession(`out-of-service:${reason}`);
    else this.#emit();
  }

  /** The barcode scanner read a reference: it answers a reference form if one is on screen. */
  scanned(reference: string): void {
    const flow = this.#session?.flow;
    if (!flow) return;
    this.#idle?.activity();
    if (flow.acceptScan(reference)) this.#emit();
  }

  /** Something outside changed (a device came or went): show the current state again. */
  refresh(): void {
    this.#emit();
  }

  wipeSession(reason: string): void {
    const session = this.#session;
    session?.flow?.dispose(reason);
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

  /** The language on screen: the citizen's, the technician's, or the kiosk's default. */
  #screenLanguage(): Language {
    const technicianActive = this.#deps.technician?.active ?? false;
    return this.#session?.language ?? (technicianActive ? this.#technicianLanguage : null) ?? this.#deps.config.languages.default;
  }

  view(): ViewModel {
    const technicianActive = this.#deps.technician?.active ?? false;
    const language = this.#screenLanguage();
    const technician = technicianActive ? (this.#deps.technician?.view(language) ?? null) : null;
    const common = {
      language,
      sessionEpoch: this.#epoch,
      idle: this.#idle?.state() ?? { phase: 'active' as const },
      helpOpen: this.#session?.helpOpen ?? false,
      ...(this.#headphones ? { headphones: true } : {}),
    };
    if (technician) return { screen: 'technician', ...common, technician };
    if (this.#outOfService) return { screen: 'out-of-service', ...common, reason: OUT_OF_SERVICE_TEXT[this.#outOfService] };
    const session = this.#session;
    if (!session) return { screen: 'attract', ...common };
    if (session.screen === 'language') return { screen: 'language', ...common };
    if (session.screen === 'menu' || !session.flow) {
      return { screen: 'menu', ...common, services: this.#offeredServices().map(toServiceSummary) };
    }
    return { screen: 'step', ...common, ...session.flow.view() };
  }

  #offeredServices() {
    const up = this.#deps.capabilities();
    return this.#deps.catalogue.available().filter((service) => serviceOffered(service, up));
  }

  /** Every intent but `speak`, which changes nothing on screen (handle() answers it without a new view). */
  #apply(intent: Exclude<Intent, { type: 'speak' }>): IntentResult {
    const technician = this.#deps.technician;
    // Technician mode is reached from the attract or out-of-service screen, never over a citizen.
    if (intent.type === 'cornerTap') {
      if (!technician) return refused('technician mode unavailable');
      return this.#session ? technician.tapDuringSession() : technician.cornerTap(intent.corner);
    }
    if (intent.type === 'technician') return technician ? technician.command(intent.command) : refused('technician mode unavailable');
    if (technician?.active) {
      if (intent.type === 'setLanguage' && this.#deps.config.languages.enabled.includes(intent.language)) {
        this.#technicianLanguage = intent.language;
        return { ok: true };
      }
      if (intent.type === 'touch') {
        technician.activity();
        return { ok: true };
      }
      return refused('technician mode is open');
    }
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
      flow: null,
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
    const service = this.#offeredServices().find((s) => s.id === serviceId);
    if (!service) return refused('service not available');
    const { config, clock, logger, ports } = this.#deps;
    const flow = new FlowRun(service, {
      clock,
      logger,
      ports,
      journal: this.#deps.journal,
      settings: { renewalWindowDays: config.services.renewalWindowDays, minimumAgeAdvancedEkey: config.services.minimumAgeAdvancedEkey, cardTakeSeconds: config.services.cardTakeSeconds },
      sessionId: session.id,
      language: () => session.language,
      kioskId: config.kiosk.id,
      idempotencyKey: `${session.id}:${service.id}:${randomUUID()}`,
      onChange: () => {
        if (this.#session?.flow === flow) this.#emit();
      },
      onEnd: (outcome) => {
        if (this.#session?.flow !== flow) return;
        logger.info({ session: session.id, service: service.id, outcome }, 'service left');
        session.flow = null;
        session.screen = 'menu';
        session.helpOpen = false;
        this.#emit();
      },
    });
    session.screen = 'step';
    session.flow = flow;
    session.helpOpen = false;
    logger.info({ session: session.id, service: service.id }, 'service started');
    flow.start();
    return { ok: true };
  }

  #submitStep(session: CitizenSession, stepId: string, values: Record<string, unknown>): IntentResult {
    if (session.screen !== 'step' || !session.flow) return refused('no step on screen');
    session.helpOpen = false;
    return session.flow.submit(stepId, values);
  }

  #back(session: CitizenSession): IntentResult {
    if (session.screen === 'step' && session.flow) return session.flow.back();
    if (session.screen === 'menu' && this.#deps.config.languages.enabled.length > 1) {
      session.screen = 'language';
      return { ok: true };
    }
    return refused('nothing to go back to');
  }

  #cancel(session: CitizenSession): IntentResult {
    // Inside a service, cancel leaves the service (the card is given back first); at the menu it ends the session.
    if (session.screen === 'step' && session.flow) return session.flow.cancel();
    this.wipeSession('citizen-ended');
    return { ok: true };
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
