import { sessionController } from '../session/controller';
import { CONTROL } from './control-feature';
import { ConsultantControl } from './consultant-control';
import { UserControl } from './user-control';

/** The consultant's end of control in the live session, if this side is the consultant. */
export function consultantControl(): ConsultantControl | null {
  const control = sessionController.feature(CONTROL);
  return control instanceof ConsultantControl ? control : null;
}

/** The user's end of control in the live session, if this side is the user. */
export function userControl(): UserControl | null {
  const control = sessionController.feature(CONTROL);
  return control instanceof UserControl ? control : null;
}
