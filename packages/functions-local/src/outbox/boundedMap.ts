/**
 * A Map that forgets its oldest entries beyond `limit`: what the outbox remembers per message
 * (operation statuses, SMS repeatability results) must not grow with every message a long run
 * sends. ACS keeps these for a while, not forever; a local run only needs the recent ones.
 */
export class BoundedMap<K, V> extends Map<K, V> {
  constructor(private readonly limit: number) {
    super();
  }

  override set(key: K, value: V): this {
    super.delete(key);
    super.set(key, value);
    while (this.size > this.limit) {
      const [oldest] = this.keys();
      if (oldest === undefined) break;
      this.delete(oldest);
    }
    return this;
  }
}
