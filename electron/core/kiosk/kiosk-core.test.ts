import { describe, expect, it } from 'vitest';
import type { ViewModel } from '../../contract/index.ts';
import { createTestCore } from '../testing/core-fixture.ts';

function toForm(core: ReturnType<typeof createTestCore>['core']) {
  core.handle({ type: 'start' });
  core.handle({ type: 'setLanguage', language: 'en' });
  core.handle({ type: 'selectService', serviceId: 'practice-form' });
  core.handle({ type: 'submitStep', stepId: 'intro', values: {} });
}

describe('KioskCore', () => {
  it('goes attract → language → menu and lists the available services', () => {
    const { core } = createTestCore();
    expect(core.view().screen).toBe('attract');
    core.handle({ type: 'start' });
    expect(core.view().screen).toBe('language');
    core.handle({ type: 'setLanguage', language: 'en' });
    const view = core.view();
    expect(view.screen).toBe('menu');
    if (view.screen === 'menu') expect(view.services.map((s) => s.id)).toEqual(['practice-form']);
    expect(view.language).toBe('en');
  });

  it('skips the language screen when only one language is enabled', () => {
    const { core } = createTestCore((c) => {
      c.languages.enabled = ['ar'];
    });
    core.handle({ type: 'start' });
    expect(core.view().screen).toBe('menu');
  });

  it('refuses to skip a step: only the step on screen can be submitted', () => {
    const { core } = createTestCore();
    core.handle({ type: 'start' });
    core.handle({ type: 'setLanguage', language: 'ar' });
    core.handle({ type: 'selectService', serviceId: 'practice-form' });
    const result = core.handle({ type: 'submitStep', stepId: 'finished', values: {} });
    expect(result.ok).toBe(false);
    const view = core.view();
    expect(view.screen === 'step' && view.step.stepId).toBe('intro');
  });

  it('shows field errors in the view and keeps what was typed', () => {
    const { core } = createTestCore();
    toForm(core);
    core.handle({ type: 'submitStep', stepId: 'details', values: { nickname: 'Test Person', mobile: '123' } });
    const view = core.view() as Extract<ViewModel, { screen: 'step' }>;
    expect(view.step.kind).toBe('form');
    if (view.step.kind === 'form') {
      const mobile = view.step.fields.find((f) => f.id === 'mobile')!;
      expect(mobile.error?.en).toMatch(/Bahraini/);
      expect(mobile.value).toBe('123');
      expect(view.step.fields.find((f) => f.id === 'nickname')!.value).toBe('Test Person');
    }
  });

  it('completes the practice service and returns to the menu with nothing kept', () => {
    const { core } = createTestCore();
    toForm(core);
    core.handle({ type: 'submitStep', stepId: 'details', values: { nickname: 'Test Person', mobile: '٣٦١٢٣٤٥٦' } });
    const done = core.view();
    expect(done.screen === 'step' && done.step.kind).toBe('message');
    expect(done.screen === 'step' && done.frame.canCancel).toBe(false);
    core.handle({ type: 'submitStep', stepId: 'finished', values: {} });
    expect(core.view().screen).toBe('menu');
    core.handle({ type: 'selectService', serviceId: 'practice-form' });
    core.handle({ type: 'submitStep', stepId: 'intro', values: {} });
    const again = core.view();
    expect(again.screen === 'step' && again.step.kind === 'form' && again.step.fields.every((f) => f.value === '')).toBe(true);
  });

  it('back walks the steps, then leaves the service; cancel leaves the service; cancel at the menu ends the session', () => {
    const { core } = createTestCore();
    toForm(core);
    core.handle({ type: 'back' });
    expect((core.view() as Extract<ViewModel, { screen: 'step' }>).step.stepId).toBe('intro');
    core.handle({ type: 'back' });
    expect(core.view().screen).toBe('menu');
    core.handle({ type: 'selectService', serviceId: 'practice-form' });
    core.handle({ type: 'cancel' });
    expect(core.view().screen).toBe('menu');
    const epoch = core.view().sessionEpoch;
    core.handle({ type: 'cancel' });
    expect(core.view().screen).toBe('attract');
    expect(core.view().sessionEpoch).toBe(epoch + 1);
    expect(core.sessions.size).toBe(0);
  });

  it('idle: warning, "need more time", then expiry wipes the session table', () => {
    const { core, clock, config } = createTestCore();
    toForm(core);
    core.handle({ type: 'submitStep', stepId: 'details', values: { nickname: 'Test Person', mobile: '1' } });
    clock.advance(config.idle.warningAfterSeconds * 1000);
    expect(core.view().idle).toEqual({ phase: 'warning', secondsLeft: config.idle.answerWithinSeconds, totalSeconds: config.idle.answerWithinSeconds });
    // A plain touch does not dismiss the warning; the explicit answer does.
    core.handle({ type: 'touch' });
    expect(core.view().idle.phase).toBe('warning');
    core.handle({ type: 'needMoreTime' });
    expect(core.view().idle.phase).toBe('active');
    expect(core.view().screen).toBe('step');
    clock.advance((config.idle.warningAfterSeconds + config.idle.answerWithinSeconds) * 1000);
    const view = core.view();
    expect(view.screen).toBe('attract');
    expect(core.sessions.size).toBe(0);
    expect(JSON.stringify(view)).not.toContain('Test Person');
  });

  it('out of service refuses citizens and wipes a running session', () => {
    const { core } = createTestCore();
    toForm(core);
    core.setOutOfService('technician');
    expect(core.view().screen).toBe('out-of-service');
    expect(core.sessions.size).toBe(0);
    expect(core.handle({ type: 'start' }).ok).toBe(false);
    core.setOutOfService(null);
    expect(core.view().screen).toBe('attract');
  });

  it('every emitted view model validates against the contract', async () => {
    const { ViewModelSchema } = await import('../../contract/index.ts');
    const { core, clock } = createTestCore();
    const views: unknown[] = [];
    core.subscribe((v) => views.push(v));
    toForm(core);
    core.handle({ type: 'help' });
    clock.advance(61_000);
    core.setOutOfService('device');
    expect(views.length).toBeGreaterThan(5);
    for (const v of views) expect(ViewModelSchema.safeParse(v).success).toBe(true);
  });

  it('does not log what the citizen typed', () => {
    const { core, log } = createTestCore();
    toForm(core);
    core.handle({ type: 'submitStep', stepId: 'details', values: { nickname: 'Unique Fictional Name', mobile: '36999888' } });
    expect(log.text()).not.toContain('Unique Fictional Name');
    expect(log.text()).not.toContain('36999888');
  });

  it('speaks only into headphones, in the screen language, and never logs the words; pulling them out stops speech', () => {
    const { core, speech, log } = createTestCore();
    const views: ViewModel[] = [];
    core.subscribe((v) => views.push(v));
    expect(core.handle({ type: 'speak', text: 'Choose your language', interrupt: true })).toMatchObject({ ok: false });
    core.setHeadphones(true);
    expect(core.view()).toMatchObject({ headphones: true });
    core.handle({ type: 'start' });
    core.handle({ type: 'setLanguage', language: 'en' });
    const emitted = views.length;
    expect(core.handle({ type: 'speak', text: 'Test Person, Building 12A', interrupt: true })).toEqual({ ok: true });
    // Speech changes nothing on screen: no new view.
    expect(views).toHaveLength(emitted);
    expect(speech.utterances()).toEqual([{ text: 'Test Person, Building 12A', language: 'en' }]);
    expect(log.text()).not.toContain('Test Person');
    core.setHeadphones(false);
    expect(core.view()).not.toHaveProperty('headphones');
    expect(core.handle({ type: 'speak', text: 'again', interrupt: false })).toMatchObject({ ok: false });
    expect(speech.utterances()).toHaveLength(1);
  });

  it('passes keypad keys to the page and counts them as activity', () => {
    const { core } = createTestCore();
    const keys: unknown[] = [];
    const stop = core.onKeypad((k) => keys.push(k));
    core.keypad({ kind: 'navigate', direction: 'down' });
    stop();
    core.keypad({ kind: 'confirm' });
    expect(keys).toEqual([{ kind: 'navigate', direction: 'down' }]);
  });
});
