package io.wya.mls.wire;

/// A structurally valid KeyPackage failed a public check ([KeyPackageProblem]). Stackless.
public final class InvalidKeyPackageException extends Exception {
  private final KeyPackageProblem problem;

  public InvalidKeyPackageException(KeyPackageProblem problem, String detail) {
    super(problem + (detail == null || detail.isEmpty() ? "" : ": " + detail), null, false, false);
    this.problem = problem;
  }

  public KeyPackageProblem problem() { return problem; }
}
