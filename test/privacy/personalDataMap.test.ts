import { describe, expect, it } from 'vitest';
import { personalDataMap } from '../../shared/privacy/personalDataMap';
import { resources } from '../../shared/resources';

describe('every store has a personal-data decision', () => {
  it('names every Cosmos container of the manifest, and nothing that is not in it', () => {
    expect(Object.keys(personalDataMap.cosmos).sort()).toEqual(
      Object.keys(resources.cosmos.containers).sort(),
    );
  });

  it('names every blob container of the manifest, and nothing that is not in it', () => {
    expect(Object.keys(personalDataMap.blobs).sort()).toEqual(
      Object.keys(resources.storage.blobContainers).sort(),
    );
  });

  it('says for every store that holds personal data how a person is found there', () => {
    for (const decision of [
      ...Object.values(personalDataMap.cosmos),
      ...Object.values(personalDataMap.blobs),
    ]) {
      if (decision.erasure !== 'none') expect(decision.foundBy).not.toMatch(/not searched/);
    }
  });
});
