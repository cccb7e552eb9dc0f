import { describe, expect, it } from 'vitest';
import { silentLogger } from '../../../shared/log';
import type { RecordingMode } from '../../../shared/recording';
import { createRecordingConsent, type RecordingPrompter } from './recording-consent';
import { recordingPromptText } from './recording-text';

/** A prompt the test answers, remembering what it was asked. */
function prompter() {
  const asked: { consultantName: string; required: boolean }[] = [];
  let answer: ((allowed: boolean) => void) | null = null;
  const fake: RecordingPrompter & { asked: typeof asked; answer(allowed: boolean): void } = {
    asked,
    ask(request, signal) {
      asked.push(request);
      return new Promise((resolve) => {
        answer = resolve;
        signal.addEventListener('abort', () => resolve(true));
      });
    },
    answer: (allowed) => answer?.(allowed),
  };
  return fake;
}

const consent = (mode: RecordingMode, prompt: RecordingPrompter) => createRecordingConsent({ mode: () => mode, prompter: prompt, log: silentLogger });

describe('recording consent', () => {
  it('records only after the person allows it in the prompt', async () => {
    const prompt = prompter();
    const answer = consent('allowed', prompt).ask('Camille');
    await Promise.resolve();
    prompt.answer(true);
    expect(await answer).toEqual({ granted: true });
    expect(prompt.asked).toEqual([{ consultantName: 'Camille', required: false }]);
  });

  it('is a refusal when the person declines', async () => {
    const prompt = prompter();
    const answer = consent('required', prompt).ask('Camille');
    await Promise.resolve();
    prompt.answer(false);
    expect(await answer).toEqual({ granted: false, reason: 'declined' });
    // "Required" still asks: it only changes what the prompt says.
    expect(prompt.asked).toEqual([{ consultantName: 'Camille', required: true }]);
  });

  it('refuses without asking anyone when the policy forbids recording', async () => {
    const prompt = prompter();
    expect(await consent('forbidden', prompt).ask('Camille')).toEqual({ granted: false, reason: 'not-allowed' });
    expect(prompt.asked).toEqual([]);
  });

  it('never stacks prompts, and a withdrawn prompt is a refusal even if it answered yes', async () => {
    const prompt = prompter();
    const service = consent('allowed', prompt);
    const first = service.ask('Camille');
    expect(await service.ask('Camille')).toEqual({ granted: false, reason: 'busy' });
    service.withdraw();
    expect(await first).toEqual({ granted: false, reason: 'declined' });
    expect(prompt.asked).toHaveLength(1);
  });

  it('says in both languages what is recorded and how to stop it, and why when the organisation requires it', () => {
    expect(recordingPromptText('en', 'Camille', false).detail).toContain('Stop recording');
    expect(recordingPromptText('fr', 'Camille', false).detail).toContain('Arrêter l’enregistrement');
    expect(recordingPromptText('en', 'Camille', true).detail).toMatch(/^Your organisation asks/);
    expect(recordingPromptText('fr', 'Camille', false).detail).not.toContain('organisation');
  });
});
