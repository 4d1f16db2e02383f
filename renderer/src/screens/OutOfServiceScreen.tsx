import { useTranslation } from 'react-i18next';
import type { LocalizedText } from '../../../electron/contract/index.ts';
import { Emblem } from '../components/Emblem.tsx';
import { SerratedBand } from '../components/SerratedBand.tsx';
import { Icon } from '../components/Icon.tsx';
import { CornerZones } from '../components/CornerZones.tsx';

/** Shown in both languages — whoever walks up must understand it. No buttons: there is nothing to do here. */
export function OutOfServiceScreen({ reason }: { reason: LocalizedText }) {
  const { i18n } = useTranslation();
  const ar = i18n.getFixedT('ar');
  const en = i18n.getFixedT('en');
  return (
    <main className="notice" data-testid="screen-out-of-service">
      <CornerZones />
      <SerratedBand className="notice__band" />
      <Emblem className="notice__emblem" />
      <Icon name="pause" className="notice__icon" />
      <h1 className="notice__title">
        <span lang="ar" dir="rtl">
          {ar('outOfService.title')}
        </span>
        <span lang="en" dir="ltr">
          {en('outOfService.title')}
        </span>
      </h1>
      <div className="notice__columns">
        <div lang="ar" dir="rtl" className="notice__block">
          <p className="notice__reason">{reason.ar}</p>
          <p className="notice__hint">{ar('outOfService.hint')}</p>
        </div>
        <div lang="en" dir="ltr" className="notice__block">
          <p className="notice__reason">{reason.en}</p>
          <p className="notice__hint">{en('outOfService.hint')}</p>
        </div>
      </div>
    </main>
  );
}
