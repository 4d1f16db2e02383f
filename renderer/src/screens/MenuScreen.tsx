import { useTranslation } from 'react-i18next';
import type { Language, ServiceSummary } from '../../../electron/contract/index.ts';
import { formatMoney } from '../i18n/format.ts';
import { useKioskApi } from '../platform/kiosk-api-context.ts';
import { ServiceIcon } from '../components/ServiceIcon.tsx';

export function MenuScreen({ services, language }: { services: ServiceSummary[]; language: Language }) {
  const { t } = useTranslation();
  const kiosk = useKioskApi();
  return (
    <div className="menu" data-testid="screen-menu">
      <header className="topbar">
        <button type="button" className="button button--ghost" data-testid="lang-toggle" lang={language === 'ar' ? 'en' : 'ar'} onClick={() => void kiosk.send({ type: 'setLanguage', language: language === 'ar' ? 'en' : 'ar' })}>
          {t('menu.switchLanguage')}
        </button>
        <button type="button" className="button button--secondary" data-testid="btn-end-session" onClick={() => void kiosk.send({ type: 'cancel' })}>
          {t('menu.end')}
        </button>
      </header>
      <main className="menu__main">
        <h1 className="menu__title">{t('menu.title')}</h1>
        {services.length === 0 ? (
          <p className="menu__empty" data-testid="menu-empty" role="status">
            {t('menu.empty')}
          </p>
        ) : (
          <ul className="menu__grid">
            {services.map((service) => (
              <li key={service.id}>
                <button type="button" className="tile" data-testid={`service-${service.id}`} onClick={() => void kiosk.send({ type: 'selectService', serviceId: service.id })}>
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
    </div>
  );
}
