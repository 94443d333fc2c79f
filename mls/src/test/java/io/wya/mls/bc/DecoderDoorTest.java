package io.wya.mls.bc;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.List;
import org.bouncycastle.mls.codec.MLSInputStream;
import org.bouncycastle.mls.codec.MLSMessage;
import org.bouncycastle.mls.codec.Welcome;
import org.bouncycastle.mls.protocol.Group;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/// RISK R6, client side, checked on the compiled classes: bcmls's decoder (unsafe on untrusted
/// input, mls-notes B4) is called only through [BcDecode], whose callers parse with mls-wire
/// first; the bcmls entry points that decode bytes internally (`Group.handle(byte[]…)`,
/// `Group.unprotect`, `Welcome.decrypt…`) are never called; those that decode a Welcome or a
/// GroupInfo internally are called only after our strict pre-checks.
class DecoderDoorTest {
  private static JavaClasses classes;

  @BeforeAll
  static void load() {
    classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("io.wya.mls");
  }

  @Test
  @DisplayName("R6 only BcDecode calls bcmls's decoder")
  void onlyBcDecodeDecodes() {
    // the rules see real calls: without the exemption, BcDecode's own call is reported
    assertThatThrownBy(() -> noClasses().should().callMethod(MLSInputStream.class, "decode", byte[].class, Class.class).check(classes))
        .isInstanceOf(AssertionError.class).hasMessageContaining("BcDecode");
    assertThatThrownBy(() -> noClasses().should().callConstructor(Group.class, byte[].class,
        org.bouncycastle.crypto.AsymmetricCipherKeyPair.class, byte[].class, org.bouncycastle.mls.codec.KeyPackage.class, Welcome.class,
        org.bouncycastle.mls.TreeKEM.TreeKEMPublicKey.class, java.util.Map.class, java.util.Map.class).check(classes))
        .isInstanceOf(AssertionError.class).hasMessageContaining("BcWelcomes");
    noClasses().that().doNotHaveSimpleName("BcDecode").should()
        .callMethod(MLSInputStream.class, "decode", byte[].class, Class.class)
        .because("peer bytes reach bcmls's decoder only after mls-wire parsed them (BcDecode's callers)")
        .check(classes);
    noClasses().that().doNotHaveSimpleName("BcKeyPackages").should().callConstructor(MLSInputStream.class, byte[].class)
        .because("the only stream built by hand is a LifeTime from our own 16 bytes (B9)")
        .check(classes);
  }

  @Test
  @DisplayName("R6 the bcmls entry points that decode untrusted bytes themselves are never called")
  void internalDecodersAreNotCalled() {
    for (var rule : List.of(
        noClasses().should().callMethod(Group.class, "handle", byte[].class, Group.class),
        noClasses().should().callMethod(Group.class, "handle", byte[].class, Group.class, Group.CommitParameters.class),
        noClasses().should().callMethod(Group.class, "unprotect", MLSMessage.class),
        noClasses().should().callMethod(Welcome.class, "decrypt", byte[].class, List.class),
        noClasses().should().callMethod(Welcome.class, "decryptSecrets", int.class, byte[].class))) {
      rule.check(classes);
    }
  }

  @Test
  @DisplayName("R6 the Welcome and external-join constructors of bcmls run only behind our strict pre-checks")
  void joinsOnlyAfterPreChecks() {
    noClasses().that().doNotHaveSimpleName("BcWelcomes").should()
        .callConstructor(Group.class, byte[].class, org.bouncycastle.crypto.AsymmetricCipherKeyPair.class, byte[].class,
            org.bouncycastle.mls.codec.KeyPackage.class, Welcome.class, org.bouncycastle.mls.TreeKEM.TreeKEMPublicKey.class,
            java.util.Map.class, java.util.Map.class)
        .check(classes);
    noClasses().that().doNotHaveSimpleName("BcExternalJoins").should()
        .callMethodWhere(com.tngtech.archunit.core.domain.JavaCall.Predicates.target(
            com.tngtech.archunit.core.domain.properties.HasName.Predicates.name("externalJoin"))
            .and(com.tngtech.archunit.core.domain.JavaCall.Predicates.target(
                com.tngtech.archunit.core.domain.properties.HasOwner.Predicates.With.owner(
                    com.tngtech.archunit.core.domain.JavaClass.Predicates.equivalentTo(Group.class)))))
        .check(classes);
  }
}
