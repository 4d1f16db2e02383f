/** The controls focus can move to — by Tab inside a dialog (Dialog.tsx) or by the tactile keypad (keypad-navigation.ts). */
export const FOCUSABLE = 'button:not([disabled]), input:not([disabled]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])';

/** Where focus and speech stay: the open modal dialog, else the page. */
export function activeScope(doc: Document): ParentNode {
  return doc.querySelector('[role="dialog"][aria-modal="true"]') ?? doc.body;
}
