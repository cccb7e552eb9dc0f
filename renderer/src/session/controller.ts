import { CHAT } from '../chat/chat-feature';
import { CONTROL } from '../control/control-feature';
import { useScreensStore } from '../control/screens-store';
import { SHARING } from '../sharing/pause-feature';
import { FILES } from '../files/files-feature';
import { getHost } from '../host/host';
import { OVERLAY } from '../overlay/overlay-feature';
import { REPORT } from '../report/report-feature';
import { VOICE } from '../voice/voice-feature';
import { RECORDING } from '../recording/recording-feature';
import { TOOLKIT } from '../toolkit/toolkit-feature';
import { createPeerLink } from './peer-link';
import { SessionController } from './session-controller';
import { useChatStore } from '../chat/chat-store';
import { useConnectionStore } from './connection-store';
import { useSessionStore } from './session-store';
import { useSafetyCodeStore } from './safety-code-store';
import { connectSignaling } from './signaling-client';
import { firstVideoFrame } from './first-frame';

/** The window's session controller, wired to the real host, network and screen. */
export const sessionController = new SessionController({
  host: getHost(),
  connect: connectSignaling,
  createPeer: createPeerLink,
  // Only a frame rate is asked for: size constraints make Chromium upscale the capture.
  captureScreen: () => navigator.mediaDevices.getDisplayMedia({ video: { frameRate: { ideal: 30, max: 30 } }, audio: false }),
  firstFrame: firstVideoFrame,
  getState: () => useSessionStore.getState().state,
  setState: (state) => useSessionStore.getState().setState(state),
  onConnection: (status) => useConnectionStore.getState().set(status),
  recentChat: () => useChatStore.getState().entries.map(({ from, text, at }) => ({ from, text: text.slice(0, 2000), at })),
  restoreChat: (lines) => {
    const chat = useChatStore.getState();
    lines.forEach((line, index) => chat.add({ id: `restored-${index}`, ...line }));
  },
  onSafetyCode: (reading) => useSafetyCodeStore.getState().read(reading),
  onScreens: (screens, current) => useScreensStore.getState().set({ screens, current }),
  // RECORDING before REPORT: the recorder stops first, and the recordings it made are in the report.
  features: [CONTROL, TOOLKIT, FILES, CHAT, SHARING, RECORDING, REPORT, VOICE, OVERLAY],
});
