/**
 * Permission handlers for the kiosk session: everything is denied. The page
 * needs no camera, microphone, notifications, geolocation, clipboard,
 * fullscreen API or device access (USB, HID, serial, Bluetooth): all
 * hardware belongs to the core in the main process. Without these handlers
 * Electron grants most permissions by default.
 */
export type PermissionLog = (fields: { permission: string; origin: string; kind: 'request' | 'device' | 'chooser' }) => void;

/** For `session.setPermissionRequestHandler`. */
export function denyPermissionRequest(log: PermissionLog) {
  return (webContents: { getURL(): string } | null, permission: string, callback: (granted: boolean) => void): void => {
    log({ permission, origin: webContents?.getURL() ?? 'unknown', kind: 'request' });
    callback(false);
  };
}

/**
 * For `session.setPermissionCheckHandler`. Chromium asks this often and
 * silently (e.g. before showing a feature), so it is not logged.
 */
export function denyPermissionCheck(): boolean {
  return false;
}

/** For `session.setDevicePermissionHandler` (WebHID, WebUSB, Web Serial). */
export function denyDevicePermission(log: PermissionLog) {
  return (details: { deviceType: string; origin: string }): boolean => {
    log({ permission: details.deviceType, origin: details.origin, kind: 'device' });
    return false;
  };
}
