package io.wya.gateway.contacts;

import java.security.SecureRandom;

class InMemoryContactsProjectionTest extends ContactsProjectionContract {
  @Override protected ContactsProjection newProjection() { return new InMemoryContactsProjection(new SecureRandom()); }

  @Override protected void lose(ContactsProjection projection) { ((InMemoryContactsProjection) projection).lose(); }
}
