import { z } from 'zod';
import { LanguageSchema } from '../../contract/index.ts';
import { GatewayConfigSchema } from '../gateway/gateway-config.ts';

/**
 * How a device is reached: `sim` — its simulator inside the kiosk process
 * (the default: `npm start` needs no hardware); `wire` — the simulator behind
 * a socat pseudo-terminal, so the real serial adapter and codec run (QA, CI);
 * `real` — the configured port.
 */
const serialShape = (defaultBaud: number) => ({
  mode: z.enum(['sim', 'wire', 'real']),
  /** Serial port path for `real` mode, e.g. /dev/ttyUSB0 or COM3. */
  port: z.string().min(1).nullable(),
  baud: z
    .number()
    .int()
    .refine((b) => [9600, 19200, 38400, 57600, 115200].includes(b), 'must be 9600, 19200, 38400, 57600 or 115200')
    .default(defaultBaud),
});
const realNeedsPort = (d: { mode: string; port: string | null }) => d.mode !== 'real' || d.port !== null;
const portMessage = { message: 'a real device needs its serial port path', path: ['port'] };

const HidDevice = z
  .object({
    mode: z.enum(['sim', 'real']),
    /** USB vendor and product id for `real` mode, e.g. "0c2e:0b61". */
    usb: z.string().regex(/^[0-9a-fA-F]{4}:[0-9a-fA-F]{4}$/, 'must be VID:PID in hex, e.g. 0c2e:0b61').nullable(),
  })
  .strict()
  .refine((d) => d.mode !== 'real' || d.usb !== null, { message: 'a real HID device needs its VID:PID', path: ['usb'] });

/**
 * The kiosk's configuration. `resources/config/default.json` holds the
 * defaults; a local override file (per machine) changes single fields.
 * Everything is validated here at start-up: a bad value stops the kiosk with
 * one message that names the field and the file.
 */
export const ConfigSchema = z
  .object({
    kiosk: z
      .object({
        id: z.string().regex(/^[A-Z0-9-]{3,32}$/, 'must be 3–32 capital letters, digits or dashes'),
        location: z.object({ ar: z.string().min(1).max(200), en: z.string().min(1).max(200) }).strict(),
      })
      .strict(),
    languages: z
      .object({
        enabled: z.array(LanguageSchema).min(1),
        default: LanguageSchema,
      })
      .strict()
      .refine((l) => l.enabled.includes(l.default), { message: 'default must be one of the enabled languages', path: ['default'] }),
    server: z
      .object({
        /** Loopback only: the bridge must never be reachable from the network. */
        host: z.literal('127.0.0.1'),
        port: z.number().int().min(0).max(65535),
        maxMessageBytes: z.number().int().min(1024).max(1024 * 1024),
        /** Messages a page may send per second before the core drops the connection. */
        maxMessagesPerSecond: z.number().int().min(5).max(1000),
      })
      .strict(),
    idle: z
      .object({
        /** Inactivity before the "are you still there?" countdown appears. */
        warningAfterSeconds: z.number().int().min(10).max(600),
        /** How long the citizen has to answer; at least 20 s (accessibility). */
        answerWithinSeconds: z.number().int().min(20, 'must be at least 20 seconds so everyone can answer').max(300),
      })
      .strict(),
    devices: z
      .object({
        cardReader: z
          .object({
            ...serialShape(115200),
            /** A card left at the gate this long is retained (captured) for the citizen's safety. */
            retainAfterSeconds: z.number().int().min(10).max(120),
            binCapacity: z.number().int().min(1).max(500),
            /** When the reader stops being online, initialise it this many times before going out of service (0: at once). */
            recoveryAttempts: z.number().int().min(0).max(5),
            recoverySpacingSeconds: z.number().int().min(1).max(60),
          })
          .strict()
          .refine(realNeedsPort, portMessage),
        paymentTerminal: z
          .object({
            ...serialShape(9600),
            /** ZVT over TCP instead of serial (real terminals on the LAN). */
            tcp: z.object({ host: z.string().min(1), port: z.number().int().min(1).max(65535) }).strict().nullable(),
            /** ZVT registration password (6 digits, terminal-specific; not a secret of the citizen). */
            password: z.string().regex(/^\d{6}$/),
          })
          .strict()
          .refine((d) => d.mode !== 'real' || d.port !== null || d.tcp !== null, { message: 'a real terminal needs a serial port path or a tcp address', path: ['port'] }),
        receiptPrinter: z.object(serialShape(38400)).strict().refine(realNeedsPort, portMessage),
        fingerprint: HidDevice,
        scanner: HidDevice,
        keypad: HidDevice,
        documentPrinter: z
          .object({ mode: z.enum(['sim', 'real']), queue: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/).nullable() })
          .strict()
          .refine((d) => d.mode !== 'real' || d.queue !== null, { message: 'a real A4 printer needs its CUPS queue name', path: ['queue'] }),
      })
      .strict(),
    gateway: z.object({ mode: z.enum(['sim', 'real']), client: GatewayConfigSchema }).strict(),
    simulators: z
      .object({
        /** Loopback port of the simulator control API and panel (0 = any free port). */
        controlPort: z.number().int().min(0).max(65535),
      })
      .strict(),
    services: z
      .object({
        /** A card can be renewed this many days before it expires. */
        renewalWindowDays: z.number().int().min(0).max(730),
        /** eKey advanced level needs this age (law: 15). */
        minimumAgeAdvancedEkey: z.number().int().min(0).max(25),
        /** How long a returned card waits at the gate before it is retained for the citizen's safety. */
        cardTakeSeconds: z.number().int().min(10).max(120),
      })
      .strict(),
    shell: z
      .object({
        mode: z.enum(['auto', 'electron', 'browser']),
        chromium: z
          .object({
            path: z.string().min(1).nullable(),
            window: z.enum(['kiosk', 'app', 'headless']),
            /** Relaunches allowed within `relaunchWindowSeconds` before giving up. */
            maxRelaunches: z.number().int().min(0).max(100),
            relaunchWindowSeconds: z.number().int().min(10).max(86400),
          })
          .strict(),
        watchdog: z
          .object({
            maxFailures: z.number().int().min(1).max(20),
            windowSeconds: z.number().int().min(10).max(86400),
            unresponsiveGraceSeconds: z.number().int().min(1).max(300),
          })
          .strict(),
      })
      .strict(),
    paths: z
      .object({
        /** Relative paths are resolved against the project (or app resources) root. */
        services: z.string().min(1),
        renderer: z.string().min(1),
        dataDir: z.string().min(1),
      })
      .strict(),
    log: z
      .object({
        level: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']),
      })
      .strict(),
    settlement: z
      .object({
        /** Local time of the daily end-of-day settlement, HH:MM 24-hour. */
        dailyAt: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be HH:MM (24-hour), e.g. 23:30'),
        /** IANA time zone the daily time is read in, e.g. Asia/Bahrain (UTC+3, no daylight saving). */
        timeZone: z.string().refine(
          (zone) => {
            try {
              new Intl.DateTimeFormat('en', { timeZone: zone });
              return true;
            } catch {
              return false;
            }
          },
          { message: 'must be an IANA time zone, e.g. Asia/Bahrain' },
        ),
      })
      .strict(),
    technician: z
      .object({
        /** The hidden entry gesture: screen corners in order (logical, so it mirrors in Arabic). */
        gesture: z.array(z.enum(['top-start', 'top-end', 'bottom-end', 'bottom-start'])).min(3).max(10),
        /** Each tap must follow the previous one within this time. */
        gestureStepSeconds: z.number().int().min(1).max(10),
        /**
         * scrypt hashes (scripts/hash-technician-pin.ts); the role decides what may be done.
         * With `staffId` the PIN belongs to that staff card and is accepted only with it
         * (its holder is named in the audit log); without, it is a role PIN for the gesture alone.
         */
        pins: z
          .array(
            z
              .object({
                role: z.enum(['technician', 'supervisor']),
                staffId: z.string().regex(/^[A-Z0-9-]{4,16}$/).optional(),
                salt: z.string().min(8).max(64),
                hash: z.string().min(32).max(64),
              })
              .strict(),
          )
          .min(1)
          .max(50),
        maxWrongPins: z.number().int().min(3).max(10),
        lockoutMinutes: z.number().int().min(1).max(240),
        idleExitSeconds: z.number().int().min(30).max(1800),
        /** Where the log export goes: the mount point of the removable drive. */
        exportPath: z.string().min(1).max(500),
      })
      .strict(),
    /** Speech through the keypad's headphones: espeak-ng on a kiosk, `recording` for development and tests (says nothing). */
    speech: z.object({ engine: z.enum(['espeak-ng', 'recording', 'off']) }).strict(),
    testing: z
      .object({
        /** Exposes /__test/* endpoints (clock, session table). Never on a production kiosk. */
        hooks: z.boolean(),
        /** Use a manual clock that only moves through the test hooks. */
        manualClock: z.boolean(),
      })
      .strict(),
  })
  .strict();

export type KioskConfig = z.infer<typeof ConfigSchema>;
