import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Language, TechnicianCommand, TechnicianContent, TechnicianView } from '../../../electron/contract/index.ts';
import { useKioskApi } from '../platform/kiosk-api-context.ts';
import { localDigits } from '../i18n/format.ts';
import { PinPad } from '../steps/PinPad.tsx';
import { OnScreenKeyboard } from '../components/OnScreenKeyboard.tsx';
import { applyKey } from '../components/keyboard-logic.ts';
import { formatMoney } from '../i18n/format.ts';

/**
 * Technician diagnostics mode. Driven only by the core's TechnicianView:
 * the page sends commands and shows what comes back. Visibly not a citizen
 * screen (dark header band, "Technician mode" in both languages).
 */
export function TechnicianScreen({ view, language }: { view: TechnicianView; language: Language }) {
  const { t } = useTranslation();
  const kiosk = useKioskApi();
  const send = (command: TechnicianCommand) => void kiosk.send({ type: 'technician', command });
  const other: Language = language === 'ar' ? 'en' : 'ar';
  return (
    <main className="tech" data-testid="screen-technician" data-phase={view.phase}>
      <header className="tech__bar">
        <h1 className="tech__title">{t('tech.title')}</h1>
        {view.phase === 'open' && <span className="tech__role" data-testid="tech-role">{t(`tech.role.${view.role}`)}</span>}
        <button type="button" className="button button--secondary tech__lang" lang={other} onClick={() => void kiosk.send({ type: 'setLanguage', language: other })}>
          {other === 'ar' ? 'العربية' : 'English'}
        </button>
        <button type="button" className="button button--secondary" data-testid="tech-exit" onClick={() => send({ command: 'exit' })}>
          {t('tech.exit')}
        </button>
      </header>
      {view.phase === 'login' && <Login view={view} language={language} onPin={(pin) => send({ command: 'login', pin })} onUseCard={() => send({ command: 'useStaffCard' })} />}
      {view.phase === 'locked' && (
        <p className="tech__locked" role="alert" data-testid="tech-locked">
          {t('tech.locked', { minutes: localDigits(view.minutesLeft, language) })}
        </p>
      )}
      {view.phase === 'open' && (
        <>
          <nav className="tech__nav" aria-label={t('tech.sections')}>
            {view.sections.map((section) => (
              <button
                type="button"
                key={section}
                className={`tech__tab ${view.content.section === section ? 'tech__tab--on' : ''}`}
                aria-current={view.content.section === section ? 'page' : undefined}
                data-testid={`tech-section-${section}`}
                onClick={() => send({ command: 'open', section })}
              >
                {t(`tech.section.${section}`)}
              </button>
            ))}
          </nav>
          {view.notice && (
            <p className={`tech__notice tech__notice--${view.notice.tone}`} role="status" data-testid="tech-notice">
              {view.notice.text[language]}
            </p>
          )}
          {view.busy && (
            <p className="tech__busy" role="status" data-testid="tech-busy">
              <span className="spinner" aria-hidden="true" /> {t('tech.working')}
            </p>
          )}
          {/* While an action runs (self-test, settlement, export) nothing else can be started: the fieldset disables every button in it. */}
          <fieldset className="tech__content" disabled={view.busy} data-testid={`tech-content-${view.content.section}`}>
            <legend className="visually-hidden">{t(`tech.section.${view.content.section}`)}</legend>
            <Content content={view.content} language={language} send={send} />
          </fieldset>
        </>
      )}
    </main>
  );
}

function Login({ view, language, onPin, onUseCard }: { view: Extract<TechnicianView, { phase: 'login' }>; language: Language; onPin(pin: string): void; onUseCard(): void }) {
  const { t } = useTranslation();
  const [pin, setPin] = useState('');
  const card = view.staffCard;
  // While the card is in the reader or on its way back, there is nothing to type yet.
  if (card && card.state !== 'read') {
    return (
      <section className="tech__login" data-testid="tech-staff-card" data-state={card.state}>
        <p className="step__lead" role="status">
          {t(card.state === 'waiting' ? 'tech.staffCardWaiting' : 'tech.staffCardReturning')}
        </p>
      </section>
    );
  }
  return (
    <section className="tech__login" data-testid="tech-login" data-staff-card={card?.staffId ?? ''}>
      <p className="step__lead">{card?.staffId ? t('tech.staffCardRead', { staffId: card.staffId }) : t('tech.enterPin')}</p>
      {view.staffCardError && (
        <p className="step__error" role="alert" data-testid="tech-staff-card-error">
          {view.staffCardError[language]}
        </p>
      )}
      {view.error && (
        <p className="step__error" role="alert" data-testid="tech-pin-error">
          {view.error[language]} {t('tech.attemptsLeft', { count: view.attemptsLeft, shown: localDigits(view.attemptsLeft, language) })}
        </p>
      )}
      <PinPad length={pin.length} maxLength={12} language={language} onDigit={(d) => setPin((p) => (p.length < 12 ? p + d : p))} onBack={() => setPin((p) => p.slice(0, -1))} onClear={() => setPin('')} />
      <button
        type="button"
        className="button button--primary button--large"
        data-testid="tech-pin-ok"
        disabled={pin.length < 4}
        onClick={() => {
          const value = pin;
          setPin('');
          onPin(value);
        }}
      >
        {t('tech.signIn')}
      </button>
      {view.canUseStaffCard && !card && (
        <button type="button" className="button button--secondary button--large" data-testid="tech-use-staff-card" onClick={onUseCard}>
          {t('tech.useStaffCard')}
        </button>
      )}
    </section>
  );
}

const REASONS = ['maintenance', 'paper', 'cardReader', 'network'] as const;

/** The date N days before `today` (YYYY-MM-DD, the kiosk's own date from the core). */
const daysBefore = (today: string, n: number) => new Date(Date.parse(`${today}T12:00:00Z`) - n * 86_400_000).toISOString().slice(0, 10);

/** HH:MM moved by `minutes`, wrapping at midnight. */
function shiftTime(value: string, minutes: number): string {
  const match = /^(\d{2}):(\d{2})$/.exec(value);
  if (!match) return value;
  const total = (((Number(match[1]) * 60 + Number(match[2]) + minutes) % 1440) + 1440) % 1440;
  return `${String(Math.floor(total / 60)).padStart(2, '0')}:${String(total % 60).padStart(2, '0')}`;
}

function ConfigSection({ content, language, send }: { content: Extract<TechnicianContent, { section: 'config' }>; language: Language; send(command: TechnicianCommand): void }) {
  const { t } = useTranslation();
  const [edits, setEdits] = useState<Record<string, string | number>>({});
  const valueOf = (key: string, fallback: string | number | boolean) => (key in edits ? edits[key]! : fallback);
  const step = (key: string, current: string | number | boolean, by: number) =>
    setEdits((e) => ({ ...e, [key]: typeof current === 'number' ? current + by : shiftTime(String(current), by) }));
  return (
    <>
      {content.restartPending && <p data-testid="tech-restart-pending">{t('tech.restartPending')}</p>}
      {content.fields.map((field) => {
        const value = valueOf(field.key, field.value);
        const steps = field.type === 'number' ? [-10, -1, 1, 10] : [-15, 15];
        return (
          <div key={field.key} className={`field ${field.error ? 'field--invalid' : ''}`} data-testid={`tech-config-${field.key}`}>
            <p className="field__label">{field.label[language]}</p>
            <div className="tech__stepper">
              {content.canEdit &&
                steps.slice(0, steps.length / 2).map((by) => (
                  <button type="button" key={by} className="button button--secondary" aria-label={`${field.label[language]} ${by}`} data-testid={`tech-config-${field.key}-${by}`} onClick={() => step(field.key, value, by)}>
                    {by}
                  </button>
                ))}
              <output className="tech__value" dir="ltr" data-testid={`tech-config-${field.key}-value`}>
                {String(value)}
              </output>
              {content.canEdit &&
                steps.slice(steps.length / 2).map((by) => (
                  <button type="button" key={by} className="button button--secondary" aria-label={`${field.label[language]} +${by}`} data-testid={`tech-config-${field.key}-+${by}`} onClick={() => step(field.key, value, by)}>
                    +{by}
                  </button>
                ))}
            </div>
            {field.error && (
              <p className="field__error" role="alert" data-testid={`tech-config-${field.key}-error`}>
                {field.error[language]}
              </p>
            )}
          </div>
        );
      })}
      {content.canEdit && (
        <button type="button" className="button button--primary button--large" data-testid="tech-config-save" disabled={Object.keys(edits).length === 0} onClick={() => send({ command: 'saveConfig', values: edits })}>
          {t('tech.save')}
        </button>
      )}
    </>
  );
}

function JournalSection({ content, language, send }: { content: Extract<TechnicianContent, { section: 'journal' }>; language: Language; send(command: TechnicianCommand): void }) {
  const { t } = useTranslation();
  const [reference, setReference] = useState(content.query.reference ?? '');
  return (
    <>
      <div className="tech__actions">
        <button type="button" className="button button--secondary" data-testid="tech-journal-today" onClick={() => send({ command: 'searchJournal', from: content.today, to: content.today })}>
          {t('tech.today')}
        </button>
        <button type="button" className="button button--secondary" data-testid="tech-journal-week" onClick={() => send({ command: 'searchJournal', from: daysBefore(content.today, 6) })}>
          {t('tech.lastWeek')}
        </button>
      </div>
      <label className="field__label" htmlFor="tech-reference">
        {t('tech.reference')}
      </label>
      <input id="tech-reference" className="field__input" data-testid="tech-journal-reference" dir="ltr" value={reference} inputMode="none" readOnly />
      <OnScreenKeyboard keyboard="email" language={language} fieldLabel={t('tech.reference')} onKey={(action) => setReference((v) => applyKey(v, action, 64).toUpperCase())} />
      <button type="button" className="button button--primary" data-testid="tech-journal-search" onClick={() => send({ command: 'searchJournal', ...(reference ? { reference } : {}) })}>
        {t('tech.search')}
      </button>
      <table className="tech__table" dir="ltr">
        <tbody>
          {content.entries.map((e) => (
            <tr key={e.id} data-testid="tech-journal-row">
              <td>{e.at.slice(0, 16).replace('T', ' ')}</td>
              <td>{e.type}</td>
              <td>{e.reference}</td>
              <td>{e.summary}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {content.entries.length === 0 && <p data-testid="tech-journal-empty">{t('tech.nothingFound')}</p>}
      {content.truncated && <p>{t('tech.truncated')}</p>}
    </>
  );
}

function Content({ content, language, send }: { content: TechnicianContent; language: Language; send(command: TechnicianCommand): void }) {
  const { t } = useTranslation();
  switch (content.section) {
    case 'overview':
      return (
        <>
          <p className="tech__status" data-testid="tech-in-service">
            {content.inService ? t('tech.inService') : t('tech.outOfService')}
          </p>
          <table className="tech__table">
            <thead>
              <tr>
                <th scope="col">{t('tech.device')}</th>
                <th scope="col">{t('tech.state')}</th>
                <th scope="col">{t('tech.mode')}</th>
                <th scope="col">{t('tech.selfTest')}</th>
              </tr>
            </thead>
            <tbody>
              {content.devices.map((d) => (
                <tr key={d.id} data-testid={`tech-device-${d.id}`} data-state={d.state}>
                  <th scope="row">{t(`tech.deviceName.${d.id}`)}</th>
                  <td>
                    <span className={`badge badge--${d.state}`}>{d.detail[language]}</span>
                  </td>
                  <td>{t(`tech.modeName.${d.mode}`)}</td>
                  <td>
                    <button type="button" className="button button--secondary tech__test" data-testid={`tech-test-${d.id}`} onClick={() => send({ command: 'selfTest', device: d.id })}>
                      {t('tech.runTest')}
                    </button>
                    {d.lastSelfTest && (
                      <span className={`badge badge--${d.lastSelfTest.passed ? 'ok' : 'fault'}`} data-testid={`tech-test-result-${d.id}`} data-passed={String(d.lastSelfTest.passed)}>
                        {d.lastSelfTest.passed ? t('tech.passed') : t('tech.failed')}
                      </span>
                    )}
                  </td>
                </tr>
              ))}
              <tr data-testid="tech-device-journal" data-state={content.journal.state}>
                <th scope="row">{t('tech.journal')}</th>
                <td>
                  <span className={`badge badge--${content.journal.state}`}>{content.journal.detail[language]}</span>
                </td>
                <td />
                <td />
              </tr>
              <tr data-testid="tech-device-gateway" data-state={content.gateway.state}>
                <th scope="row">{t('tech.gateway')}</th>
                <td>
                  <span className={`badge badge--${content.gateway.state}`}>{content.gateway.detail[language]}</span>
                </td>
                <td />
                <td />
              </tr>
            </tbody>
          </table>
        </>
      );
    case 'service':
      return (
        <>
          <p className="tech__status" data-testid="tech-service-state">
            {content.inService ? t('tech.inService') : `${t('tech.outOfService')}${content.reason ? ` — ${content.reason}` : ''}`}
          </p>
          {content.inService ? (
            <div className="tech__actions">
              <p>{t('tech.chooseReason')}</p>
              {REASONS.map((reason) => (
                <button type="button" key={reason} className="button button--secondary" data-testid={`tech-oos-${reason}`} onClick={() => send({ command: 'setOutOfService', reason: t(`tech.reason.${reason}`, { lng: 'en' }) })}>
                  {t(`tech.reason.${reason}`)}
                </button>
              ))}
            </div>
          ) : (
            <button type="button" className="button button--primary button--large" data-testid="tech-return" onClick={() => send({ command: 'returnToService' })}>
              {t('tech.returnToService')}
            </button>
          )}
        </>
      );
    case 'counters':
      return (
        <>
          <table className="tech__table">
            <tbody>
              <tr data-testid="tech-counter-receipts">
                <th scope="row">{t('tech.receiptsPrinted')}</th>
                <td>{localDigits(content.receiptsPrinted, language)}</td>
                <td>{t('tech.paperLeft', { count: content.paperLeftEstimate, shown: localDigits(content.paperLeftEstimate, language) })}</td>
              </tr>
              <tr data-testid="tech-counter-captured">
                <th scope="row">{t('tech.cardsCaptured')}</th>
                <td>
                  {localDigits(content.cardsCaptured, language)} / {localDigits(content.captureBinCapacity, language)}
                </td>
                <td>{content.captureReasons.map((r) => `${t(`tech.captureReason.${r.reason}`, { defaultValue: r.reason })}: ${localDigits(r.count, language)}`).join(', ')}</td>
              </tr>
              <tr data-testid="tech-counter-payments">
                <th scope="row">{t('tech.paymentsToday')}</th>
                <td>{localDigits(content.paymentsToday.count, language)}</td>
                <td>{formatMoney(content.paymentsToday.totalFils, language)}</td>
              </tr>
              <tr>
                <th scope="row">{t('tech.reversedToday')}</th>
                <td>{localDigits(content.paymentsToday.reversedCount, language)}</td>
                <td>{formatMoney(content.paymentsToday.reversedFils, language)}</td>
              </tr>
              {content.servicesToday.map((service) => (
                <tr key={service.serviceId} data-testid={`tech-counter-service-${service.serviceId}`}>
                  <th scope="row">{service.title[language]}</th>
                  <td>{localDigits(service.count, language)}</td>
                  <td />
                </tr>
              ))}
            </tbody>
          </table>
          <div className="tech__actions">
            <button type="button" className="button button--secondary" data-testid="tech-paper-refilled" onClick={() => send({ command: 'acknowledge', what: 'paper-refilled' })}>
              {t('tech.paperRefilled')}
            </button>
            <button type="button" className="button button--secondary" data-testid="tech-bin-emptied" onClick={() => send({ command: 'acknowledge', what: 'capture-bin-emptied' })}>
              {t('tech.binEmptied')}
            </button>
          </div>
        </>
      );
    case 'journal':
      return <JournalSection content={content} language={language} send={send} />;
    case 'settlement':
      return (
        <>
          {content.canSettle ? (
            <button type="button" className="button button--primary button--large" data-testid="tech-settle" onClick={() => send({ command: 'settle' })}>
              {t('tech.settleNow')}
            </button>
          ) : (
            <p data-testid="tech-settle-supervisor">{t('tech.settleSupervisor')}</p>
          )}
          {content.last && (
            <pre className="tech__report" data-testid="tech-settlement-report" data-reconciled={String(content.last.reconciled)} data-report={content.last.report}>
              {content.last.lines.join('\n')}
            </pre>
          )}
        </>
      );
    case 'config':
      return <ConfigSection content={content} language={language} send={send} />;
    case 'logs':
      return (
        <>
          <p>{t('tech.exportHint')}</p>
          <button type="button" className="button button--primary button--large" data-testid="tech-export" onClick={() => send({ command: 'exportLogs', path: content.suggestedPath })}>
            {t('tech.exportTo', { path: content.suggestedPath })}
          </button>
          {content.lastExport && (
            <p data-testid="tech-last-export" dir="ltr">
              {content.lastExport.path} — {content.lastExport.bytes} B
            </p>
          )}
        </>
      );
    case 'recovery':
      return content.runs.length === 0 ? (
        <p data-testid="tech-recovery-empty">{t('tech.recoveryEmpty')}</p>
      ) : (
        <ul className="tech__list">
          {content.runs.map((run, i) => (
            <li key={i} data-testid="tech-recovery-run">
              <strong>{run.service}</strong> {run.reference} — {run.outcome[language]}
            </li>
          ))}
        </ul>
      );
    case 'audit':
      return (
        <>
          <button type="button" className="button button--primary" data-testid="tech-verify-audit" onClick={() => send({ command: 'verifyAudit' })}>
            {t('tech.verifyAudit')}
          </button>
          {content.verification && (
            <p className={`tech__verification tech__verification--${content.verification.ok ? 'ok' : 'broken'}`} data-testid="tech-audit-result" data-ok={String(content.verification.ok)}>
              {content.verification.chainIntact ? t('tech.auditOk', { count: content.verification.checked }) : t('tech.auditBroken', { seq: content.verification.firstBrokenSeq ?? '?' })}
            </p>
          )}
          {content.verification && (
            <p className="tech__verification" data-testid="tech-audit-anchor" data-anchor={content.verification.anchor}>
              {t(`tech.anchor_${content.verification.anchor}`, { seq: content.verification.anchorSeq ?? '?' })}
            </p>
          )}
          <ol className="tech__list" dir="ltr">
            {content.entries.map((e) => (
              <li key={e.seq} data-testid="tech-audit-entry">
                #{e.seq} {e.at.slice(0, 19).replace('T', ' ')} {e.role}
                {e.staff ? ` (${e.staff})` : ''} {e.action} {e.detail}
              </li>
            ))}
          </ol>
        </>
      );
    default:
      return <p>{t('tech.notYet')}</p>;
  }
}
