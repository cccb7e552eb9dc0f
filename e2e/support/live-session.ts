import type { AppWindow } from './app-window';

type OpenApp = (role: 'user' | 'consultant') => Promise<AppWindow>;

/** The common start of most tests: a consultant and a user, paired, sharing, frames decoded. */
export async function liveSession(openApp: OpenApp, consultantName = 'Camille Martin'): Promise<{ consultant: AppWindow; user: AppWindow }> {
  const consultant = await openApp('consultant');
  const user = await openApp('user');
  const code = await consultant.startSession(consultantName);
  await user.enterCode(code);
  await user.button(/allow screen sharing/i).click();
  await consultant.waitForDecodedFrames(3);
  return { consultant, user };
}
