package nl.welkom.sdk;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.StringValue;
import java.util.List;
import nl.welkom.proto.v1.BuddyProfile;
import nl.welkom.proto.v1.Course;
import nl.welkom.proto.v1.ErasureStatus;
import nl.welkom.proto.v1.Event;
import nl.welkom.proto.v1.Invitation;
import nl.welkom.proto.v1.Journey;
import nl.welkom.proto.v1.ListCoursesResponse;
import nl.welkom.proto.v1.ListEventsResponse;
import nl.welkom.proto.v1.ListMatchesResponse;
import nl.welkom.proto.v1.ListNotificationsResponse;
import nl.welkom.proto.v1.Match;
import nl.welkom.proto.v1.Member;
import nl.welkom.proto.v1.NewcomerPreferences;
import nl.welkom.proto.v1.Notification;
import nl.welkom.proto.v1.NotificationPreferences;
import nl.welkom.proto.v1.SetNotificationPreferencesRequest;
import nl.welkom.proto.v1.UpdateStepRequest;
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

  /** A new notification from {@link #watchNotifications}. */
  public interface NotificationListener {
    void onNotification(Notification notification);
  }

  /** What the native side calls: the notification's bytes. */
  interface RawListener {
    void onBytes(byte[] notification);
  }

  /** A live notification watch; close it before its client. */
  public static final class Watch implements AutoCloseable {
    private long handle;

    private Watch(long handle) {
      this.handle = handle;
    }

    /** No listener call runs after this returns. */
    @Override
    public synchronized void close() {
      if (handle != 0) {
        nativeWatchFree(handle);
        handle = 0;
      }
    }
  }

  /** How to reach the server and where to keep the cache. */
  public static final class Options {
    public String target = "127.0.0.1:50051";
    /** The cache and outbox file in the app's private directory. */
    public String cachePath = ":memory:";
    /** PEM roots for TLS; null without TLS, "" for the system's roots. */
    public String tlsRoots = null;
    /** welkomd's HTTP port as the phone reaches it, for the calendar feed. */
    public String webBaseUrl = "http://127.0.0.1:8080";
    public boolean syncAutomatically = true;
    public ChangeListener onConflict = null;
    public ChangeListener onRejected = null;
  }

  private long handle;

  public WelkomClient(Options options) throws WelkomException {
    handle = nativeOpen(options.target, options.cachePath, options.tlsRoots,
        options.webBaseUrl, options.syncAutomatically, options.onConflict,
        options.onRejected);
  }

  public Member login(String email, String password) throws WelkomException {
    return parse(
        () -> Member.parseFrom(nativeLogin(handle(), email, password)));
  }

  /**
   * Who invites whom into which organisation, before accepting; NOT_FOUND for
   * a dead code.
   */
  public Invitation getInvitation(String code) throws WelkomException {
    return parse(
        () -> Invitation.parseFrom(nativeGetInvitation(handle(), code)));
  }

  public Member acceptInvitation(String code, String password)
      throws WelkomException {
    return parse(()
                     -> Member.parseFrom(
                         nativeAcceptInvitation(handle(), code, password)));
  }

  /** Needs the server; every other session of the account is signed out. */
  public void changePassword(String currentPassword, String newPassword)
      throws WelkomException {
    nativeChangePassword(handle(), currentPassword, newPassword);
  }

  public void logout() throws WelkomException {
    nativeLogout(handle());
  }

  public boolean isSignedIn() throws WelkomException {
    return nativeSignedIn(handle());
  }

  public WhoAmIResponse whoAmI(int source) throws WelkomException {
    return parse(
        () -> WhoAmIResponse.parseFrom(nativeWhoAmI(handle(), source)));
  }

  /** The own journey, with step changes still in the outbox laid over. */
  public Journey getJourney(int source) throws WelkomException {
    return parse(() -> Journey.parseFrom(nativeJourney(handle(), source)));
  }

  /**
   * Queues a step change (journey_id empty; an empty etag takes the step's
   * etag as last read). Works offline; the server's verdict comes through
   * the conflict or rejected listener.
   */
  public void updateStep(UpdateStepRequest change) throws WelkomException {
    nativeUpdateStep(handle(), change.toByteArray());
  }

  /**
   * Whether the last call reached the server (else reads come from the cache).
   */
  public boolean isOnline() throws WelkomException {
    return nativeOnline(handle());
  }

  /**
   * Lets the region's Expat Center advisors see the journey; needs the server.
   */
  public Journey grantConsent() throws WelkomException {
    return parse(() -> Journey.parseFrom(nativeGrantConsent(handle())));
  }

  public Journey withdrawConsent() throws WelkomException {
    return parse(() -> Journey.parseFrom(nativeWithdrawConsent(handle())));
  }

  /** "How are you settling in?" at day 30, 60 or 90 (score 0..10). */
  public Journey submitCheckIn(int day, int score, String comment)
      throws WelkomException {
    return parse(()
                     -> Journey.parseFrom(
                         nativeSubmitCheckIn(handle(), day, score, comment)));
  }

  public NewcomerPreferences buddyPreferences(int source)
      throws WelkomException {
    return parse(()
                     -> NewcomerPreferences.parseFrom(
                         nativeBuddyPreferences(handle(), source)));
  }

  /** Replaces the newcomer's buddy preferences; needs the server. */
  public NewcomerPreferences setBuddyPreferences(
      NewcomerPreferences preferences) throws WelkomException {
    return parse(()
                     -> NewcomerPreferences.parseFrom(nativeSetBuddyPreferences(
                         handle(), preferences.toByteArray())));
  }

  public BuddyProfile buddyProfile(int source) throws WelkomException {
    return parse(
        () -> BuddyProfile.parseFrom(nativeBuddyProfile(handle(), source)));
  }

  /** Replaces the buddy's profile; needs the server. */
  public BuddyProfile updateBuddyProfile(BuddyProfile profile)
      throws WelkomException {
    return parse(()
                     -> BuddyProfile.parseFrom(nativeUpdateBuddyProfile(
                         handle(), profile.toByteArray())));
  }

  /** A buddy's proposals and matched newcomers, or a newcomer's buddy. */
  public List<Match> matches(int source) throws WelkomException {
    return parse(
        () -> ListMatchesResponse.parseFrom(nativeMatches(handle(), source)))
        .getMatchesList();
  }

  /** The buddy accepts or declines a proposal (within its 72 hours). */
  public Match answerProposal(String matchId, boolean accept)
      throws WelkomException {
    return parse(
        () -> Match.parseFrom(nativeAnswerProposal(handle(), matchId, accept)));
  }

  public Match requestRematch(String matchId) throws WelkomException {
    return parse(
        () -> Match.parseFrom(nativeRequestRematch(handle(), matchId)));
  }

  /** The inbox, newest first, with read marks still in the outbox applied. */
  public List<Notification> inbox(int source) throws WelkomException {
    return parse(()
                     -> ListNotificationsResponse.parseFrom(
                         nativeInbox(handle(), source)))
        .getNotificationsList();
  }

  /** Marks notifications read through the outbox (works offline). */
  public void markRead(long... ids) throws WelkomException {
    nativeMarkRead(handle(), ids);
  }

  /**
   * Calls the listener on the SDK's thread for each new notification, once
   * and in order, reconnecting by itself; close the watch to stop.
   */
  public Watch watchNotifications(NotificationListener listener)
      throws WelkomException {
    RawListener raw = bytes -> {
      try {
        listener.onNotification(Notification.parseFrom(bytes));
      } catch (InvalidProtocolBufferException e) {
        // Bytes from the same .proto always parse; nothing to tell the app.
      }
    };
    return new Watch(nativeWatch(handle(), raw));
  }

  /**
   * Upcoming events the user may join, by start time, with RSVPs still in
   * the outbox laid over (myRsvp as the server is expected to decide).
   */
  public List<Event> events(int source) throws WelkomException {
    return parse(
        () -> ListEventsResponse.parseFrom(nativeEvents(handle(), source)))
        .getEventsList();
  }

  /**
   * Takes a seat (or a waitlist place) through the outbox; works offline. A
   * second RSVP comes back through the rejected listener.
   */
  public void rsvp(String eventId) throws WelkomException {
    nativeRsvp(handle(), eventId);
  }

  /** Gives the seat back through the outbox; works offline. */
  public void cancelRsvp(String eventId) throws WelkomException {
    nativeCancelRsvp(handle(), eventId);
  }

  /**
   * Dutch classes on offer, by first session, each with the user's own
   * enrolment (enrolments still in the outbox laid over); cached offline.
   */
  public List<Course> classes(int source) throws WelkomException {
    return parse(
        () -> ListCoursesResponse.parseFrom(nativeClasses(handle(), source)))
        .getCoursesList();
  }

  /**
   * Enrols through the outbox (works offline); a second enrolment is rejected.
   */
  public void enrol(String courseId) throws WelkomException {
    nativeEnrol(handle(), courseId);
  }

  /** Withdraws through the outbox; the seat goes to the first waiting. */
  public void withdraw(String courseId) throws WelkomException {
    nativeWithdraw(handle(), courseId);
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
    if (handle == 0)
      throw new WelkomException(9, "client is closed");
    return handle;
  }

  interface Parser<T> {
    T parse() throws InvalidProtocolBufferException, WelkomException;
  }

  /**
   * Makes a new secret address of the personal calendar feed (events, class
   * sessions, journey deadlines as .ics for any calendar app), revokes the
   * one before and keeps the new one. Needs the server.
   */
  public String renewCalendarFeed() throws WelkomException {
    return parse(() -> StringValue.parseFrom(nativeRenewCalendarFeed(handle())))
        .getValue();
  }

  /**
   * The feed's address last made on this device; NOT_FOUND if none. Offline.
   */
  public String calendarFeedUrl() throws WelkomException {
    return parse(() -> StringValue.parseFrom(nativeCalendarFeedUrl(handle())))
        .getValue();
  }

  /**
   * Revokes the feed: its address answers 404 from then on. Needs the server.
   */
  public void revokeCalendarFeed() throws WelkomException {
    nativeRevokeCalendarFeed(handle());
  }

  /**
   * Everything Welkom holds about the member, as JSON
   * (welkom.v1.PersonalData). Needs the server.
   */
  public String exportMyData() throws WelkomException {
    return parse(() -> StringValue.parseFrom(nativeExportMyData(handle())))
        .getValue();
  }

  /**
   * A newcomer's or buddy's erasure: asks for it (erased after the server's
   * cooling-off period; asked again, the first request stands), calls it off
   * (FAILED_PRECONDITION when none waits) or reads where it stands.
   */
  public ErasureStatus requestErasure() throws WelkomException {
    return parse(() -> ErasureStatus.parseFrom(nativeRequestErasure(handle())));
  }

  public ErasureStatus cancelErasure() throws WelkomException {
    return parse(() -> ErasureStatus.parseFrom(nativeCancelErasure(handle())));
  }

  public ErasureStatus erasureStatus() throws WelkomException {
    return parse(
        () -> ErasureStatus.parseFrom(nativeGetErasureStatus(handle())));
  }

  /**
   * How each kind of notification reaches the member by e-mail (at once, in
   * the daily digest, or not at all), with the set's etag; needs the server.
   */
  public NotificationPreferences notificationPreferences()
      throws WelkomException {
    return parse(()
                     -> NotificationPreferences.parseFrom(
                         nativeNotificationPreferences(handle())));
  }

  /**
   * Changes the kinds in `request` (with the etag last read, or none);
   * ABORTED for a stale etag, FAILED_PRECONDITION for a kind that cannot be
   * turned off.
   */
  public NotificationPreferences setNotificationPreferences(
      SetNotificationPreferencesRequest request) throws WelkomException {
    return parse(()
                     -> NotificationPreferences.parseFrom(
                         nativeSetNotificationPreferences(
                             handle(), request.toByteArray())));
  }

  static <T> T parse(Parser<T> parser) throws WelkomException {
    try {
      return parser.parse();
    } catch (InvalidProtocolBufferException e) {
      throw new WelkomException(15, "unreadable answer: " + e.getMessage());
    }
  }

  private static native long nativeOpen(String target, String cachePath,
      String tlsRoots, String webBaseUrl, boolean syncAutomatically,
      ChangeListener onConflict, ChangeListener onRejected)
      throws WelkomException;
  private static native byte[] nativeRenewCalendarFeed(long handle)
      throws WelkomException;
  private static native byte[] nativeCalendarFeedUrl(long handle)
      throws WelkomException;
  private static native void nativeRevokeCalendarFeed(long handle)
      throws WelkomException;
  private static native void nativeFree(long handle);
  private static native byte[] nativeGetInvitation(long handle, String code)
      throws WelkomException;
  private static native byte[] nativeExportMyData(long handle)
      throws WelkomException;
  private static native byte[] nativeNotificationPreferences(long handle)
      throws WelkomException;
  private static native byte[] nativeSetNotificationPreferences(
      long handle, byte[] request) throws WelkomException;
  private static native byte[] nativeRequestErasure(long handle)
      throws WelkomException;
  private static native byte[] nativeCancelErasure(long handle)
      throws WelkomException;
  private static native byte[] nativeGetErasureStatus(long handle)
      throws WelkomException;
  private static native byte[] nativeLogin(
      long handle, String email, String password) throws WelkomException;
  private static native byte[] nativeAcceptInvitation(
      long handle, String code, String password) throws WelkomException;
  private static native void nativeChangePassword(
      long handle, String current, String next) throws WelkomException;
  private static native void nativeLogout(long handle) throws WelkomException;
  private static native boolean nativeOnline(long handle);
  private static native byte[] nativeGrantConsent(long handle)
      throws WelkomException;
  private static native byte[] nativeWithdrawConsent(long handle)
      throws WelkomException;
  private static native byte[] nativeSubmitCheckIn(
      long handle, int day, int score, String comment) throws WelkomException;
  private static native byte[] nativeBuddyPreferences(long handle, int source)
      throws WelkomException;
  private static native byte[] nativeSetBuddyPreferences(
      long handle, byte[] preferences) throws WelkomException;
  private static native byte[] nativeBuddyProfile(long handle, int source)
      throws WelkomException;
  private static native byte[] nativeUpdateBuddyProfile(
      long handle, byte[] profile) throws WelkomException;
  private static native byte[] nativeMatches(long handle, int source)
      throws WelkomException;
  private static native byte[] nativeAnswerProposal(
      long handle, String matchId, boolean accept) throws WelkomException;
  private static native byte[] nativeRequestRematch(long handle, String matchId)
      throws WelkomException;
  private static native boolean nativeSignedIn(long handle);
  private static native byte[] nativeWhoAmI(long handle, int source)
      throws WelkomException;
  private static native void nativeSync(long handle) throws WelkomException;
  private static native long nativePendingChanges(long handle)
      throws WelkomException;
  private static native byte[] nativeJourney(long handle, int source)
      throws WelkomException;
  private static native void nativeUpdateStep(long handle, byte[] request)
      throws WelkomException;
  private static native byte[] nativeInbox(long handle, int source)
      throws WelkomException;
  private static native void nativeMarkRead(long handle, long[] ids)
      throws WelkomException;
  private static native byte[] nativeEvents(long handle, int source)
      throws WelkomException;
  private static native void nativeRsvp(long handle, String eventId)
      throws WelkomException;
  private static native void nativeCancelRsvp(long handle, String eventId)
      throws WelkomException;
  private static native byte[] nativeClasses(long handle, int source)
      throws WelkomException;
  private static native void nativeEnrol(long handle, String courseId)
      throws WelkomException;
  private static native void nativeWithdraw(long handle, String courseId)
      throws WelkomException;
  private static native long nativeWatch(long handle, RawListener listener)
      throws WelkomException;
  private static native void nativeWatchFree(long watch);
}
