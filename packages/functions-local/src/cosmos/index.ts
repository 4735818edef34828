export { startEmbeddedCosmos, type EmbeddedCosmos, type EmbeddedCosmosOptions } from './embeddedCosmos';
