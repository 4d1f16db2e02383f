import { useTranslation } from 'react-i18next';
import type { Language, ServiceSummary } from '../../../electron/contract/index.ts';
import { formatMoney } from '../i18n/format.ts';
import { useKioskApi } from '../platform/kiosk-api-context.ts';
import { ServiceIcon } from '../components/ServiceIcon.tsx';
import { BrandBar } from '../components/BrandBar.tsx';
import { Icon } from '../components/Icon.tsx';

export function MenuScreen({ services, language }: { services: ServiceSummary[]; language: Language }) {
  const { t } = useTranslation();
  const kiosk = useKioskApi();
  const other: Language = language === 'ar' ? 'en' : 'ar';
  return (
    <div className="menu" data-testid="screen-menu">
      <BrandBar>
        <button type="button" className="button button--ghost button--icon" data-testid="lang-toggle" lang={other} aria-label={t('menu.switchLanguageLabel')} onClick={() => void kiosk.send({ type: 'setLanguage', language: other })}>
          <Icon name="globe" />
          {t('menu.switchLanguage')}
        </button>
      </BrandBar>
      <main className="menu__main">
        <h1 className="menu__title">{t('menu.title')}</h1>
        <p className="menu__subtitle">{t('menu.subtitle')}</p>
        {services.length === 0 ? (
          <div className="menu__empty" data-testid="menu-empty" role="status">
            <Icon name="pause" className="menu__empty-icon" />
            <h2 className="menu__empty-title">{t('menu.emptyTitle')}</h2>
            <p>{t('menu.empty')}</p>
          </div>
        ) : (
          <ul className="menu__grid" aria-label={t('menu.services')}>
            {services.map((service) => (
              <li key={service.id}>
                <button type="button" className={`tile tile--${service.category}`} data-testid={`service-${service.id}`} onClick={() => void kiosk.send({ type: 'selectService', serviceId: service.id })}>
                  <ServiceIcon name={service.icon} />
                  <span className="tile__text">
                    <span className="tile__title">{service.title[language]}</span>
                    <span className="tile__description">{service.description[language]}</span>
                  </span>
                  <span className={`tile__fee ${service.feeFils === 0 ? 'tile__fee--free' : ''}`}>
                    {service.feeFils === 0 ? t('menu.free') : t('menu.fee', { amount: formatMoney(service.feeFils, language) })}
                  </span>
                </button>
              </li>
            ))}
          </ul>
        )}
      </main>
      <footer className="menu__footer">
        <button type="button" className="button button--secondary button--icon" data-testid="btn-end-session" aria-label={t('menu.endLabel')} onClick={() => void kiosk.send({ type: 'cancel' })}>
          <Icon name="exit" mirror />
          {t('menu.end')}
        </button>
      </footer>
    </div>
  );
}
