import { sessionController } from '../session/controller';
import { ConsultantRecorder } from './consultant-recorder';
import { RECORDING } from './recording-feature';
import { UserRecording } from './user-recording';

export function userRecording(): UserRecording | null {
  const feature = sessionController.feature(RECORDING);
  return feature instanceof UserRecording ? feature : null;
}

export function consultantRecorder(): ConsultantRecorder | null {
  const feature = sessionController.feature(RECORDING);
  return feature instanceof ConsultantRecorder ? feature : null;
}
