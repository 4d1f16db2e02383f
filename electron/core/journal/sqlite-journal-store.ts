import { DatabaseSync } from 'node:sqlite';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { JournalStore } from './journal-store.ts';
import { classifySqliteError, JournalUnavailableError } from './journal-errors.ts';
import { MIGRATIONS } from './migrations.ts';
import { FORBIDDEN_DETAIL_KEYS } from './personal-data.ts';
import {
  DetailSchema,
  EventInputSchema,
  FINAL_RESULTS,
  IntentInputSchema,
  OutcomeResultSchema,
  type Detail,
  type EventRow,
  type IntentRow,
  type JournalAction,
  type OutcomeResult,
} from './journal-types.ts';

export interface SqliteJournalOptions {
  file: string;
  now: () => number;
  hashCpr: (cpr: string) => string;
  /**
   * Seals (encrypts) the CPR of money intents (authorise, qr-payment), the one
   * place the kiosk keeps a way to reach a citizen after they have gone: a
   * payment cut short by a crash is explained to them by SMS at start-up.
   * Omitted: nothing is sealed.
   */
  sealCpr?: (cpr: string) => string;
  /**
   * Upper bound on the file size, in 4 KiB pages. The journal refuses writes
   * ("full") at this size instead of filling the disk the OS needs.
   */
  maxPages?: number;
}

type Row = Record<string, unknown>;

/** Only where money moved does the kiosk keep a way back to the citizen. */
const SEALED_ACTIONS: ReadonlySet<JournalAction> = new Set(['authorise', 'qr-payment']);

function checkDetail(detail: Detail): Detail {
  const parsed = DetailSchema.parse(detail);
  for (const key of Object.keys(parsed)) {
    if (FORBIDDEN_DETAIL_KEYS.test(key)) throw new Error(`journal detail may not carry "${key}"`);
  }
  return parsed;
}

/**
 * The journal on SQLite: WAL, synchronous=FULL (a commit is on disk when it
 * returns), exclusive locking (this process is the one writer), migrations
 * at open, an integrity check at start.
 */
export function openSqliteJournal(options: SqliteJournalOptions): JournalStore {
  let db: DatabaseSync;
  try {
    mkdirSync(dirname(options.file), { recursive: true });
    db = new DatabaseSync(options.file);
    db.exec('PRAGMA journal_mode = WAL');
    db.exec('PRAGMA synchronous = FULL');
    db.exec('PRAGMA locking_mode = EXCLUSIVE');
    db.exec('PRAGMA foreign_keys = ON');
    db.exec('PRAGMA busy_timeout = 2000');
    if (options.maxPages) db.exec(`PRAGMA max_page_count = ${Math.max(16, Math.trunc(options.maxPages))}`);
  } catch (error) {
    throw classifySqliteError(error);
  }

  const guard = <T>(fn: () => T): T => {
    try {
      return fn();
    } catch (error) {
      // Inputs are validated before we get here, so anything thrown inside is the database's.
      if (error instanceof JournalUnavailableError) throw error;
      throw classifySqliteError(error);
    }
  };

  const checkIntegrity = () =>
    guard(() => {
      const rows = db.prepare('PRAGMA integrity_check').all() as Row[];
      const verdict = rows.map((r) => String(Object.values(r)[0])).join('; ');
      if (verdict !== 'ok') throw new JournalUnavailableError('corrupt', `journal integrity check failed: ${verdict}`);
    });

  const migrate = () =>
    guard(() => {
      db.exec('CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)');
      const current = (db.prepare('SELECT MAX(version) AS v FROM schema_version').get() as Row | undefined)?.v;
      const from = typeof current === 'number' ? current : 0;
      const latest = MIGRATIONS.at(-1)?.version ?? 0;
      if (from > latest) throw new JournalUnavailableError('migration', `journal schema ${from} is newer than this build knows (${latest})`);
      for (const migration of MIGRATIONS) {
        if (migration.version <= from) continue;
        db.exec('BEGIN IMMEDIATE');
        try {
          db.exec(migration.sql);
          db.prepare('INSERT INTO schema_version (version) VALUES (?)').run(migration.version);
          db.exec('COMMIT');
        } catch (error) {
          db.exec('ROLLBACK');
          throw error;
        }
      }
    });

  checkIntegrity();
  migrate();

  const insertIntent = db.prepare(
    'INSERT INTO intents (at, action, session_id, service_id, idempotency_key, amount_fils, cpr_hash, cpr_sealed, masked_pan, detail) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
  );
  const insertOutcome = db.prepare('INSERT INTO outcomes (intent_id, at, result, detail) VALUES (?, ?, ?, ?)');
  const insertEvent = db.prepare('INSERT INTO events (at, type, session_id, service_id, detail) VALUES (?, ?, ?, ?, ?)');
  const intentColumns = `i.id, i.at, i.action, i.session_id, i.service_id, i.idempotency_key, i.amount_fils, i.cpr_hash, i.cpr_sealed, i.masked_pan, i.detail,
      (SELECT o.at FROM outcomes o WHERE o.intent_id = i.id ORDER BY o.id DESC LIMIT 1) AS o_at,
      (SELECT o.result FROM outcomes o WHERE o.intent_id = i.id ORDER BY o.id DESC LIMIT 1) AS o_result,
      (SELECT o.detail FROM outcomes o WHERE o.intent_id = i.id ORDER BY o.id DESC LIMIT 1) AS o_detail`;

  const toIntent = (row: Row): IntentRow => ({
    id: Number(row.id),
    at: Number(row.at),
    action: row.action as JournalAction,
    sessionId: (row.session_id as string | null) ?? null,
    serviceId: (row.service_id as string | null) ?? null,
    idempotencyKey: String(row.idempotency_key),
    amountFils: row.amount_fils === null ? null : Number(row.amount_fils),
    cprHash: (row.cpr_hash as string | null) ?? null,
    cprSealed: (row.cpr_sealed as string | null) ?? null,
    maskedPan: (row.masked_pan as string | null) ?? null,
    detail: JSON.parse(String(row.detail)) as Detail,
    outcome:
      row.o_result === null || row.o_result === undefined
        ? null
        : { at: Number(row.o_at), result: row.o_result as OutcomeResult, detail: JSON.parse(String(row.o_detail)) as Detail },
  });

  let closed = false;
  const open = () => {
    if (closed) throw new JournalUnavailableError('closed', 'journal is closed');
  };

  return {
    recordIntent(input) {
      open();
      const intent = IntentInputSchema.parse(input);
      const detail = checkDetail(intent.detail);
      return guard(() => {
        const result = insertIntent.run(
          options.now(),
          intent.action,
          intent.sessionId,
          intent.serviceId,
          intent.idempotencyKey,
          intent.amountFils,
          intent.cpr ? options.hashCpr(intent.cpr) : null,
          intent.cpr && options.sealCpr && SEALED_ACTIONS.has(intent.action) ? options.sealCpr(intent.cpr) : null,
          intent.maskedPan,
          JSON.stringify(detail),
        );
        return Number(result.lastInsertRowid);
      });
    },
    recordOutcome(intentId, result, detail = {}) {
      open();
      const checked = checkDetail(detail);
      OutcomeResultSchema.parse(result);
      guard(() => insertOutcome.run(intentId, options.now(), result, JSON.stringify(checked)));
    },
    recordEvent(input) {
      open();
      const event = EventInputSchema.parse(input);
      const detail = checkDetail(event.detail);
      return guard(() => Number(insertEvent.run(options.now(), event.type, event.sessionId, event.serviceId, JSON.stringify(detail)).lastInsertRowid));
    },
    unfinished() {
      open();
      return guard(() => (db.prepare(`SELECT ${intentColumns} FROM intents i ORDER BY i.id`).all() as Row[]).map(toIntent)).filter(
        (row) => !row.outcome || !FINAL_RESULTS.has(row.outcome.result),
      );
    },
    intent(id) {
      open();
      const row = guard(() => db.prepare(`SELECT ${intentColumns} FROM intents i WHERE i.id = ?`).get(id) as Row | undefined);
      return row ? toIntent(row) : null;
    },
    intentsByKey(key) {
      open();
      return guard(() => (db.prepare(`SELECT ${intentColumns} FROM intents i WHERE i.idempotency_key = ? ORDER BY i.id`).all(key) as Row[]).map(toIntent));
    },
    search(filter) {
      open();
      const where: string[] = [];
      const args: (string | number)[] = [];
      if (filter.from !== undefined) {
        where.push('i.at >= ?');
        args.push(filter.from);
      }
      if (filter.to !== undefined) {
        where.push('i.at < ?');
        args.push(filter.to);
      }
      if (filter.action) {
        where.push('i.action = ?');
        args.push(filter.action);
      }
      if (filter.serviceId) {
        where.push('i.service_id = ?');
        args.push(filter.serviceId);
      }
      if (filter.idempotencyKey) {
        where.push('i.idempotency_key = ?');
        args.push(filter.idempotencyKey);
      }
      const sql = `SELECT ${intentColumns} FROM intents i ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY i.id DESC LIMIT ?`;
      args.push(Math.min(filter.limit ?? 200, 1000));
      return guard(() => (db.prepare(sql).all(...args) as Row[]).map(toIntent));
    },
    events(filter) {
      open();
      const where: string[] = [];
      const args: (string | number)[] = [];
      if (filter.from !== undefined) {
        where.push('at >= ?');
        args.push(filter.from);
      }
      if (filter.to !== undefined) {
        where.push('at < ?');
        args.push(filter.to);
      }
      if (filter.type) {
        where.push('type = ?');
        args.push(filter.type);
      }
      const sql = `SELECT * FROM events ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY id DESC LIMIT ?`;
      args.push(Math.min(filter.limit ?? 200, 1000));
      return guard(() =>
        (db.prepare(sql).all(...args) as Row[]).map(
          (row): EventRow => ({
            id: Number(row.id),
            at: Number(row.at),
            type: String(row.type),
            sessionId: (row.session_id as string | null) ?? null,
            serviceId: (row.service_id as string | null) ?? null,
            detail: JSON.parse(String(row.detail)) as Detail,
          }),
        ),
      );
    },
    prune(before) {
      open();
      return guard(() => {
        db.exec('BEGIN IMMEDIATE');
        try {
          const finished = (db.prepare(`SELECT ${intentColumns} FROM intents i WHERE i.at < ?`).all(before) as Row[])
            .map(toIntent)
            .filter((row) => row.outcome && FINAL_RESULTS.has(row.outcome.result))
            .map((row) => row.id);
          const deleteOutcomes = db.prepare('DELETE FROM outcomes WHERE intent_id = ?');
          const deleteIntent = db.prepare('DELETE FROM intents WHERE id = ?');
          for (const id of finished) {
            deleteOutcomes.run(id);
            deleteIntent.run(id);
          }
          const events = Number(db.prepare('DELETE FROM events WHERE at < ?').run(before).changes);
          db.exec('COMMIT');
          return { intents: finished.length, events };
        } catch (error) {
          db.exec('ROLLBACK');
          throw error;
        }
      });
    },
    checkIntegrity,
    close() {
      if (closed) return;
      closed = true;
      db.close();
    },
  };
}
