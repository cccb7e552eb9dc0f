import { test } from '@playwright/test';
import type { ConsultantBench, UserBench } from './instrument';
import { distribution, recordMetrics } from './record';
import { connectOnce, openBenchApp, startBenchServer, videoOverride } from './session';

const WARM_UP = 1;
const SESSIONS = 12;

/**
 * connect_ms: the user submits the code → the consultant's video presents its first frame.
 * The time the user spends reading the consent prompt is a human's, not Tandem's: the span
 * from the prompt appearing to the click on "Allow" is taken out (both recorded).
 */
test('connect_ms', async () => {
  const server = await startBenchServer();
  const consultant = await openBenchApp('consultant', server);
  const user = await openBenchApp('user', server);
  try {
    const samples: number[] = [];
    const raw: number[] = [];
    const toPrompt: number[] = [];
    const afterAllow: number[] = [];
    const capture: number[] = [];
    for (let run = 0; run < WARM_UP + SESSIONS; run += 1) {
      await connectOnce(server, consultant.window, user.window);
      await consultant.window.page.waitForFunction(() => (window as unknown as { __bench: ConsultantBench }).__bench.firstFrameAt > 0, undefined, { timeout: 20_000 });
      const firstFrameAt = await consultant.window.page.evaluate(() => (window as unknown as { __bench: ConsultantBench }).__bench.firstFrameAt);
      const u = await user.window.page.evaluate(() => (window as unknown as { __bench: UserBench }).__bench);
      const submitAt = u.clicks.find((click) => /^continue$/i.test(click.text.trim()))?.at;
      const allowAt = u.clicks.find((click) => /allow screen sharing/i.test(click.text))?.at;
      if (submitAt === undefined || allowAt === undefined || !u.promptAt) throw new Error('missing timestamps');
      if (run < WARM_UP) continue;
      raw.push(firstFrameAt - submitAt);
      toPrompt.push(u.promptAt - submitAt);
      afterAllow.push(firstFrameAt - allowAt);
      capture.push(u.captureAt - allowAt);
      samples.push(firstFrameAt - submitAt - (allowAt - u.promptAt));
    }
    await recordMetrics('connect', [
      distribution('connect_ms', 'ms', samples, {
        details: {
          method: 'user page click on Continue → first requestVideoFrameCallback on the consultant (presentationTime, wall clock); minus prompt-shown → Allow click',
          warmUpSessions: WARM_UP,
          rawIncludingConsentClickMs: distribution('raw', 'ms', raw),
          submitToPromptMs: distribution('toPrompt', 'ms', toPrompt),
          allowToFirstFrameMs: distribution('afterAllow', 'ms', afterAllow),
          allowToCaptureRunningMs: distribution('capture', 'ms', capture),
          override: videoOverride(),
          samples,
        },
      }),
    ]);
  } finally {
    await consultant.dispose();
    await user.dispose();
    await server.close();
  }
});
