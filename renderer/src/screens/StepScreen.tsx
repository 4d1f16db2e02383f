import type { Frame as FrameModel, Language, StepView } from '../../../electron/contract/index.ts';
import { Frame } from '../components/Frame.tsx';
import { StepBody } from '../steps/StepBody.tsx';

export function StepScreen({ frame, step, language }: { frame: FrameModel; step: StepView; language: Language }) {
  return (
    <div className="screen-step" data-testid="screen-step" data-step-kind={step.kind}>
      <Frame frame={frame} language={language}>
        <StepBody step={step} language={language} />
      </Frame>
    </div>
  );
}
