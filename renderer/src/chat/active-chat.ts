import { sessionController } from '../session/controller';
import { CHAT, type Chat } from './chat-feature';

export function activeChat(): Chat | null {
  return sessionController.feature(CHAT);
}
