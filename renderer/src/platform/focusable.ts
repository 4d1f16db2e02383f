/** The controls focus can move to — by Tab inside a dialog (Dialog.tsx) or by the tactile keypad (keypad-navigation.ts). */
export const FOCUSABLE = 'button:not([disabled]), input:not([disabled]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])';
