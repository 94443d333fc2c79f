package io.wya.gateway;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/// Package rules of the gateway (style-and-layout §9; ADR 0200).
@AnalyzeClasses(packages = "io.wya.gateway", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {
  @ArchTest
  static final ArchRule sqlOnlyInPostgresAdapters = noClasses().that().haveSimpleNameNotStartingWith("Postgres")
      .and().doNotHaveSimpleName("Gateway")
      .should().dependOnClassesThat().resideInAnyPackage("io.vertx.sqlclient..", "io.vertx.pgclient..", "org.flywaydb..")
      .because("drivers stay in adapters; the composition root only builds the pool");

  @ArchTest
  static final ArchRule redisOnlyInRedisAdapters = noClasses().that().haveSimpleNameNotStartingWith("Redis")
      .and().doNotHaveSimpleName("Gateway").and().doNotHaveSimpleName("PresenceService")
      .should().dependOnClassesThat().resideInAnyPackage("io.vertx.redis..")
      .because("drivers stay in adapters; the composition roots (the gateway's, presence's) only hand the client over");

  @ArchTest
  static final ArchRule httpOnlyInTransport = noClasses().that().resideOutsideOfPackage("io.wya.gateway.transport..")
      .should().dependOnClassesThat().resideInAnyPackage("io.vertx.core.http..");

  @ArchTest
  static final ArchRule generatedWireClassesStayInTheCodec = noClasses().that().resideOutsideOfPackage("io.wya.gateway.protocol..")
      .should().dependOnClassesThat().resideInAPackage("io.wya.gateway.protocol.proto..")
      .because("the gateway uses the record model; only FrameCodec touches generated classes");

  @ArchTest
  static final ArchRule bouncyCastleMlsNeverSeesUntrustedBytes = noClasses()
      .should().dependOnClassesThat().resideInAPackage("org.bouncycastle.mls..")
      .because("untrusted MLS bytes go through mls-wire only (mls-notes B4, R6)");

  @ArchTest
  static final ArchRule protocolLogicIsTransportFree = noClasses()
      .that().resideInAnyPackage("io.wya.gateway.conversation..", "io.wya.gateway.keypackage..", "io.wya.gateway.mailbox..",
          "io.wya.gateway.auth..", "io.wya.gateway.limits..", "io.wya.gateway.session..")
      .should().dependOnClassesThat().resideInAnyPackage("io.wya.gateway.transport..", "io.wya.gateway.fanout..");

  @ArchTest
  static final ArchRule featuresHaveNoCycles = slices().matching("io.wya.gateway.(*)..").should().beFreeOfCycles();
}
