import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { DIRECTION, type ViewModel } from '../../electron/contract/index.ts';
import { useKiosk } from './store/kiosk-store.ts';
import { AttractScreen } from './screens/AttractScreen.tsx';
import { LanguageScreen } from './screens/LanguageScreen.tsx';
import { MenuScreen } from './screens/MenuScreen.tsx';
import { StepScreen } from './screens/StepScreen.tsx';
import { OutOfServiceScreen } from './screens/OutOfServiceScreen.tsx';
import { ConnectingScreen } from './screens/ConnectingScreen.tsx';
import { IdleWarning } from './components/IdleWarning.tsx';
import { HelpDialog } from './components/HelpDialog.tsx';

/** Renders whatever the core says; nothing else. */
export function App() {
  const view = useKiosk((s) => s.view);
  const connection = useKiosk((s) => s.connection);
  const { i18n } = useTranslation();
  const language = view?.language ?? 'ar';

  useEffect(() => {
    const html = document.documentElement;
    html.lang = language;
    html.dir = DIRECTION[language];
    if (i18n.language !== language) void i18n.changeLanguage(language);
  }, [language, i18n]);

  if (!view || connection !== 'open') return <ConnectingScreen />;
  // A new session epoch remounts everything: no component state survives from the previous citizen.
  return (
    <div className="app" key={view.sessionEpoch}>
      <Screen view={view} />
      {view.screen === 'step' && view.helpOpen && view.idle.phase !== 'warning' && <HelpDialog help={view.frame.help} language={language} />}
      {view.idle.phase === 'warning' && <IdleWarning secondsLeft={view.idle.secondsLeft} totalSeconds={view.idle.totalSeconds} language={language} />}
    </div>
  );
}

function Screen({ view }: { view: ViewModel }) {
  switch (view.screen) {
    case 'attract':
      return <AttractScreen />;
    case 'language':
      return <LanguageScreen />;
    case 'menu':
      return <MenuScreen services={view.services} language={view.language} />;
    case 'step':
      return <StepScreen frame={view.frame} step={view.step} language={view.language} />;
    case 'out-of-service':
      return <OutOfServiceScreen reason={view.reason} />;
  }
}
