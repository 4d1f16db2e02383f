/** A configuration problem that stops start-up. `message` is the one line shown to the technician. */
export class ConfigError extends Error {
  readonly file: string;
  readonly field: string | null;
  constructor(file: string, field: string | null, problem: string) {
    super(`Configuration error in ${file}${field ? ` at "${field}"` : ''}: ${problem}`);
    this.name = 'ConfigError';
    this.file = file;
    this.field = field;
  }
}
