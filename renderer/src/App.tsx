import type { ViewModel } from '../../electron/contract/index.ts';
import { useKiosk } from './store/kiosk-store.ts';
import { AttractScreen } from './screens/AttractScreen.tsx';
import { LanguageScreen } from './screens/LanguageScreen.tsx';
import { MenuScreen } from './screens/MenuScreen.tsx';
import { StepScreen } from './screens/StepScreen.tsx';
import { OutOfServiceScreen } from './screens/OutOfServiceScreen.tsx';
import { ConnectingScreen } from './screens/ConnectingScreen.tsx';
import { TechnicianScreen } from './technician/TechnicianScreen.tsx';
import { IdleWarning } from './components/IdleWarning.tsx';
import { HelpDialog } from './components/HelpDialog.tsx';
import { ReconnectingOverlay } from './components/ReconnectingOverlay.tsx';

/** Renders whatever the core says; nothing else. */
export function App() {
  const view = useKiosk((s) => s.view);
  const connection = useKiosk((s) => s.connection);
  const busy = useKiosk((s) => s.pending.length > 0);

  if (!view) return <ConnectingScreen />;
  const idleWarning = view.idle.phase === 'warning' ? view.idle : null;
  const help = view.screen === 'step' && view.helpOpen && !idleWarning ? view.frame : null;
  const offline = connection !== 'open';
  // A new session epoch remounts everything: no component state survives from the previous citizen.
  return (
    <div className="app" key={view.sessionEpoch} data-screen={view.screen} aria-busy={busy || undefined}>
      <div className="app__screen" inert={Boolean(idleWarning || help || offline)}>
        <Screen view={view} />
      </div>
      {help && <HelpDialog help={help.help} title={help.stepTitle} language={view.language} />}
      {idleWarning && !offline && <IdleWarning secondsLeft={idleWarning.secondsLeft} totalSeconds={idleWarning.totalSeconds} language={view.language} />}
      {offline && <ReconnectingOverlay />}
      {busy && <span className="app__pending" aria-hidden="true" />}
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
    case 'technician':
      return <TechnicianScreen view={view.technician} language={view.language} />;
  }
}
