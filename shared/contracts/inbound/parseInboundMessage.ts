import { err, type Result } from '../../result';
import { validate, type ValidationIssue } from '../../validation';
import { supportedSchemaVersions } from '../schemaVersion';
import { InboundMessage } from './messages';

const isRecord = (raw: unknown): raw is Record<string, unknown> =>
  typeof raw === 'object' && raw !== null && !Array.isArray(raw);

/**
 * Read a message from the utility. The version is checked before anything else: a v2 message
 * would otherwise fail on a dozen fields and bury the one reason that matters.
 */
export function parseInboundMessage(raw: unknown): Result<InboundMessage, ValidationIssue[]> {
  const supported = supportedSchemaVersions.join(', ');
  if (!isRecord(raw)) return err([{ path: '', message: 'must be a JSON object' }]);
  const version = raw['schemaVersion'];
  if (version === undefined) {
    return err([{ path: 'schemaVersion', message: `schemaVersion is required; supported: ${supported}` }]);
  }
  if (typeof version !== 'number' || !supportedSchemaVersions.includes(version)) {
    return err([
      {
        path: 'schemaVersion',
        message: `unsupported schemaVersion ${JSON.stringify(version)}; supported: ${supported}`,
      },
    ]);
  }
  return validate(InboundMessage, raw);
}
