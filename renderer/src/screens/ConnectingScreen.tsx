import { Emblem } from '../components/Emblem.tsx';

/** Before the first view arrives, or while the bridge reconnects: calm, bilingual, no error text. */
export function ConnectingScreen() {
  return (
    <main className="connecting" data-testid="bridge-reconnecting" aria-busy="true">
      <Emblem className="connecting__emblem" />
      <p lang="ar" dir="rtl">
        جارٍ الاتصال بالجهاز…
      </p>
      <p lang="en" dir="ltr">
        Connecting to the kiosk…
      </p>
      <span className="spinner" aria-hidden="true" />
    </main>
  );
}
