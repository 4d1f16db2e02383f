import type { StepDefinition, StepKind } from '../catalogue/service-schema.ts';
import type { StepFactory } from './step-context.ts';
import { chooseStep, doneStep, infoStep, ratingStep, reviewStep } from './steps/simple-steps.ts';
import { formStep } from './steps/form-step.ts';
import { cardInStep, cardOutStep, chipWriteStep, pinStep } from './steps/card-steps.ts';
import { fingerprintStep, otpStep } from './steps/identity-steps.ts';
import { lookupStep, submitStep } from './steps/gateway-steps.ts';
import { payStep } from './steps/pay-step.ts';
import { printStep } from './steps/print-step.ts';
import { ekeyStep, passwordStep } from './steps/ekey-steps.ts';

type Factories = { [K in StepKind]?: StepFactory<Extract<StepDefinition, { kind: K }>> };

/** Step kinds this build can run. */
export const STEP_FACTORIES: Factories = {
  info: infoStep,
  form: formStep,
  done: doneStep,
  choose: chooseStep,
  review: reviewStep,
  rating: ratingStep,
  'card-in': cardInStep,
  pin: pinStep,
  'chip-write': chipWriteStep,
  'card-out': cardOutStep,
  fingerprint: fingerprintStep,
  otp: otpStep,
  submit: submitStep,
  lookup: lookupStep,
  pay: payStep,
  print: printStep,
  password: passwordStep,
  ekey: ekeyStep,
};

export const SUPPORTED_STEP_KINDS: ReadonlySet<StepKind> = new Set(Object.keys(STEP_FACTORIES) as StepKind[]);

/**
 * Steps where the citizen answers: their timeout is the session's idle
 * timer (warning, "I need more time", wipe). Steps where the kiosk waits on
 * a device or the gateway get their own timeout below, as a safety net over
 * the device and gateway timeouts.
 */
export const INPUT_STEP_KINDS: ReadonlySet<StepKind> = new Set<StepKind>(['info', 'form', 'done', 'choose', 'review', 'rating', 'pin', 'password']);

export const STEP_TIMEOUT_SECONDS: Partial<Record<StepKind, number>> = {
  'card-in': 90,
  fingerprint: 90,
  otp: 360,
  submit: 120,
  lookup: 60,
  'chip-write': 90,
  'card-out': 150,
  pay: 300,
  print: 120,
  ekey: 60,
};
