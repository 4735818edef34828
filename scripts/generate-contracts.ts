import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { contractJsonSchemas, renderJsonSchema } from '../shared/contracts/jsonSchemas';

/**
 * Writes docs/contracts/*.schema.json from the zod contracts; test/shared checks they are current.
 * Run from the repository root (`npm run contracts`).
 */
const outputDirectory = join(process.cwd(), 'docs', 'contracts');
mkdirSync(outputDirectory, { recursive: true });
for (const [fileName, schema] of Object.entries(contractJsonSchemas())) {
  writeFileSync(join(outputDirectory, fileName), renderJsonSchema(schema));
  console.log(`wrote docs/contracts/${fileName}`);
}
