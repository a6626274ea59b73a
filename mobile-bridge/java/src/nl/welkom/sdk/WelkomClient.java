package nl.welkom.sdk;

import com.google.protobuf.InvalidProtocolBufferException;
import nl.welkom.proto.v1.Member;
import nl.welkom.proto.v1.WhoAmIResponse;

/**
 * The Welkom SDK for Android: an offline-first client of welkomd over the
 * native library libwelkom_jni (the C ABI of mobile-bridge/include/welkom.h).
 *
 * <p>Thread-safe; every call blocks until done, so call it off the UI
 * thread. Reads fall back to the local cache when the server cannot be
 * reached; changes go to a persistent outbox and are sent in order.
 * Listeners run on the SDK's own thread.
 */
public final class WelkomClient implements AutoCloseable {
  static {
    System.loadLibrary("welkom_jni");
  }

  /** The server, else the cache when offline. */
  public static final int SOURCE_DEFAULT = 0;
  /** The cache only. */
  public static final int SOURCE_CACHE = 1;

  /** A change the server refused for good (ABORTED: a stale etag). */
  public interface ChangeListener {
    void onChange(int code, String method, byte[] request, String message);
  }

  /** How to reach the server and where to keep the cache. */
  public static final class Options {
    public String target = "127.0.0.1:50051";
    /** The cache and outbox file in the app's private directory. */
    public String cachePath = ":memory:";
    /** PEM roots for TLS; null without TLS, "" for the system's roots. */
    public String tlsRoots = null;
    public boolean syncAutomatically = true;
    public ChangeListener onConflict = null;
    public ChangeListener onRejected = null;
  }

  private long handle;

  public WelkomClient(Options options) throws WelkomException {
    handle = nativeOpen(options.target, options.cachePath, options.tlsRoots,
        options.syncAutomatically, options.onConflict, options.onRejected);
  }

  public Member login(String email, String password) throws WelkomException {
    return parse(() -> Member.parseFrom(nativeLogin(handle(), email, password)));
  }

  public Member acceptInvitation(String code, String password) throws WelkomException {
    return parse(() -> Member.parseFrom(nativeAcceptInvitation(handle(), code, password)));
  }

  public void logout() throws WelkomException {
    nativeLogout(handle());
  }

  public boolean isSignedIn() throws WelkomException {
    return nativeSignedIn(handle());
  }

  public WhoAmIResponse whoAmI(int source) throws WelkomException {
    return parse(() -> WhoAmIResponse.parseFrom(nativeWhoAmI(handle(), source)));
  }

  /** Sends the outbox; throws UNAVAILABLE while offline. */
  public void sync() throws WelkomException {
    nativeSync(handle());
  }

  public long pendingChanges() throws WelkomException {
    return nativePendingChanges(handle());
  }

  /** Unsent changes stay in the outbox for the next client on the cache. */
  @Override
  public synchronized void close() {
    if (handle != 0) {
      nativeFree(handle);
      handle = 0;
    }
  }

  synchronized long handle() throws WelkomException {
    if (handle == 0) throw new WelkomException(9, "client is closed");
    return handle;
  }

  interface Parser<T> {
    T parse() throws InvalidProtocolBufferException, WelkomException;
  }

  static <T> T parse(Parser<T> parser) throws WelkomException {
    try {
      return parser.parse();
    } catch (InvalidProtocolBufferException e) {
      throw new WelkomException(15, "unreadable answer: " + e.getMessage());
    }
  }

  private static native long nativeOpen(String target, String cachePath, String tlsRoots,
      boolean syncAutomatically, ChangeListener onConflict, ChangeListener onRejected)
      throws WelkomException;
  private static native void nativeFree(long handle);
  private static native byte[] nativeLogin(long handle, String email, String password)
      throws WelkomException;
  private static native byte[] nativeAcceptInvitation(long handle, String code, String password)
      throws WelkomException;
  private static native void nativeLogout(long handle) throws WelkomException;
  private static native boolean nativeSignedIn(long handle);
  private static native byte[] nativeWhoAmI(long handle, int source) throws WelkomException;
  private static native void nativeSync(long handle) throws WelkomException;
  private static native long nativePendingChanges(long handle) throws WelkomException;
}
