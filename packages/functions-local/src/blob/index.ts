export { startEmbeddedBlob, type EmbeddedBlob, type EmbeddedBlobOptions } from './embeddedBlob';
