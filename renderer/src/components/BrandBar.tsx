import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Emblem } from './Emblem.tsx';

/** The top bar of every in-session screen: the service's identity, and room for a few tools at the inline end. */
export function BrandBar({ children }: { children?: ReactNode }) {
  const { t } = useTranslation();
  return (
    <header className="brandbar">
      <div className="brandbar__brand">
        <Emblem className="brandbar__emblem" />
        <span className="brandbar__names">
          <span className="brandbar__name">{t('app.name')}</span>
          <span className="brandbar__authority">{t('app.authority')}</span>
        </span>
      </div>
      {children && <div className="brandbar__tools">{children}</div>}
    </header>
  );
}
