'use strict';
/**
 * electron-builder afterPack hook: flips the kiosk's Electron fuses
 * (build/fuses.cjs) on the packed binary, before it is signed and wrapped
 * into an installer. CommonJS because electron-builder loads it as is.
 */
const path = require('node:path');
const { flipFuses } = require('@electron/fuses');
const { kioskFuseConfig } = require('./fuses.cjs');

/** Where the packed Electron executable is, per platform. */
function electronBinaryPath(context) {
  const { appOutDir, electronPlatformName, packager } = context;
  switch (electronPlatformName) {
    case 'linux':
      return path.join(appOutDir, packager.executableName);
    case 'win32':
      return path.join(appOutDir, `${packager.appInfo.productFilename}.exe`);
    case 'darwin':
    case 'mas':
      return path.join(appOutDir, `${packager.appInfo.productFilename}.app`);
    default:
      throw new Error(`afterPack: no fuse support for platform ${electronPlatformName}`);
  }
}

async function afterPack(context, flip = flipFuses) {
  const binary = electronBinaryPath(context);
  await flip(binary, kioskFuseConfig());
  console.log(`afterPack: Electron fuses flipped on ${binary}`);
}

module.exports = { afterPack, electronBinaryPath, default: afterPack };
