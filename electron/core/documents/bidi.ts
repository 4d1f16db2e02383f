/**
 * The one place that imports bidi-js (Unicode Bidirectional Algorithm, UAX #9).
 *
 * Why a wrapper: bidi-js is a CommonJS package whose hand-written types say
 * `export default function bidiFactory()`. Under `module: NodeNext` TypeScript
 * reads that as `exports.default`, so `import bidiFactory from 'bidi-js'` is
 * typed as the module object and calling it fails with "This expression is not
 * callable". At run time Node's CommonJS interop hands us `module.exports`,
 * which is the factory itself; a bundler that picks the package's ES build
 * also gives the factory. We accept either shape and fail loudly on anything
 * else, instead of silently drawing Arabic in the wrong order.
 */
import bidiModule from 'bidi-js';
import type { Bidi } from 'bidi-js';

export type { Bidi };

type BidiFactory = () => Bidi;

export function resolveBidiFactory(imported: unknown): BidiFactory {
  if (typeof imported === 'function') return imported as BidiFactory;
  const inner = (imported as { default?: unknown } | null | undefined)?.default;
  if (typeof inner === 'function') return inner as BidiFactory;
  throw new TypeError('bidi-js did not export its factory function');
}

/** One shared instance: the factory builds lookup tables, so build them once. */
export const bidi: Bidi = resolveBidiFactory(bidiModule)();
