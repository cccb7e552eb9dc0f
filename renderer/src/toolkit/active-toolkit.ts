import { sessionController } from '../session/controller';
import { ConsultantToolkit } from './consultant-toolkit';
import { TOOLKIT } from './toolkit-feature';
import { UserToolkit } from './user-toolkit';

export function consultantToolkit(): ConsultantToolkit | null {
  const toolkit = sessionController.feature(TOOLKIT);
  return toolkit instanceof ConsultantToolkit ? toolkit : null;
}

export function userToolkit(): UserToolkit | null {
  const toolkit = sessionController.feature(TOOLKIT);
  return toolkit instanceof UserToolkit ? toolkit : null;
}
