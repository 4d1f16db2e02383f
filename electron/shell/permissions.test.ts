import { describe, expect, it } from 'vitest';
import { denyDevicePermission, denyPermissionCheck, denyPermissionRequest } from './permissions.ts';

describe('permission handlers', () => {
  it.each(['media', 'geolocation', 'notifications', 'clipboard-read', 'fullscreen', 'hid', 'serial', 'usb', 'openExternal', 'unknown'])(
    'the request handler calls back false for %s and logs it',
    (permission) => {
      const logged: unknown[] = [];
      const answers: boolean[] = [];
      denyPermissionRequest((fields) => logged.push(fields))({ getURL: () => 'app://kiosk/index.html' }, permission, (granted) => answers.push(granted));
      expect(answers).toEqual([false]);
      expect(logged).toEqual([{ permission, origin: 'app://kiosk/index.html', kind: 'request' }]);
    },
  );

  it('the check handler says no', () => {
    expect(denyPermissionCheck()).toBe(false);
  });

  it('the device handler says no to HID, USB and serial', () => {
    const deny = denyDevicePermission(() => undefined);
    for (const deviceType of ['hid', 'usb', 'serial']) expect(deny({ deviceType, origin: 'app://kiosk' })).toBe(false);
  });
});
