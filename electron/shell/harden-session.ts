import type { Session } from 'electron';
import { APP_SCHEME } from './app-origin.ts';
import { handleAppRequest } from './app-protocol.ts';
import { withContentSecurityPolicy } from './content-security-policy.ts';
import { isRequestAllowed } from './network-guard.ts';
import { urlForLog } from './navigation-guards.ts';
import { denyDevicePermission, denyPermissionCheck, denyPermissionRequest, type PermissionLog } from './permissions.ts';
import type { ShellLog } from './shell-log.ts';

/**
 * Locks down the kiosk window's session before any page loads in it:
 * serves app:// from the renderer build, denies every permission and
 * device, cancels downloads, cancels requests to anywhere but the app
 * origin and puts our CSP on every response that is not our own.
 */
export type HardenableSession = Pick<
  Session,
  'protocol' | 'webRequest' | 'on' | 'setPermissionRequestHandler' | 'setPermissionCheckHandler' | 'setDevicePermissionHandler' | 'setSpellCheckerEnabled'
>;

export function hardenSession(
  ses: HardenableSession,
  options: { devMode: boolean; log: ShellLog; rendererDir: string; readFile(file: string): Promise<Uint8Array> },
): void {
  const { devMode, log } = options;

  ses.protocol.handle(APP_SCHEME, (request) =>
    handleAppRequest(request, {
      rendererDir: options.rendererDir,
      readFile: options.readFile,
      onRefused: (fields) => log.warn({ ...fields, url: urlForLog(fields.url) }, 'app:// request refused'),
    }),
  );

  const permissionLog: PermissionLog = (fields) => log.warn(fields, 'permission denied');
  ses.setPermissionRequestHandler(denyPermissionRequest(permissionLog));
  ses.setPermissionCheckHandler(denyPermissionCheck);
  ses.setDevicePermissionHandler(denyDevicePermission(permissionLog));
  // Device choosers: Electron's default would pick the first device. Cancel them.
  ses.on('select-hid-device', (event, _details, callback) => {
    event.preventDefault();
    permissionLog({ permission: 'hid', origin: 'chooser', kind: 'chooser' });
    callback();
  });
  ses.on('select-usb-device', (event, _details, callback) => {
    event.preventDefault();
    permissionLog({ permission: 'usb', origin: 'chooser', kind: 'chooser' });
    callback();
  });
  ses.on('select-serial-port', (event, _ports, _webContents, callback) => {
    event.preventDefault();
    permissionLog({ permission: 'serial', origin: 'chooser', kind: 'chooser' });
    callback('');
  });
  ses.on('will-download', (event, item) => {
    event.preventDefault();
    log.warn({ url: urlForLog(item.getURL()) }, 'download cancelled');
  });
  // No dictionary downloads, no text sent anywhere for spelling.
  ses.setSpellCheckerEnabled(false);

  ses.webRequest.onBeforeRequest({ urls: ['<all_urls>'] }, (details, callback) => {
    const allowed = isRequestAllowed(details.url, devMode);
    if (!allowed) log.warn({ url: urlForLog(details.url), resourceType: details.resourceType }, 'network request from the page cancelled');
    callback({ cancel: !allowed });
  });
  ses.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: withContentSecurityPolicy(details.responseHeaders) });
  });
}
