'use strict';
/**
 * Electron fuses for the packaged kiosk: switches compiled into the Electron
 * binary that no command line or environment variable can turn back on.
 * build/afterPack.cjs flips them; build/fuses.test.ts asserts them.
 */
const { FuseV1Options, FuseVersion } = require('@electron/fuses');

/** @type {Readonly<Record<keyof typeof FuseV1Options, boolean>>} */
const KIOSK_FUSES = Object.freeze({
  // ELECTRON_RUN_AS_NODE would turn the signed kiosk binary into a plain Node.js.
  RunAsNode: false,
  // Cookies on disk are encrypted with the OS key store.
  EnableCookieEncryption: true,
  // NODE_OPTIONS could preload arbitrary code into the main process.
  EnableNodeOptionsEnvironmentVariable: false,
  // --inspect and friends would open a debugger on the main process.
  EnableNodeCliInspectArguments: false,
  // app.asar is checked against the hash embedded at build time (macOS and Windows; no effect on Linux).
  EnableEmbeddedAsarIntegrityValidation: true,
  // Only app.asar is loaded, never a loose app/ folder someone put beside it.
  OnlyLoadAppFromAsar: true,
  // Not used by this app; stated so that every fuse is decided on purpose.
  LoadBrowserProcessSpecificV8Snapshot: false,
  // The renderer is served from app://, and file:// gets no extra privileges.
  GrantFileProtocolExtraPrivileges: false,
});

/**
 * The configuration for @electron/fuses' flipFuses. strictlyRequireAllFuses
 * makes packaging fail when a newer @electron/fuses knows a fuse this list
 * does not decide.
 */
function kioskFuseConfig() {
  const config = { version: FuseVersion.V1, strictlyRequireAllFuses: true };
  for (const [name, value] of Object.entries(KIOSK_FUSES)) {
    const index = FuseV1Options[name];
    if (typeof index !== 'number') throw new Error(`@electron/fuses has no fuse named ${name}`);
    config[index] = value;
  }
  return config;
}

module.exports = { KIOSK_FUSES, kioskFuseConfig };
