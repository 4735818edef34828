/**
 * Entities are addressed by scheduler id `@name@key`, the name lower-cased, as both the extension
 * (EntityId.GetSchedulerIdFromEntityId) and durable-functions (EntityId.getSchedulerIdFromEntityId)
 * write it.
 */
export interface EntityAddress {
  readonly name: string;
  readonly key: string;
}

export const schedulerIdOf = (entity: EntityAddress): string => `@${entity.name.toLowerCase()}@${entity.key}`;

export function entityOfSchedulerId(schedulerId: string): EntityAddress | undefined {
  if (!schedulerId.startsWith('@')) return undefined;
  const at = schedulerId.indexOf('@', 1);
  if (at < 0) return undefined;
  return { name: schedulerId.slice(1, at), key: schedulerId.slice(at + 1) };
}
