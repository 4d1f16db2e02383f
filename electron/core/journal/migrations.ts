/**
 * Schema migrations, applied in order inside one transaction each. Never edit
 * a shipped migration: add the next one.
 */
export const MIGRATIONS: readonly { version: number; sql: string }[] = [
  {
    version: 1,
    sql: `
      CREATE TABLE intents (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        at INTEGER NOT NULL,
        action TEXT NOT NULL,
        session_id TEXT,
        service_id TEXT,
        idempotency_key TEXT NOT NULL,
        amount_fils INTEGER,
        cpr_hash TEXT,
        masked_pan TEXT,
        detail TEXT NOT NULL
      );
      CREATE INDEX intents_at ON intents(at);
      CREATE INDEX intents_key ON intents(idempotency_key);
      CREATE TABLE outcomes (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        intent_id INTEGER NOT NULL REFERENCES intents(id),
        at INTEGER NOT NULL,
        result TEXT NOT NULL,
        detail TEXT NOT NULL
      );
      CREATE INDEX outcomes_intent ON outcomes(intent_id);
      CREATE TABLE events (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        at INTEGER NOT NULL,
        type TEXT NOT NULL,
        session_id TEXT,
        service_id TEXT,
        detail TEXT NOT NULL
      );
      CREATE INDEX events_at ON events(at);
    `,
  },
  {
    // The CPR sealed (encrypted) on money intents only, so start-up recovery can
    // tell a citizen by SMS what became of a payment interrupted by a crash.
    version: 2,
    sql: `ALTER TABLE intents ADD COLUMN cpr_sealed TEXT;`,
  },
];
