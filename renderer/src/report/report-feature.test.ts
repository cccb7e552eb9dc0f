import { beforeEach, describe, expect, it } from 'vitest';
import { MAX_SCREENSHOTS, reportScreenshotMessageSchema } from '../../../shared/report';
import { SessionRecorder } from './report-feature';
import { useReportStore } from './report-store';

const still = { png: new Uint8Array([1, 2, 3]), width: 1920, height: 1080 };

function recorder(role: 'user' | 'consultant') {
  const sent: object[] = [];
  return { recorder: new SessionRecorder(role, 'Ιωάννης', (message) => sent.push(message)), sent };
}

describe('screenshots in the session report', () => {
  beforeEach(() => useReportStore.getState().resetSession());

  it('the consultant keeps the picture and tells the user only that one was taken', () => {
    const { recorder: consultant, sent } = recorder('consultant');
    expect(consultant.addScreenshot(still)).toBe(true);
    const [kept] = useReportStore.getState().screenshots;
    expect(kept).toMatchObject({ width: 1920, height: 1080, png: still.png });
    expect(sent).toEqual([{ t: 'report.screenshot', id: kept?.id, takenAt: kept?.takenAt, width: 1920, height: 1080 }]);
    expect(reportScreenshotMessageSchema.safeParse(sent[0]).success).toBe(true);
  });

  it('the user lists it, removes it, and the consultant drops it too', () => {
    const { recorder: consultant, sent: toUser } = recorder('consultant');
    consultant.addScreenshot(still);
    const { recorder: user, sent: toConsultant } = recorder('user');
    expect(useReportStore.getState().screenshots).toEqual([]);
    expect(user.handle(toUser[0])).toBe(true);
    const [listed] = useReportStore.getState().screenshots;
    expect(listed?.png).toBeUndefined();

    user.removeScreenshot(listed?.id ?? '');
    expect(useReportStore.getState().screenshots).toEqual([]);
    // The consultant's side, with the picture, gets the removal.
    useReportStore.getState().addScreenshot({ ...(listed ?? { id: 'x', takenAt: 0, width: 1, height: 1 }), png: still.png });
    expect(consultant.handle(toConsultant[0])).toBe(true);
    expect(useReportStore.getState().screenshots).toEqual([]);
  });

  it('never lets the user side take one, nor the consultant side be told of one', () => {
    const { recorder: user, sent } = recorder('user');
    expect(user.addScreenshot(still)).toBe(false);
    expect(sent).toEqual([]);
    const { recorder: consultant } = recorder('consultant');
    expect(consultant.handle({ t: 'report.screenshot', id: 'planted', takenAt: 1, width: 10, height: 10 })).toBe(true);
    expect(useReportStore.getState().screenshots).toEqual([]);
  });

  it('keeps at most MAX_SCREENSHOTS and refuses malformed messages', () => {
    const { recorder: consultant } = recorder('consultant');
    for (let index = 0; index < MAX_SCREENSHOTS; index += 1) expect(consultant.addScreenshot(still)).toBe(true);
    expect(consultant.addScreenshot(still)).toBe(false);
    expect(useReportStore.getState().screenshots).toHaveLength(MAX_SCREENSHOTS);
    for (const bad of [{ t: 'report.screenshot', id: '', takenAt: 1, width: 1, height: 1 }, { t: 'report.screenshot', id: 'a', takenAt: 1, width: 0, height: 1 }, { t: 'report.screenshotRemoved', id: 'a', extra: 1 }]) {
      expect(reportScreenshotMessageSchema.safeParse(bad).success).toBe(false);
    }
  });
});
