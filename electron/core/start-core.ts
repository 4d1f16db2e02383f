import { isAbsolute, join, resolve } from 'node:path';
import { openSqliteJournal } from './journal/sqlite-journal-store.ts';
import { cprHasher, cprSealer, loadOrCreateJournalKey, type CprSealer } from './journal/personal-data.ts';
import { scheduleJournalRetention } from './journal/journal-retention.ts';
import { guardJournal, unavailableJournal } from './journal/guarded-journal.ts';
import { withCrashPoint } from './journal/crash-point.ts';
import { JournalUnavailableError } from './journal/journal-errors.ts';
import type { AddressInfo } from 'node:net';
import { createManualClock, createSystemClock, type Clock, type ManualClock } from './clock/clock.ts';
import { loadConfig } from './config/load-config.ts';
import type { KioskConfig } from './config/config-schema.ts';
import { createLogger, type Logger } from './log/logger.ts';
import { loadServiceCatalogue } from './catalogue/service-catalogue.ts';
import { unavailablePorts } from './flow/unavailable-ports.ts';
import { startKioskHardware } from './hardware/kiosk-hardware.ts';
import type { SimulatorHost, SimulatorHostFactory } from './hardware/simulator-host.ts';
import { recoverUnfinishedWork, type NotifyCitizen, type RecoveredRun } from './recovery/startup-recovery.ts';
import { scheduleSettlement } from './settlement/settlement-scheduler.ts';
import { settle } from './settlement/settlement.ts';
import { zvtSettlementPort } from './settlement/zvt-settlement-adapter.ts';
import { SUPPORTED_STEP_KINDS } from './flow/step-registry.ts';
import { KioskCore } from './kiosk/kiosk-core.ts';
import { openAuditLog, readAuditEntries } from './audit/audit-log.ts';
import { createAuditAnchoring, startAnchoring, type AnchorCheck, type AuditAnchoring } from './audit/audit-anchor.ts';
import { gatewayAuditAnchorPort } from './gateway/audit-anchor-port.ts';
import { watchCardReader } from './hardware/card-reader-recovery.ts';
import { recordingSpeech, silentSpeech } from './speech/speech-output.ts';
import { espeakSpeech } from './speech/espeak-speech.ts';
import { staffCardPortFor } from './technician/staff-card-port.ts';
import { IdCardReader } from '../devices/card-reader/driver/index.ts';
import { TechnicianMode } from './technician/technician-mode.ts';
import { fileLockoutStore } from './technician/lockout-store.ts';
import { deviceOverview, recoveryRows } from './technician/device-overview.ts';
import { runSelfTest, settleNow } from './technician/device-actions.ts';
import { exportLogs } from './technician/log-export.ts';
import { configFields, saveConfig } from './technician/config-editor.ts';
import { acknowledgementDetail, countersFrom, searchJournal } from './technician/journal-views.ts';
import { createKioskHttpServer } from './bridge/http-server.ts';
import { attachBridge, type Bridge } from './bridge/ws-bridge.ts';
import { createLaunchToken } from './bridge/launch-token.ts';
import { handleTestHook } from './testing/test-hooks.ts';
import type { DestinationStream } from 'pino';

export interface StartCoreOptions {
  /** Root that relative paths in the config are resolved against. */
  root: string;
  /** Defaults file; `resources/config/default.json` under root if omitted. */
  defaultConfigFile?: string;
  /** The machine's override file, or null for none. */
  overrideConfigFile?: string | null;
  /** Serve the renderer and the WebSocket bridge (browser shell). The Electron shell uses IPC instead. */
  serve: boolean;
  logDestination?: DestinationStream;
  /**
   * Starts the simulators when the configuration asks for simulated devices
   * or gateway. Entry points pass native-mocks' host; without one, simulated
   * devices are simply unavailable (their services hidden).
   */
  simulatorHost?: SimulatorHostFactory;
}

export interface RunningCore {
  core: KioskCore;
  config: KioskConfig;
  logger: Logger;
  clock: Clock;
  /** The page URL with the launch token in the fragment (browser shell only). */
  url: string | null;
  origin: string | null;
  token: string;
  /** The simulators' control panel and API, when simulators run. */
  simulators: { panelUrl: string; controlUrl: string; controlToken: string } | null;
  /** What start-up recovery did, for the technician. */
  recovered: RecoveredRun[];
  close(): Promise<void>;
}

/** Starts simulators and devices; a failure leaves the kiosk running with those services hidden. */
async function startHardware(config: KioskConfig, clock: Clock, logger: Logger, factory: SimulatorHostFactory | undefined) {
  const wantsSims = Object.values(config.devices).some((d) => d.mode !== 'real') || config.gateway.mode === 'sim';
  let host: SimulatorHost | null = null;
  try {
    if (wantsSims && factory) {
      host = await factory({
        baud: { cardReader: config.devices.cardReader.baud, paymentTerminal: config.devices.paymentTerminal.baud, receiptPrinter: config.devices.receiptPrinter.baud },
        controlPort: config.simulators.controlPort,
        today: () => new Date(clock.now()),
      });
      logger.info({ panel: host.controlUrl }, 'simulated hardware started');
    }
    if (wantsSims && !host) {
      logger.warn({}, 'simulated devices configured but no simulators in this shell; services needing them are hidden');
      return { host: null, hardware: null };
    }
    const hardware = await startKioskHardware({ config, logger, host });
    return { host, hardware };
  } catch (error) {
    logger.error({ err: (error as Error).message }, 'devices could not be started; services needing them are hidden');
    await host?.close().catch(() => {});
    return { host: null, hardware: null };
  }
}

/**
 * Opens the journal in the data directory. A journal that cannot be opened
 * or fails its integrity check does not stop the process: the kiosk shows
 * citizens the out-of-service screen and takes no money.
 */
function openJournal(dataDir: string, clock: Clock, logger: Logger, onUnavailable: (error: JournalUnavailableError) => void) {
  try {
    const key = loadOrCreateJournalKey(join(dataDir, 'journal.key'));
    const sealer = cprSealer(key);
    const store = openSqliteJournal({ file: join(dataDir, 'journal.sqlite'), now: () => clock.now(), hashCpr: cprHasher(key), sealCpr: sealer.seal, maxPages: 64 * 1024 });
    return { store: guardJournal(withCrashPoint(store), (error) => {
      logger.fatal({ reason: error.reason, err: error.message }, 'journal unavailable; going out of service');
      onUnavailable(error);
    }), failure: null, sealer: sealer as CprSealer | null };
  } catch (error) {
    const failure = error instanceof JournalUnavailableError ? error : new JournalUnavailableError('unwritable', (error as Error).message);
    logger.fatal({ reason: failure.reason, err: failure.message }, 'journal cannot be opened; kiosk out of service');
    return { store: unavailableJournal(failure), failure, sealer: null };
  }
}

/**
 * How long finished journal records are kept. Long enough for disputes and
 * audits of a payment (chargebacks are raised within months), short enough
 * that the size cap is never reached by a busy kiosk.
 */
const JOURNAL_RETENTION_DAYS = 180;

/** A start-up problem with one clear sentence for the console. */
export class StartupError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StartupError';
  }
}

export async function startKioskCore(options: StartCoreOptions): Promise<RunningCore> {
  const defaultFile = options.defaultConfigFile ?? join(options.root, 'resources/config/default.json');
  const { config, sources } = loadConfig(defaultFile, options.overrideConfigFile ?? null);
  const fromRoot = (p: string) => (isAbsolute(p) ? p : resolve(options.root, p));
  const logFile = join(fromRoot(config.paths.dataDir), 'logs', 'kiosk.log');
  const logger = createLogger({ level: config.log.level, file: logFile, ...(options.logDestination ? { destination: options.logDestination } : {}) });
  const manualClock: ManualClock | null = config.testing.manualClock ? createManualClock() : null;
  const clock: Clock = manualClock ?? createSystemClock();
  logger.info({ sources, kiosk: config.kiosk.id, manualClock: Boolean(manualClock) }, 'configuration loaded');

  const catalogue = loadServiceCatalogue({
    directory: fromRoot(config.paths.services),
    supportedStepKinds: SUPPORTED_STEP_KINDS,
    paymentsAvailable: true,
    logger,
  });
  // Technician mode's hash-chained audit log and PIN lockout live in the data directory, next to the journal.
  const dataDir = fromRoot(config.paths.dataDir);
  // Each new head goes off the machine, once the start-up check against the gateway's heads has run (below).
  let anchoring: AuditAnchoring | null = null;
  const audit = openAuditLog(join(dataDir, 'audit.log'), () => clock.now(), (entry) => anchoring?.headChanged(entry));
  let journalUp = true;
  const journal = openJournal(dataDir, clock, logger, (error) => {
    journalUp = false;
    audit.append({ role: 'system', action: 'auto-out-of-service', detail: `journal ${error.reason}` });
    core.setOutOfService('journal', error.message);
  });
  const { host, hardware } = await startHardware(config, clock, logger, options.simulatorHost);
  // On the system clock, like the gateway it talks to: the session clock of tests does not move its retries.
  const auditAnchors = hardware ? createAuditAnchoring({ port: gatewayAuditAnchorPort(hardware.gateway), clock: createSystemClock(), logger }) : null;
  if (auditAnchors) {
    void startAnchoring(auditAnchors, () => readAuditEntries(audit.file), (check) => {
      logger.error({ state: check.state, seq: check.seq }, 'the audit log does not hold a head the gateway was sent: it was cut short or rewritten');
      audit.append({ role: 'system', action: 'audit-anchor-mismatch', detail: check.state === 'truncated' ? `entry ${check.seq} is missing (${check.localEntries} entries left)` : `entry ${check.seq} differs from the one sent to the gateway` });
    })
      .catch((error: Error) => logger.error({ err: error.message }, 'audit anchoring could not start'))
      .finally(() => (anchoring = auditAnchors));
  }
  const ports = hardware?.ports ?? unavailablePorts();
  // Before the first citizen: settle whatever a crash or power cut left unfinished.
  // A citizen whose payment a crash interrupted is told by SMS, to the mobile registered for their CPR (bilingual text).
  const notify: NotifyCitizen = async ({ cpr, reference, text, idempotencyKey }) => {
    const sent = await ports.gateway.sendSmsReceipt({ to: { cpr }, language: 'ar', reference, text, sessionId: idempotencyKey.split(':')[0] ?? 'recovery' }, AbortSignal.timeout(30_000));
    return sent.ok;
  };
  const recovered = journal.failure
    ? []
    : await recoverUnfinishedWork({ journal: journal.store, terminal: ports.terminal, gateway: ports.gateway, logger, notify, ...(journal.sealer ? { openCpr: journal.sealer.open } : {}) }).catch((error: Error) => {
    logger.error({ err: error.message }, 'start-up recovery failed');
    return [];
  });
  const recoveredAt = new Date(clock.now()).toISOString();
  let rearmSettlement = () => {};
  if (Object.values(config.devices).some((d) => d.mode === 'real') && config.technician.pins.some((p) => p.salt.startsWith('dev-'))) {
    logger.warn({}, 'real devices with the development technician PINs: set technician.pins in this machine\'s configuration');
  }
  const technician = new TechnicianMode({
    config: config.technician,
    clock,
    logger,
    audit,
    lockout: fileLockoutStore(join(dataDir, 'technician-lockout.json'), () => clock.now(), config.technician.lockoutMinutes * 60_000),
    overview: () => deviceOverview({ config, hardware, journalUp: () => journalUp, outOfService: outOfServiceWords }),
    recovered: () => recoveryRows(recovered, recoveredAt),
    service: {
      state: () => {
        const state = core.outOfServiceState();
        return { inService: state === null, automatic: state !== null && state.reason !== 'technician', ...(state?.detail ? { reason: state.detail } : state ? { reason: state.reason } : {}) };
      },
      takeOut: (reason) => core.setOutOfService('technician', reason),
      giveBack: () => {
        core.setOutOfService(null);
        // Back in service with the reader still down: the recovery tries again (and may take the kiosk out again).
        cardReaderRecovery?.changed();
      },
    },
    counters: () =>
      countersFrom(journal.store, {
        now: clock.now(),
        timeZone: config.settlement.timeZone,
        binCapacity: config.devices.cardReader.binCapacity,
        title: (id) => catalogue.find(id)?.title ?? { ar: id, en: id },
      }),
    searchJournal: (query) => searchJournal(journal.store, query, config.settlement.timeZone, clock.now()),
    acknowledge: (what) => {
      journal.store.recordEvent({ type: what, sessionId: null, serviceId: null, detail: acknowledgementDetail(journal.store, what) });
    },
    configFields: (errors) => configFields(config, errors),
    saveConfig: (values) => {
      if (!options.overrideConfigFile) return { ok: false, errors: { [Object.keys(values)[0] ?? 'settings']: { ar: 'لا يوجد ملف إعدادات للجهاز.', en: 'This kiosk was started without a machine configuration file.' } } };
      const result = saveConfig(values, { defaults: defaultFile, override: options.overrideConfigFile }, config);
      // A controlled restart of just the part that read the old value: the settlement schedule.
      if (result.ok && result.changed.includes('settlement.dailyAt')) rearmSettlement();
      return result;
    },
    exportLogs: (path) => exportLogs({ target: path, dataDir, journal: journal.store, kioskId: config.kiosk.id, now: clock.now() }),
    selfTest: (device) => runSelfTest(hardware, device, logger),
    staffCard: hardware ? staffCardPortFor(new IdCardReader(hardware.cardReader)) : null,
    checkAuditAnchors: (): Promise<AnchorCheck> => (auditAnchors ? auditAnchors.check(readAuditEntries(audit.file)) : Promise.resolve({ state: 'unreachable' })),
    settle: () => settleNow({ hardware, journal: journal.store, clock, logger, config }),
    onChange: () => core.refresh(),
  });
  const outOfServiceWords = () => {
    const state = core.outOfServiceState();
    return state ? { ar: state.detail ?? state.reason, en: state.detail ?? state.reason } : null;
  };
  const recordedSpeech = config.speech.engine === 'recording' ? recordingSpeech() : null;
  const speech = config.speech.engine === 'espeak-ng' ? espeakSpeech({ logger }) : (recordedSpeech ?? silentSpeech);
  const core: KioskCore = new KioskCore({ config, clock, catalogue, logger, journal: journal.store, ports, capabilities: () => hardware?.capabilities() ?? new Set(), technician, speech });
  // Without its card reader the kiosk can serve nobody safely: it re-initialises the reader itself first,
  // then goes out of service until a technician clears it.
  const cardReaderRecovery = hardware
    ? watchCardReader({
        isOnline: () => hardware.capabilities().has('cardReader'),
        initialise: async () => (await hardware.cardReader.initialise()).completionCode === 'success',
        sessionActive: () => core.inUse(),
        outOfService: () => core.outOfServiceState() !== null,
        giveUp: (detail) => {
          audit.append({ role: 'system', action: 'auto-out-of-service', detail });
          core.setOutOfService('device', 'card reader not online');
        },
        clock: createSystemClock(),
        logger,
        attempts: config.devices.cardReader.recoveryAttempts,
        spacingMs: config.devices.cardReader.recoverySpacingSeconds * 1000,
      })
    : null;
  hardware?.onChange(() => {
    cardReaderRecovery?.changed();
    core.refresh();
  });
  // A reader that did not come up at start is handled like one that dropped later.
  cardReaderRecovery?.changed();
  hardware?.scanner.onEvent((event) => {
    if (event.type === 'scanned') core.scanned(event.reference);
    else logger.info({ reason: event.reason }, 'scan rejected');
  });
  // The tactile keypad drives the page for citizens who cannot use the touchscreen (volume keys are for speech).
  hardware?.keypad.onEvent((event) => {
    if (event.type === 'input' && event.input.kind !== 'volume') core.keypad(event.input);
    else if (event.type === 'headphones') core.setHeadphones(event.plugged);
  });
  if (journal.failure) {
    journalUp = false;
    audit.append({ role: 'system', action: 'auto-out-of-service', detail: `journal ${journal.failure.reason}` });
    core.setOutOfService('journal', journal.failure.message);
  }
  // Finished records past the retention are deleted daily (never unfinished or unsettled ones).
  const retention = journal.failure ? null : scheduleJournalRetention({ journal: journal.store, clock, retentionDays: JOURNAL_RETENTION_DAYS, logger });
  // End-of-day settlement at the configured local time (on demand from technician mode). Re-armed when a supervisor changes the time.
  const armSettlement = () =>
    hardware && !journal.failure
      ? scheduleSettlement({
          clock,
          dailyAt: config.settlement.dailyAt,
          timeZone: config.settlement.timeZone,
          logger,
          run: async (businessDay) => {
            await settle({ journal: journal.store, terminal: zvtSettlementPort(hardware.terminal), clock, logger, timeZone: config.settlement.timeZone }, { reason: 'scheduled', businessDay });
          },
        })
      : null;
  let settlementSchedule = armSettlement();
  rearmSettlement = () => {
    settlementSchedule?.stop();
    settlementSchedule = armSettlement();
    logger.info({ dailyAt: config.settlement.dailyAt }, 'settlement schedule re-armed');
  };
  const simulators = host ? { panelUrl: host.controlPanelUrl, controlUrl: host.controlUrl, controlToken: host.controlToken } : null;
  const closeHardware = async () => {
    cardReaderRecovery?.stop();
    auditAnchors?.stop();
    settlementSchedule?.stop();
    retention?.stop();
    await hardware?.close().catch(() => {});
    await host?.close().catch(() => {});
  };
  const token = createLaunchToken();

  if (!options.serve) {
    return {
      core,
      config,
      logger,
      clock,
      url: null,
      origin: null,
      token,
      simulators,
      recovered,
      close: async () => {
        core.wipeSession('shutdown');
        await closeHardware();
        journal.store.close();
      },
    };
  }

  let port = config.server.port;
  const server = createKioskHttpServer({
    rendererDir: fromRoot(config.paths.renderer),
    logger,
    port: () => port,
    ...(config.testing.hooks
      ? {
          extraRoute: (req, res) => {
            if (!req.url?.startsWith('/__test/')) return false;
            handleTestHook(req, res, { token, core, clock: manualClock, speech: recordedSpeech }).catch(() => res.destroy());
            return true;
          },
        }
      : {}),
  });
  const bridge: Bridge = attachBridge({
    server,
    core,
    token,
    port: () => port,
    maxMessageBytes: config.server.maxMessageBytes,
    maxMessagesPerSecond: config.server.maxMessagesPerSecond,
    logger,
  });
  await new Promise<void>((resolvePromise, rejectPromise) => {
    server.once('error', (error: NodeJS.ErrnoException) => {
      rejectPromise(
        error.code === 'EADDRINUSE'
          ? new StartupError(`Port ${config.server.port} on 127.0.0.1 is already in use (is another kiosk running?). Stop it or set server.port in the local configuration.`)
          : new StartupError(`Cannot listen on 127.0.0.1:${config.server.port}: ${error.message}`),
      );
    });
    server.listen(config.server.port, config.server.host, () => resolvePromise());
  });
  port = (server.address() as AddressInfo).port;
  const origin = `http://127.0.0.1:${port}`;
  logger.info({ origin }, 'kiosk core serving the browser shell');
  return {
    core,
    config,
    logger,
    clock,
    url: `${origin}/#token=${token}`,
    origin,
    token,
    simulators,
    recovered,
    close: async () => {
      core.wipeSession('shutdown');
      await closeHardware();
      journal.store.close();
      await bridge.close();
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
}
