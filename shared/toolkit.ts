/**
 * The troubleshooting toolkit over the data channel: the consultant asks, the user's app
 * runs diagnostics and repairs only with the user's agreement, and sends back results.
 * The consultant can only name a check or a repair from the fixed lists: never a command.
 */
import * as z from 'zod';
import { checkIdSchema, checkResultSchema, repairActionSchema, repairIdSchema, repairOutcomeSchema } from './diagnostics';

/** Consultant → user. */
export const toolkitToUserSchema = z.discriminatedUnion('t', [
  z.strictObject({ t: z.literal('diagnostics.request') }),
  z.strictObject({ t: z.literal('diagnostics.rerun'), id: checkIdSchema }),
  z.strictObject({ t: z.literal('repairs.list') }),
  z.strictObject({ t: z.literal('repair.propose'), id: repairIdSchema }),
]);
export type ToolkitToUser = z.infer<typeof toolkitToUserSchema>;

/** User → consultant. Results travel one per message so each stays small. */
export const toolkitToConsultantSchema = z.discriminatedUnion('t', [
  z.strictObject({ t: z.literal('diagnostics.status'), status: z.enum(['asking', 'running', 'reviewing', 'declined', 'shared']) }),
  z.strictObject({ t: z.literal('diagnostics.result'), result: checkResultSchema }),
  z.strictObject({ t: z.literal('repairs.available'), actions: z.array(repairActionSchema).max(32) }),
  z.strictObject({ t: z.literal('repair.status'), id: repairIdSchema, status: z.enum(['asking', 'declined', 'running']) }),
  z.strictObject({ t: z.literal('repair.outcome'), outcome: repairOutcomeSchema }),
]);
export type ToolkitToConsultant = z.infer<typeof toolkitToConsultantSchema>;

/** What `repairs.run` answers: nothing ran unless the user approved in the host's own dialog. */
export type RepairRunResult = { approved: false } | { approved: true; outcome: z.infer<typeof repairOutcomeSchema> };
