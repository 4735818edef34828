import type { Container } from '@azure/cosmos';

/** The HTTP status of a Cosmos SDK error (404, 409, 412 …), when it is one. */
export const cosmosStatusOf = (error: unknown): number | undefined => {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'number' ? code : undefined;
};

/** A point read; undefined for a missing item instead of the SDK's 404. */
export async function readItem(
  container: Container,
  id: string,
  partitionKey: string,
): Promise<{ readonly resource: unknown; readonly etag: string } | undefined> {
  try {
    const response = await container.item(id, partitionKey).read();
    if (response.resource === undefined || response.statusCode === 404) return undefined;
    return { resource: response.resource, etag: response.etag };
  } catch (error) {
    if (cosmosStatusOf(error) === 404) return undefined;
    throw error;
  }
}

/** Creates the item; `exists` when one with its id is already there (deterministic ids make that a duplicate). */
export async function createItem<T extends { readonly id: string }>(
  container: Container,
  item: T,
): Promise<'created' | 'exists'> {
  try {
    await container.items.create(item);
    return 'created';
  } catch (error) {
    if (cosmosStatusOf(error) === 409) return 'exists';
    throw error;
  }
}

/** Replaces the item only if it is still at `etag`. */
export async function replaceItemAt(
  container: Container,
  item: { readonly id: string },
  partitionKey: string,
  etag: string,
): Promise<'replaced' | 'conflict'> {
  try {
    await container.item(item.id, partitionKey).replace(item, {
      accessCondition: { type: 'IfMatch', condition: etag },
    });
    return 'replaced';
  } catch (error) {
    if (cosmosStatusOf(error) === 412) return 'conflict';
    throw error;
  }
}
