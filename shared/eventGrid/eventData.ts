/**
 * ACS documents its event data both ways: the Event Grid schema pages show PascalCase fields
 * (`MessageId`, `From`, `DeliveryStatus`), the SDK samples and some deliveries camelCase
 * (`messageId`, `from`, `deliveryStatus`); see
 * https://learn.microsoft.com/azure/event-grid/communication-services-sms-events and
 * https://learn.microsoft.com/azure/event-grid/communication-services-email-events.
 * Reading both as camelCase keeps each parser to one schema. A field present in both casings
 * keeps its camelCase value.
 */
export function camelCaseFields(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(camelCaseFields);
  if (value === null || typeof value !== 'object') return value;
  const entries = Object.entries(value as Record<string, unknown>);
  const result: Record<string, unknown> = {};
  for (const [key, field] of entries) {
    const camel = key.charAt(0).toLowerCase() + key.slice(1);
    if (camel !== key && Object.hasOwn(value, camel)) continue;
    result[camel] = camelCaseFields(field);
  }
  return result;
}
