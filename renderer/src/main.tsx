import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import i18next from 'i18next';
import '@fontsource/noto-sans/400.css';
import '@fontsource/noto-sans/700.css';
import '@fontsource/noto-sans-arabic/400.css';
import '@fontsource/noto-sans-arabic/700.css';
import './styles/theme.css';
import './styles/screens.css';
import './styles/steps.css';
import './styles/technician.css';
import ar from '@locales/ar.json';
import en from '@locales/en.json';
import type { KioskApi } from '../../electron/contract/index.ts';
import { App } from './App.tsx';
import { initI18n } from './i18n/i18n.ts';
import { useKiosk } from './store/kiosk-store.ts';
import { createIntentSender } from './store/intent-sender.ts';
import { installPageHygiene } from './platform/page-hygiene.ts';
import { bridgeUrlFromLocation, createBrowserBridge } from './platform/browser-bridge.ts';
import { throttle } from './platform/throttle.ts';
import { KioskApiContext } from './platform/kiosk-api-context.ts';
import { applyDocumentLanguage, createViewSync } from './platform/view-sync.ts';
import { handleKeypad } from './platform/keypad-navigation.ts';
import { createSpeechGuide } from './platform/speech-guide.ts';

declare global {
  interface Window {
    kiosk?: KioskApi;
  }
}

installPageHygiene();
initI18n({ ar: { translation: ar }, en: { translation: en } });
applyDocumentLanguage(document, 'ar');

// The Electron preload installs window.kiosk; in the browser shell the page installs it over the loopback bridge.
const kiosk: KioskApi =
  window.kiosk ??
  createBrowserBridge({
    url: bridgeUrlFromLocation(window.location),
    createSocket: (url) => new WebSocket(url),
    setTimer: (fn, ms) => window.setTimeout(fn, ms),
    onState: (state) => useKiosk.getState().setConnection(state),
  });
if (window.kiosk) useKiosk.getState().setConnection('open');
else window.kiosk = kiosk;

// The components' way to the core: the same API, with double taps dropped and pending intents in the store.
const guarded: KioskApi = {
  ...kiosk,
  onView: (listener) => kiosk.onView(listener),
  sync: () => kiosk.sync(),
  send: createIntentSender(kiosk, {
    pending: () => useKiosk.getState().pending,
    add: (entry) => useKiosk.getState().addPending(entry),
    remove: (id) => useKiosk.getState().removePending(id),
  }),
};

kiosk.onView(
  createViewSync({
    wipe: () => {
      // A new citizen (or none): nothing a page could have stored survives.
      try {
        window.localStorage.clear();
        window.sessionStorage.clear();
      } catch {
        // storage may be disabled; nothing to clear then
      }
      useKiosk.getState().reset();
    },
    applyLanguage: (language) => {
      applyDocumentLanguage(document, language);
      void i18next.changeLanguage(language);
    },
    setView: (view) => useKiosk.getState().setView(view),
  }),
);
kiosk.sync();

// Any touch or key keeps the session alive (the core decides what that means).
const touch = throttle(() => void kiosk.send({ type: 'touch' }), 1000);
window.addEventListener('pointerdown', touch, { capture: true, passive: true });
window.addEventListener('keydown', touch, { capture: true });

// The tactile keypad drives the page (focus, presses) for citizens who cannot use the touchscreen.
// While it is in use the focus ring is always drawn; a touch hides it again. With headphones
// plugged into the keypad, the page says what it shows and what has focus (speech-guide.ts).
const speech = createSpeechGuide({
  speak: (text, interrupt) => void kiosk.send({ type: 'speak', text, interrupt }),
  t: (key) => i18next.t(key),
  afterPaint: (fn) => window.setTimeout(fn, 60),
  doc: document,
});
kiosk.onView((view) => speech.viewChanged(view));
kiosk.onKeypad((input) => {
  document.documentElement.dataset.input = 'keypad';
  speech.keyHandled(input, handleKeypad(input, document));
});
window.addEventListener('pointerdown', () => delete document.documentElement.dataset.input, { capture: true, passive: true });

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <KioskApiContext.Provider value={guarded}>
      <App />
    </KioskApiContext.Provider>
  </StrictMode>,
);
