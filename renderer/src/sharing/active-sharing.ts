import { sessionController } from '../session/controller';
import { SHARING, type SharingPause } from './pause-feature';

export function activeSharing(): SharingPause | null {
  return sessionController.feature(SHARING);
}
