import { join } from 'node:path';

/**
 * Where the shell finds things, from a checkout and from an installed app.
 * - the renderer is part of the app code (dist/renderer, inside app.asar
 *   when packaged), so it always comes from the app path, whatever the
 *   configuration's paths.renderer says (that one is for the browser shell);
 * - the core's root holds resources/ (config, services, locales, fonts):
 *   the project root in a checkout, process.resourcesPath when packaged,
 *   where electron-builder's extraResources puts resources/;
 * - the preload sits next to main.js in dist/electron/shell.
 */
export interface ShellPaths {
  coreRoot: string;
  rendererDir: string;
  preloadPath: string;
}

export function resolveShellPaths(input: { isPackaged: boolean; appPath: string; resourcesPath: string; shellDir: string }): ShellPaths {
  return {
    coreRoot: input.isPackaged ? input.resourcesPath : input.appPath,
    rendererDir: join(input.appPath, 'dist', 'renderer'),
    preloadPath: join(input.shellDir, 'preload.cjs'),
  };
}
