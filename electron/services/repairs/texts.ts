/** What each repair does, in the words the user reads before approving it. */
import type { Bilingual, RepairId } from '../../../shared/diagnostics';

const say = (en: string, fr: string): Bilingual => ({ en, fr });

export const TEXTS: Record<RepairId, { title: Bilingual; explanation: Bilingual }> = {
  'dns.flush': {
    title: say('Clear the DNS cache', 'Vider le cache DNS'),
    explanation: say(
      'Forgets the website addresses the computer remembered, so it looks them up again. Nothing else changes.',
      'Oublie les adresses de sites mémorisées par l’ordinateur pour qu’il les redemande. Rien d’autre ne change.',
    ),
  },
  'network.renew-dhcp': {
    title: say('Renew the network address', 'Renouveler l’adresse réseau'),
    explanation: say(
      'Asks the router for a new network address. The connection drops for a few seconds; this session may reconnect.',
      'Demande une nouvelle adresse réseau au routeur. La connexion coupe quelques secondes ; cette session peut se reconnecter.',
    ),
  },
  'network.reset-stack': {
    title: say('Reset the network settings', 'Réinitialiser les réglages réseau'),
    explanation: say(
      'Resets Windows’ network components (Winsock and TCP/IP) to their defaults. Restart the computer afterwards; custom network settings may be lost.',
      'Remet les composants réseau de Windows (Winsock et TCP/IP) à leur état d’origine. Redémarrez ensuite ; des réglages réseau personnalisés peuvent être perdus.',
    ),
  },
  'printing.restart-spooler': {
    title: say('Restart the printing service', 'Redémarrer le service d’impression'),
    explanation: say(
      'Stops and starts the service that sends documents to printers. Documents waiting to print are kept.',
      'Arrête puis relance le service qui envoie les documents aux imprimantes. Les documents en attente sont conservés.',
    ),
  },
  'printing.clear-queue': {
    title: say('Cancel waiting print jobs', 'Annuler les impressions en attente'),
    explanation: say(
      'Cancels every document waiting to print. They will have to be printed again.',
      'Annule tous les documents en attente d’impression. Il faudra les relancer.',
    ),
  },
  'security.quick-scan': {
    title: say('Start a quick virus scan', 'Lancer une analyse antivirus rapide'),
    explanation: say(
      'Microsoft Defender checks the places where threats usually hide. It takes a few minutes and deletes nothing without telling you.',
      'Microsoft Defender vérifie les endroits où les menaces se cachent d’habitude. Cela prend quelques minutes et ne supprime rien sans vous prévenir.',
    ),
  },
  'system.clear-temp': {
    title: say('Delete old temporary files', 'Supprimer les anciens fichiers temporaires'),
    explanation: say(
      'Deletes your own temporary files older than 7 days to free disk space. Your documents are not touched.',
      'Supprime vos propres fichiers temporaires de plus de 7 jours pour libérer de la place. Vos documents ne sont pas touchés.',
    ),
  },
  'system.restart-computer': {
    title: say('Restart the computer', 'Redémarrer l’ordinateur'),
    explanation: say(
      'Restarts the computer in a few seconds. Save your open documents first. When you sign in again, Tandem opens by itself and offers to continue the session with the same person.',
      'Redémarre l’ordinateur dans quelques secondes. Enregistrez d’abord vos documents ouverts. Quand vous vous reconnectez, Tandem s’ouvre tout seul et propose de reprendre la session avec la même personne.',
    ),
  },
  'settings.open-network': {
    title: say('Open the network settings', 'Ouvrir les réglages réseau'),
    explanation: say('Opens the network settings window. Nothing is changed.', 'Ouvre la fenêtre des réglages réseau. Rien n’est modifié.'),
  },
  'settings.open-printers': {
    title: say('Open the printer settings', 'Ouvrir les réglages des imprimantes'),
    explanation: say('Opens the printer settings window. Nothing is changed.', 'Ouvre la fenêtre des réglages des imprimantes. Rien n’est modifié.'),
  },
  'settings.open-security': {
    title: say('Open the security settings', 'Ouvrir les réglages de sécurité'),
    explanation: say('Opens the security settings window. Nothing is changed.', 'Ouvre la fenêtre des réglages de sécurité. Rien n’est modifié.'),
  },
};
