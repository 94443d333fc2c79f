package io.wya.gateway.presence;

class InMemoryPresenceStoreTest extends PresenceStoreContract {
  private InMemoryPresenceStore memory;

  @Override protected PresenceStore newStore() {
    memory = new InMemoryPresenceStore();
    return memory;
  }

  @Override protected PresenceFeed newFeed() { return memory.feed(); }
}
