import type { Language, StepView } from '../../../electron/contract/index.ts';
import { InfoStep, MessageStep, BusyStep, ChooseStep, ReviewStep, TakeCardStep, InsertCardStep } from './simple-steps.tsx';
import { FormStep } from './FormStep.tsx';
import { PinStep } from './PinStep.tsx';
import { FingerprintStep } from './FingerprintStep.tsx';
import { OtpStep } from './OtpStep.tsx';
import { RatingStep } from './RatingStep.tsx';
import { PayStep } from './PayStep.tsx';
import { PasswordStep } from './PasswordStep.tsx';

/** One component per step kind; `key` on the step id resets local state between steps. */
export function StepBody({ step, language }: { step: StepView; language: Language }) {
  switch (step.kind) {
    case 'info':
      return <InfoStep step={step} language={language} />;
    case 'form':
      return <FormStep key={step.stepId} step={step} language={language} />;
    case 'message':
      return <MessageStep step={step} language={language} />;
    case 'busy':
      return <BusyStep step={step} language={language} />;
    case 'insert-card':
      return <InsertCardStep step={step} language={language} />;
    case 'pin':
      return <PinStep key={`${step.stepId}-${step.mode}`} step={step} language={language} />;
    case 'fingerprint':
      return <FingerprintStep step={step} language={language} />;
    case 'otp':
      return <OtpStep key={step.stepId} step={step} language={language} />;
    case 'choose':
      return <ChooseStep step={step} language={language} />;
    case 'review':
      return <ReviewStep step={step} language={language} />;
    case 'take-card':
      return <TakeCardStep step={step} language={language} />;
    case 'rating':
      return <RatingStep key={step.stepId} step={step} language={language} />;
    case 'pay':
      return <PayStep step={step} language={language} />;
    case 'password':
      return <PasswordStep key={step.stepId} step={step} language={language} />;
  }
}
