/* eslint-disable @typescript-eslint/no-require-imports, no-undef -- a built CommonJS app, as the samples compile to */
const { output } = require('@azure/functions');
const df = require('durable-functions');
const fs = require('node:fs/promises');
const path = require('node:path');

df.app.orchestration('backupSiteContent', function* (context) {
  const rootDir = context.df.getInput();
  if (!rootDir) throw new Error('A directory path is required as an input.');
  const rootDirAbs = path.resolve(rootDir);
  const files = yield context.df.callActivity('getFileList', rootDirAbs);
  const tasks = files.map((file) =>
    context.df.callActivity('copyFileToBlob', {
      backupPath: path.relative(rootDirAbs, file).replace(/\\/g, '/'),
      filePath: file,
    }),
  );
  const results = yield context.df.Task.all(tasks);
  return results.reduce((sum, bytes) => sum + bytes, 0);
});

df.app.activity('getFileList', {
  handler: async (rootDirectory) => {
    const entries = await fs.readdir(rootDirectory, { recursive: true, withFileTypes: true });
    return entries.filter((entry) => entry.isFile()).map((entry) => path.join(entry.parentPath, entry.name));
  },
});

// A blob output whose path takes `{backupPath}` from the activity's input.
const blobOutput = output.storageBlob({ path: 'backups/{backupPath}', connection: 'StorageConnString' });

df.app.activity('copyFileToBlob', {
  extraOutputs: [blobOutput],
  handler: async ({ filePath }, context) => {
    const contents = await fs.readFile(filePath);
    context.extraOutputs.set(blobOutput, contents);
    return contents.length;
  },
});
