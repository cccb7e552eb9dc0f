import { sessionController } from '../session/controller';
import { OVERLAY, type Overlay } from './overlay-feature';

export function activeOverlay(): Overlay | null {
  return sessionController.feature(OVERLAY);
}
