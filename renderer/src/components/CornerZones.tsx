import type { Corner } from '../../../electron/contract/index.ts';
import { useKioskApi } from '../platform/kiosk-api-context.ts';

const CORNERS: Corner[] = ['top-start', 'top-end', 'bottom-end', 'bottom-start'];

/**
 * Four invisible touch targets in the screen corners for the technician's
 * entry gesture. The page knows nothing of the sequence: each tap goes to
 * the core, which decides. Hidden from assistive technology (they are not
 * for citizens), and a tap here does not also start a citizen session.
 */
export function CornerZones() {
  const kiosk = useKioskApi();
  return (
    <>
      {CORNERS.map((corner) => (
        <div
          key={corner}
          className={`corner-zone corner-zone--${corner}`}
          data-testid={`corner-${corner}`}
          aria-hidden="true"
          onClick={(event) => {
            event.stopPropagation();
            void kiosk.send({ type: 'cornerTap', corner });
          }}
        />
      ))}
    </>
  );
}
