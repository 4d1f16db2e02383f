import type { LocalizedText } from '../../../electron/contract/index.ts';
import { Emblem } from '../components/Emblem.tsx';

/** Shown in both languages: whoever walks up must understand it. No buttons. */
export function OutOfServiceScreen({ reason }: { reason: LocalizedText }) {
  return (
    <main className="out-of-service" data-testid="screen-out-of-service">
      <Emblem className="out-of-service__emblem" />
      <h1 className="out-of-service__title">
        <span lang="ar" dir="rtl">
          خارج الخدمة
        </span>
        <span lang="en" dir="ltr">
          Out of service
        </span>
      </h1>
      <p lang="ar" dir="rtl" className="out-of-service__reason">
        {reason.ar}
      </p>
      <p lang="en" dir="ltr" className="out-of-service__reason">
        {reason.en}
      </p>
    </main>
  );
}
