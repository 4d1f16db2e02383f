import { useContext, type ReactNode } from 'react';
import { createPortal } from 'react-dom';
import { FrameActionSlot } from './frame-actions.ts';

/** Renders a step's actions into the frame footer (inline when there is no frame). */
export function FrameActions({ children }: { children: ReactNode }) {
  const slot = useContext(FrameActionSlot);
  return slot ? createPortal(children, slot) : <div className="step__actions">{children}</div>;
}
