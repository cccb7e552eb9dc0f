export { createSafeStorageProtector, unprotected, type Protection, type SafeStorageLike, type TicketProtector } from './protector';
export { createTicketVault, TICKET_FILE_NAME, type TicketVault } from './ticket-vault';
export { createLoginItemStart, createXdgAutostart, linuxAppCommand, RESUME_FLAG, AUTOSTART_FILE_NAME, type NextLoginStart, type LoginItemsLike } from './next-login';
export { createReconnectService, type ReconnectService } from './reconnect-service';
