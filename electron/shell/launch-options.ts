import { join } from 'node:path';

/**
 * What the shell reads from its command line and environment. Development
 * mode (`--dev` or KIOSK_DEV=1) gives a normal window, developer tools and
 * reload; it is refused in a packaged build, where anyone who reaches a
 * keyboard or a shortcut's properties could otherwise ask for it.
 */
export interface LaunchOptions {
  devMode: boolean;
  /** True when development mode was asked for but refused (packaged build): worth a log line. */
  devModeRefused: boolean;
  /** The machine's configuration override file. */
  overrideConfigFile: string;
}

export function resolveLaunchOptions(input: {
  argv: readonly string[];
  env: Readonly<Record<string, string | undefined>>;
  isPackaged: boolean;
  /** Where a packaged kiosk keeps its override when none is named (Electron's userData). */
  userDataDir: string;
  /** The project root when running from a checkout. */
  appPath: string;
}): LaunchOptions {
  const wantsDev = input.argv.includes('--dev') || input.env.KIOSK_DEV === '1';
  const devMode = wantsDev && !input.isPackaged;
  return {
    devMode,
    devModeRefused: wantsDev && input.isPackaged,
    overrideConfigFile: configArgument(input.argv) ?? input.env.KIOSK_CONFIG ?? join(input.isPackaged ? input.userDataDir : input.appPath, 'kiosk.local.json'),
  };
}

/** `--config <file>` or `--config=<file>`, as the browser shell accepts. */
function configArgument(argv: readonly string[]): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg.startsWith('--config=')) return arg.slice('--config='.length) || undefined;
    if (arg === '--config') return argv[i + 1];
  }
  return undefined;
}
