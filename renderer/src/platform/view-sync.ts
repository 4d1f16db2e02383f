import { DIRECTION, type Language, type ViewModel } from '../../../electron/contract/index.ts';

export interface ViewSyncDeps {
  /** Puts the language on the page: <html lang/dir> and the UI strings. */
  applyLanguage(language: Language): void;
  /** Forgets everything of the previous citizen: store, storage. */
  wipe(): void;
  setView(view: ViewModel): void;
}

/**
 * What happens to each view model from the core, in order: a new session
 * epoch wipes first (so nothing of the previous citizen is ever rendered
 * next to the new view), then the language is applied, then the view is
 * stored — so the first render of a view already has the right language
 * and direction.
 */
export function createViewSync(deps: ViewSyncDeps): (view: ViewModel) => void {
  let epoch: number | null = null;
  let language: Language | null = null;
  return (view) => {
    if (view.sessionEpoch !== epoch) {
      epoch = view.sessionEpoch;
      deps.wipe();
    }
    if (view.language !== language) {
      language = view.language;
      deps.applyLanguage(view.language);
    }
    deps.setView(view);
  };
}

/** <html lang> and <html dir> from the view's language. */
export function applyDocumentLanguage(doc: Document, language: Language): void {
  doc.documentElement.lang = language;
  doc.documentElement.dir = DIRECTION[language];
}
