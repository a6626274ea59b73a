package nl.welkom.sdk;

/** A failed SDK call; {@link #code()} is the canonical gRPC status code. */
public final class WelkomException extends Exception {
  public static final int INVALID_ARGUMENT = 3;
  public static final int NOT_FOUND = 5;
  public static final int ALREADY_EXISTS = 6;
  public static final int PERMISSION_DENIED = 7;
  public static final int FAILED_PRECONDITION = 9;
  public static final int ABORTED = 10;
  public static final int UNAVAILABLE = 14;
  public static final int UNAUTHENTICATED = 16;

  private final int code;

  public WelkomException(int code, String message) {
    super(message);
    this.code = code;
  }

  public int code() {
    return code;
  }
}
