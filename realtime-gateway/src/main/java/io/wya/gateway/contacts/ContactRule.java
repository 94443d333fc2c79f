package io.wya.gateway.contacts;

/// Who counts as a contact: two different users who follow each other and of whom neither
/// blocks the other (ADR 0401). A block in either direction hides presence both ways.
public final class ContactRule {
  private ContactRule() {}

  public static boolean contacts(boolean aFollowsB, boolean bFollowsA, boolean aBlocksB, boolean bBlocksA) {
    return aFollowsB && bFollowsA && !aBlocksB && !bBlocksA;
  }
}
